import {
  changedFields,
  editsSince,
  staleMessage,
  TRAIL_LENGTH,
  withEdit,
} from '../../../server/src/workflow/domain/content-edits';

const stored = {
  headline: 'Talks',
  standfirst: null,
  embargoUntil: '2026-12-01T10:00:00.000Z',
  rubric: { id: 3, name: 'World' },
  dateline: { id: 9, place: 'MOSCOW', date: '2026-11-28' },
  body: [
    {
      id: 4,
      subhead: null,
      text: [{ type: 'paragraph', children: [{ type: 'text', text: 'A.' }] }],
    },
  ],
  leadPhoto: {
    id: 5,
    caption: 'Leaders',
    image: { id: 12, url: '/uploads/a.jpg', mime: 'image/jpeg' },
  },
};

describe('which fields a save changes', () => {
  test('what the Content Manager sends back unchanged is no change', () => {
    expect(
      changedFields(stored, {
        headline: 'Talks',
        standfirst: '',
        embargoUntil: '2026-12-01T13:00:00+03:00',
        rubric: { connect: [], disconnect: [] },
        dateline: { id: 9, place: 'MOSCOW', date: '2026-11-28', __temp_key__: 'a0' },
        body: [{ id: 4, __temp_key__: 'a1', subhead: null, text: stored.body[0].text }],
        leadPhoto: {
          id: 5,
          caption: 'Leaders',
          image: { id: 12, url: '/uploads/a.jpg', mime: 'image/jpeg', name: 'a.jpg' },
        },
        workflowState: 'published',
      })
    ).toEqual([]);
  });

  test('each changed field is named once, in model order', () => {
    expect(
      changedFields(stored, {
        body: [{ id: 4, subhead: 'New', text: stored.body[0].text }],
        headline: 'Talks resume',
        rubric: { connect: [{ id: 7 }], disconnect: [] },
        leadPhoto: { id: 5, caption: 'Leaders', image: 13 },
        embargoUntil: null,
      })
    ).toEqual(['headline', 'body', 'rubric', 'leadPhoto', 'embargoUntil']);
  });
});

describe('the trail of saves', () => {
  test('keeps the last saves and tells a stale form what came after it', () => {
    let trail: unknown = null;
    for (let version = 1; version <= TRAIL_LENGTH + 5; version += 1)
      trail = withEdit(trail, {
        version,
        actorName: `Editor ${version}`,
        at: '2026-11-28T14:02:00.000Z',
        fields: ['headline'],
      });
    expect((trail as unknown[]).length).toBe(TRAIL_LENGTH);
    expect(editsSince(trail, TRAIL_LENGTH + 3).map((e) => e.version)).toEqual([
      TRAIL_LENGTH + 4,
      TRAIL_LENGTH + 5,
    ]);
    expect(editsSince('garbage', 0)).toEqual([]);
  });

  test('the refusal names the last writer, the time and the fields', () => {
    expect(
      staleMessage(3, 5, [
        { version: 4, actorName: 'Anna', at: '2026-11-28T14:01:00.000Z', fields: ['body'] },
        {
          version: 5,
          actorName: 'Oleg',
          at: '2026-11-28T14:02:00.000Z',
          fields: ['headline', 'body'],
        },
      ])
    ).toBe(
      'The article changed since you opened it: Oleg saved it at 14:02 UTC (2 saves), changing body, headline (your version 3, now 5). Your save was not stored; reload the article to see the changes'
    );
  });
});
