import { createAdminSession, createApiTokenWithId } from '../../helpers/admin';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { postWire } from '../../helpers/wire';

/** An ingest token bound to an agency speaks for that agency only. */
const AGENCY = 'plugin::newsroom.agency';
const WIRE_ITEM = 'plugin::newsroom.wire-item';

let newsroom: Newsroom;
let alpha: string;
let beta: string;
let unbound: string;

const ninjs = (agency: string, fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    uri: 'urn:bind:story-1',
    version: '1',
    type: 'text',
    copyrightholder: agency,
    headlines: [{ role: 'main', value: 'Harbour closed' }],
    bodies: [{ role: 'main', contenttype: 'text/plain', value: 'The harbour closed at dawn.' }],
    ...fields,
  });

const itemsOf = (code: string) =>
  newsroom.strapi.db.query(WIRE_ITEM).findMany({ where: { agencyCode: code } });

beforeAll(async () => {
  newsroom = await startNewsroom();
  const admin = await createAdminSession(newsroom);
  const ingest = ['plugin::newsroom.wire.ingest'];
  const a = await createApiTokenWithId(newsroom, admin, 'custom', ingest);
  const b = await createApiTokenWithId(newsroom, admin, 'custom', ingest);
  unbound = (await createApiTokenWithId(newsroom, admin, 'custom', ingest)).accessKey;
  [alpha, beta] = [a.accessKey, b.accessKey];
  const agencies = newsroom.strapi.plugin('newsroom').service('agencies');
  for (const [code, token] of [
    ['ALPHA', a.id],
    ['BETA', b.id],
  ] as const) {
    const agency = await agencies.findOrCreate(code);
    // Bound as the feeds page binds it, by someone who may manage feeds.
    const res = await newsroom
      .http()
      .put(`/newsroom/agencies/${agency.id}/ingest-tokens`)
      .set(admin.auth)
      .send({ ingestTokens: [token] });
    expect(res.body.data).toEqual({ id: agency.id, code, ingestTokens: [token] });
  }
});
afterAll(() => newsroom?.stop());

describe('a token bound to an agency', () => {
  test('sends its own agency copy', async () => {
    const res = await postWire(newsroom, alpha, ninjs('ALPHA'), 'application/ninjs+json');
    expect(res.status).toBe(201);
    expect(res.body.data.agencyCode ?? (await itemsOf('ALPHA'))[0].agencyCode).toBe('ALPHA');
  });

  test("can neither send, update nor kill another agency's story: 403, nothing stored", async () => {
    expect((await postWire(newsroom, beta, ninjs('BETA'), 'application/ninjs+json')).status).toBe(
      201
    );
    const before = (await itemsOf('BETA')).length;
    for (const body of [
      ninjs('BETA', { uri: 'urn:bind:forged' }),
      ninjs('BETA', { version: '2', headlines: [{ role: 'main', value: 'Harbour reopened' }] }),
      ninjs('BETA', { version: '3', pubstatus: 'canceled' }),
    ]) {
      const res = await postWire(newsroom, alpha, body, 'application/ninjs+json');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe('This token sends copy for ALPHA only, not for BETA');
    }
    // Naming the agency in the query is the same claim.
    const plain = await postWire(
      newsroom,
      alpha,
      'Harbour closed\n\nThe harbour closed.',
      'text/plain',
      { agency: 'BETA' }
    );
    expect(plain.status).toBe(403);
    expect((await itemsOf('BETA')).length).toBe(before);
    expect(await newsroom.strapi.db.query(AGENCY).count({ where: { code: 'GAMMA' } })).toBe(0);
    const unknown = await postWire(
      newsroom,
      alpha,
      ninjs('GAMMA', { uri: 'urn:bind:gamma' }),
      'application/ninjs+json'
    );
    expect(unknown.status).toBe(403);
    expect(await newsroom.strapi.db.query(AGENCY).count({ where: { code: 'GAMMA' } })).toBe(0);
  });

  test('plain copy that credits another agency is its own agency copy, with the credit kept', async () => {
    const res = await postWire(
      newsroom,
      alpha,
      'Quake hits the coast\n\nA quake hit the coast on Monday.\n\nBased on materials from Xinhua',
      'text/plain'
    );
    expect(res.status).toBe(201);
    const [item] = await newsroom.strapi.db
      .query(WIRE_ITEM)
      .findMany({ where: { id: res.body.data.id } });
    expect(item.agencyCode).toBe('ALPHA');
    expect(item.story.attributionLine).toBe('Based on materials from Xinhua');
  });
});

test('a token bound to no agency keeps working for any agency, as before', async () => {
  const res = await postWire(
    newsroom,
    unbound,
    ninjs('DELTA', { uri: 'urn:bind:delta' }),
    'application/ninjs+json'
  );
  expect(res.status).toBe(201);
});
