import {
  eventOfSnapshot,
  factsOf,
  idempotencyKey,
  pushBody,
  wants,
  type ServedSnapshot,
} from '../../../server/src/push/domain/subscriptions';

const everything = { enabled: true, events: ['publish', 'correct', 'kill'] as const };
const facts = { rubricSlug: 'world', agencyCode: 'TASS' };

describe('who is told of what', () => {
  test('a scheduled publication is a publication', () => {
    expect(eventOfSnapshot('scheduled-publish')).toBe('publish');
    expect(eventOfSnapshot('correct')).toBe('correct');
    expect(eventOfSnapshot('kill')).toBe('kill');
  });

  test('events, enabled, and the rubric and agency filters', () => {
    expect(wants({ ...everything, events: [...everything.events] }, 'publish', facts)).toBe(true);
    expect(wants({ enabled: false, events: ['publish'] }, 'publish', facts)).toBe(false);
    expect(wants({ enabled: true, events: ['kill'] }, 'publish', facts)).toBe(false);
    // A kill takes the article off the public: `unpublish` asks for it.
    expect(wants({ enabled: true, events: ['unpublish'] }, 'kill', facts)).toBe(true);
    expect(wants({ enabled: true, events: ['unpublish'] }, 'correct', facts)).toBe(false);
    expect(
      wants({ enabled: true, events: ['publish'], rubricSlug: 'sport' }, 'publish', facts)
    ).toBe(false);
    expect(
      wants({ enabled: true, events: ['publish'], rubricSlug: 'world' }, 'publish', facts)
    ).toBe(true);
    expect(
      wants({ enabled: true, events: ['publish'], agencyCode: 'tass' }, 'publish', facts)
    ).toBe(true);
    expect(wants({ enabled: true, events: ['publish'], agencyCode: 'AP' }, 'publish', facts)).toBe(
      false
    );
    expect(
      wants({ enabled: true, events: ['publish'], agencyCode: 'AP' }, 'publish', {
        rubricSlug: null,
        agencyCode: null,
      })
    ).toBe(false);
    // Not a list: nothing.
    expect(wants({ enabled: true, events: null as never }, 'publish', facts)).toBe(false);
  });

  test('facts come from what was served', () => {
    expect(
      factsOf({ data: { rubric: { slug: 'world' }, attribution: { agency: { code: 'TASS' } } } })
    ).toEqual(facts);
    expect(factsOf(null)).toEqual({ rubricSlug: null, agencyCode: null });
    expect(factsOf({ data: null, error: { status: 410 } })).toEqual({
      rubricSlug: null,
      agencyCode: null,
    });
  });
});

describe('what is sent', () => {
  const snapshot: ServedSnapshot = {
    documentId: 'abc',
    locale: 'ru',
    version: 3,
    at: '2026-11-29T10:00:00.000Z',
    delivery: { data: { headline: 'Заголовок' }, meta: {} },
    ninjs: { uri: 'urn:newsroom:article:abc:ru', pubstatus: 'usable' },
  };

  test('the newsroom format wraps the detail with the event; ninjs is the item itself', () => {
    const newsroom = pushBody('newsroom', 'correct', snapshot);
    expect(newsroom.contentType).toBe('application/json');
    expect(JSON.parse(newsroom.body)).toEqual({
      event: 'correct',
      documentId: 'abc',
      locale: 'ru',
      version: 3,
      at: snapshot.at,
      data: { headline: 'Заголовок' },
    });
    const ninjs = pushBody('ninjs', 'correct', snapshot);
    expect(ninjs.contentType).toBe('application/ninjs+json');
    expect(JSON.parse(ninjs.body)).toEqual(snapshot.ninjs);
  });

  test('a kill in the newsroom format carries the notice and no article', () => {
    const killed = {
      ...snapshot,
      delivery: { data: null, error: { status: 410, message: 'Withdrawn for legal reasons' } },
    };
    expect(JSON.parse(pushBody('newsroom', 'kill', killed).body)).toMatchObject({
      event: 'kill',
      data: null,
      notice: 'Withdrawn for legal reasons',
    });
  });

  test('one idempotency key per change and subscriber', () => {
    expect(idempotencyKey(7, snapshot)).toBe('abc:ru:v3:s7');
    expect(idempotencyKey(8, snapshot)).not.toBe(idempotencyKey(7, snapshot));
    expect(idempotencyKey(7, { ...snapshot, version: 4 })).not.toBe(idempotencyKey(7, snapshot));
  });
});
