import http from 'http';
import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { photo } from '../../helpers/images';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { postWire } from '../../helpers/wire';

/**
 * Agencies resend on timeouts, so the same copy arriving many times at once is normal
 * traffic: the database, not a read before the write, keeps one stored item, one agency and
 * one article per take. Run on SQLite and PostgreSQL.
 */
const WIRE_ITEM = 'plugin::newsroom.wire-item';
const ARTICLE = 'plugin::newsroom.article';
const AT_ONCE = 20;
const RATE_LIMIT = 70;

let newsroom: Newsroom;
let admin: AdminSession;
let editor: AdminSession;

beforeAll(async () => {
  newsroom = await startNewsroom({
    // The slow picture server below runs on this machine.
    env: {
      NEWSROOM_WIRE_RATE_LIMIT: String(RATE_LIMIT),
      NEWSROOM_WIRE_RATE_WINDOW: '600',
      NEWSROOM_WIRE_PICTURE_PRIVATE_ADDRESSES: 'true',
    },
  });
  admin = await createAdminSession(newsroom);
  editor = await createAdminSession(newsroom, 'strapi-editor');
});
afterAll(() => newsroom?.stop());

const ingestToken = () =>
  createApiToken(newsroom, admin, 'custom', ['plugin::newsroom.wire.ingest']);
const atOnce = <T>(work: () => Promise<T>) => Promise.all(Array.from({ length: AT_ONCE }, work));
const outcomes = (responses: Array<{ status: number; body: { meta?: { outcome?: string } } }>) =>
  responses.map((r) => `${r.status} ${r.body.meta?.outcome}`).sort();
const ONE_NEW = ['201 new', ...Array(AT_ONCE - 1).fill('200 duplicate')].sort();

const ninjs = JSON.stringify({
  uri: 'urn:test:resent-1',
  version: '1',
  type: 'text',
  language: 'en',
  headlines: [{ role: 'main', value: 'Resent story' }],
  bodies: [{ role: 'main', contenttype: 'text/html', value: '<p>Same words.</p>' }],
});

describe(`the same copy ${AT_ONCE} times at once`, () => {
  test('ninjs from a new agency: one item stored, one agency made, every other answer a duplicate', async () => {
    const token = await ingestToken();
    const responses = await atOnce(() =>
      postWire(newsroom, token, ninjs, 'application/json', { agency: 'NEWCO' })
    );
    expect(outcomes(responses)).toEqual(ONE_NEW);
    expect(new Set(responses.map((r) => r.body.data.id)).size).toBe(1);
    expect(
      await newsroom.strapi.db
        .query(WIRE_ITEM)
        .count({ where: { agencyGuid: 'urn:test:resent-1' } })
    ).toBe(1);
    expect(
      await newsroom.strapi.db.query('plugin::newsroom.agency').count({ where: { code: 'NEWCO' } })
    ).toBe(1);
  });

  test('plain text with no guid: one item by its words', async () => {
    const token = await ingestToken();
    const copy =
      'Plain resent headline\n\nMoscow, 22 April. The same words, sent again and again.\n';
    const responses = await atOnce(() =>
      postWire(newsroom, token, copy, 'text/plain; charset=utf-8', { agency: 'TASS' })
    );
    expect(outcomes(responses)).toEqual(ONE_NEW);
    expect(
      await newsroom.strapi.db
        .query(WIRE_ITEM)
        .count({ where: { headline: 'Plain resent headline' } })
    ).toBe(1);
  });

  test('a newer version: stored once, the older superseded once', async () => {
    const token = await ingestToken();
    const v2 = ninjs.replace('"version":"1"', '"version":"2"').replace('Same words.', 'New words.');
    const responses = await atOnce(() =>
      postWire(newsroom, token, v2, 'application/json', { agency: 'NEWCO' })
    );
    expect(outcomes(responses)).toEqual(
      ['201 updated', ...Array(AT_ONCE - 1).fill('200 duplicate')].sort()
    );
    const items = await newsroom.strapi.db
      .query(WIRE_ITEM)
      .findMany({ where: { agencyGuid: 'urn:test:resent-1' }, orderBy: { agencyVersion: 'asc' } });
    expect(
      items.map((i: { agencyVersion: number; status: string }) => [i.agencyVersion, i.status])
    ).toEqual([
      [1, 'superseded'],
      [2, 'new'],
    ]);
  });

  test('takes of one wire item answer the same article, never an error; one article is made', async () => {
    const token = await ingestToken();
    const item = await postWire(
      newsroom,
      token,
      'Taken at once\n\nMoscow, 22 April. Ten editors click Take.\n',
      'text/plain',
      { agency: 'TASS' }
    );
    const responses = await atOnce(() =>
      newsroom.http().post(`/newsroom/wire-items/${item.body.data.id}/take`).set(editor.auth)
    );
    expect(responses.map((r) => r.status).sort()).toEqual([...Array(AT_ONCE - 1).fill(200), 201]);
    expect(new Set(responses.map((r) => r.body.data.article.documentId)).size).toBe(1);
    expect(
      await newsroom.strapi.db.query(ARTICLE).count({ where: { headline: 'Taken at once' } })
    ).toBe(1);
  });
});

describe('an agency update arriving while its story is being taken', () => {
  test('the take of the outdated version is refused, naming the newest; the agency update is not lost', async () => {
    const jpeg = await photo(64, 48);
    const server = http.createServer((_req, res) =>
      setTimeout(() => res.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(jpeg), 2000)
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const href = `http://127.0.0.1:${(server.address() as { port: number }).port}/slow.jpg`;
    try {
      const token = await ingestToken();
      const item = (version: string, headline: string) =>
        JSON.stringify({
          uri: 'urn:test:race-1',
          version,
          type: 'text',
          headlines: [{ role: 'main', value: headline }],
          associations: [
            {
              name: 'a1',
              uri: 'urn:test:race-1:a1',
              type: 'picture',
              renditions: [{ name: 'main', href, contenttype: 'image/jpeg' }],
            },
          ],
        });
      const v1 = await postWire(newsroom, token, item('1', 'Casualties 500'), 'application/json', {
        agency: 'RACE',
      });
      const take = newsroom
        .http()
        .post(`/newsroom/wire-items/${v1.body.data.id}/take`)
        .set(editor.auth)
        .then((r) => r);
      await new Promise((resolve) => setTimeout(resolve, 500)); // the take is fetching its picture
      const v2 = await postWire(newsroom, token, item('2', 'Casualties 50'), 'application/json', {
        agency: 'RACE',
      });
      expect(v2.body.meta.outcome).toBe('updated');
      const taken = await take;
      expect(taken.status).toBe(409);
      expect(taken.body.error.details.newest).toBe(v2.body.data.id);
      expect(
        await newsroom.strapi.db.query(ARTICLE).count({ where: { headline: 'Casualties 500' } })
      ).toBe(0);
      expect(
        (await newsroom.strapi.db.query(WIRE_ITEM).findOne({ where: { id: v1.body.data.id } }))
          .status
      ).toBe('superseded');
      // The picture the refused take fetched is not left in the Media Library.
      expect(
        await newsroom.strapi.db.query('plugin::upload.file').count({ where: { name: 'slow.jpg' } })
      ).toBe(0);
    } finally {
      server.close();
    }
  });
});

describe('the per-token ingest limit', () => {
  test(`past ${RATE_LIMIT} posts in the window a token gets 429 with Retry-After; another token is not held up`, async () => {
    const busy = await ingestToken();
    for (let i = 0; i < RATE_LIMIT; i += 1) {
      const res = await postWire(
        newsroom,
        busy,
        `Story ${i}\n\nMoscow, 22 April. Paragraph ${i}.\n`,
        'text/plain',
        { agency: 'TASS' }
      );
      expect([200, 201]).toContain(res.status);
    }
    const refused = await postWire(
      newsroom,
      busy,
      'One too many\n\nMoscow, 22 April. Over.\n',
      'text/plain',
      { agency: 'TASS' }
    );
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.error.message).toMatch(/Too many requests; try again in \d+ s/);
    expect(
      await newsroom.strapi.db.query(WIRE_ITEM).count({ where: { headline: 'One too many' } })
    ).toBe(0);

    const other = await ingestToken();
    expect(
      (
        await postWire(newsroom, other, 'Another desk\n\nMoscow, 22 April. Fine.\n', 'text/plain', {
          agency: 'TASS',
        })
      ).status
    ).toBe(201);
  });
});
