import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { postWire } from '../../helpers/wire';
import type { WireRetentionService } from '../../../server/src/wire/services/wire-retention';

const WIRE_ITEM = 'plugin::newsroom.wire-item';
const DAY = 24 * 60 * 60 * 1000;

let newsroom: Newsroom;
let chief: AdminSession;
let token: string;

const retention = () =>
  newsroom.strapi.plugin('newsroom').service('wire-retention') as WireRetentionService;

const ninjs = (uri: string, version: number, headline: string) =>
  JSON.stringify({
    uri,
    version: String(version),
    type: 'text',
    language: 'en',
    headlines: [{ role: 'main', value: headline }],
    bodies: [{ role: 'main', contenttype: 'text/html', value: `<p>${headline}.</p>` }],
  });

/** Posts copy as an agency feed does; the stored wire item's id. */
const post = async (body: string, agency = 'AP', contentType = 'application/json') => {
  const res = await postWire(newsroom, token, body, contentType, { agency });
  expect(res.status).toBeLessThan(300);
  return res.body.data.id as number;
};
const take = async (id: number) =>
  expect(
    (await newsroom.http().post(`/newsroom/wire-items/${id}/take`).set(chief.auth)).status
  ).toBe(201);
const ignore = async (id: number) =>
  expect(
    (await newsroom.http().post(`/newsroom/wire-items/${id}/ignore`).set(chief.auth)).status
  ).toBe(200);

const meta = () => newsroom.strapi.db.metadata.get(WIRE_ITEM);
const column = (attribute: string) =>
  (meta().attributes[attribute] as { columnName?: string }).columnName ?? attribute;

/** Moves items' arrival into the past, behind the ingest's back (agency copy takes no edits). */
const receivedDaysAgo = (ids: number[], days: number) =>
  newsroom.strapi.db
    .connection(meta().tableName)
    .whereIn(column('id'), ids)
    .update({ [column('receivedAt')]: new Date(Date.now() - days * DAY) });

const stored = async (ids: number[]) =>
  (
    (await newsroom.strapi.db
      .query(WIRE_ITEM)
      .findMany({ select: ['id'], where: { id: { $in: ids } } })) as Array<{ id: number }>
  )
    .map((item) => item.id)
    .sort((a, b) => a - b);

/** The rows of Strapi's wire item → agency link table for these items. */
const agencyLinks = async (ids: number[]) => {
  const { joinTable } = meta().attributes.agency as {
    joinTable: { name: string; joinColumn: { name: string } };
  };
  return newsroom.strapi.db
    .connection(joinTable.name)
    .whereIn(joinTable.joinColumn.name, ids)
    .count({ n: '*' })
    .then(([row]) => Number(row.n));
};

const byId = (ids: number[]) => [...ids].sort((a, b) => a - b);

/** The daily purge job, when this instance registered it. */
const purgeJob = (instance: Newsroom) =>
  instance.strapi.cron.jobs.find((job) => job.name === 'newsroom-wire-purge');

describe('purging wire copy past retention (30 days by default)', () => {
  const purgeable: number[] = [];
  const kept: number[] = [];

  beforeAll(async () => {
    newsroom = await startNewsroom();
    chief = await createAdminSession(newsroom);
    token = await createApiToken(newsroom, chief);

    // Old and untaken: new, ignored, both versions of a superseded story, copy without a guid.
    const untouched = await post(ninjs('urn:test:retention-new', 1, 'Nobody took this'));
    const ignored = await post(ninjs('urn:test:retention-ignored', 1, 'Set aside'));
    await ignore(ignored);
    const older = await post(ninjs('urn:test:retention-versions', 1, 'First take on it'));
    const newer = await post(ninjs('urn:test:retention-versions', 2, 'Second take on it'));
    const plain = await post(
      'OSLO (NTB) - A plain text item without a guid.\n\nIt has a paragraph.',
      'NTB',
      'text/plain'
    );
    // The same guid as a taken story, but from another agency: a story of its own.
    const otherAgency = await post(ninjs('urn:test:retention-taken', 1, 'Same guid elsewhere'));
    purgeable.push(untouched, ignored, older, newer, plain, otherAgency);

    // Old and taken; a story taken at version 1 and updated since (version 1 is superseded,
    // version 2 new); a story whose version 2 was taken (version 1 superseded, never taken).
    const taken = await post(ninjs('urn:test:retention-taken', 1, 'Taken into an article'), 'AFP');
    await take(taken);
    const takenThenUpdated = await post(ninjs('urn:test:retention-updated', 1, 'Taken at v1'));
    await take(takenThenUpdated);
    const updateOfTaken = await post(ninjs('urn:test:retention-updated', 2, 'Update of v1'));
    const versionBeforeTake = await post(ninjs('urn:test:retention-late', 1, 'Left at v1'));
    const takenLater = await post(ninjs('urn:test:retention-late', 2, 'Taken at v2'));
    await take(takenLater);
    const oldKept = [taken, takenThenUpdated, updateOfTaken, versionBeforeTake, takenLater];

    // Untaken but younger than 30 days.
    const recent = await post(ninjs('urn:test:retention-recent', 1, 'Still fresh'));
    const almost = await post(ninjs('urn:test:retention-almost', 1, 'Twenty-nine days old'));
    await receivedDaysAgo([...purgeable, ...oldKept], 31);
    await receivedDaysAgo([almost], 29);
    kept.push(...oldKept, recent, almost);
  });
  afterAll(() => newsroom?.stop());

  test('no daily job runs where cron is off (CRON_ENABLED=false, as in tests)', () => {
    expect(purgeJob(newsroom)).toBeUndefined();
  });

  test('with retention off (0 days) nothing is purged', async () => {
    expect(await retention().purgeExpired(new Date(), { retentionDays: 0 })).toBe(0);
    expect(await stored([...purgeable, ...kept])).toEqual(byId([...purgeable, ...kept]));
  });

  test('old untaken items go with their agency links; taken stories and recent copy stay', async () => {
    expect(await agencyLinks(purgeable)).toBe(purgeable.length);
    // Batches of 2: the rule holds across batches and past the kept rows between them.
    expect(await retention().purgeExpired(new Date(), { batchSize: 2 })).toBe(purgeable.length);

    expect(await stored([...purgeable, ...kept])).toEqual(byId(kept));
    expect(await agencyLinks(purgeable)).toBe(0);
    expect(await agencyLinks(kept)).toBe(kept.length);
    const gone = await newsroom.http().get(`/newsroom/wire-items/${purgeable[0]}`).set(chief.auth);
    expect(gone.status).toBe(404);
    const inbox = await newsroom
      .http()
      .get('/newsroom/wire-items')
      .query({ pageSize: 100 })
      .set(chief.auth);
    expect(byId(inbox.body.data.map((item: { id: number }) => item.id))).toEqual(byId(kept));
    // Purged copy leaves the search index too: its words find nothing, not even a count.
    for (const q of ['nobody', 'aside', 'paragraph']) {
      const found = await newsroom.http().get('/newsroom/wire-items').query({ q }).set(chief.auth);
      expect(found.body.meta.pagination.total).toBe(0);
    }
    const entries = await newsroom.strapi.db.connection('newsroom_search_wire').count({ n: '*' });
    expect(Number(entries[0].n)).toBe(kept.length);
  });

  test('two purges at once delete each item once and fail nothing', async () => {
    const stale = await post(ninjs('urn:test:retention-race', 1, 'Old news'));
    await receivedDaysAgo([stale], 40);
    const counts = await Promise.all([
      retention().purgeExpired(new Date(), { batchSize: 1 }),
      retention().purgeExpired(new Date(), { batchSize: 1 }),
    ]);
    expect(counts[0] + counts[1]).toBe(1);
    expect(await stored([stale, ...kept])).toEqual(byId(kept));
  });
});

describe('the daily purge job', () => {
  let purging: Newsroom;
  beforeAll(async () => {
    purging = await startNewsroom({ env: { NEWSROOM_WIRE_PURGE: 'true' } });
  });
  afterAll(() => purging?.stop());

  test('runs once a day where wire.purgeJob is on', () => {
    expect(purgeJob(purging)?.options).toEqual({ rule: '0 30 3 * * *' });
  });
});
