import { STATES } from '../../../server/src/workflow/domain/machine';
import { keepBoardCounts } from '../../../server/src/workflow/board-counts';
import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { articleIn } from '../../helpers/articles';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { workflow } from '../../helpers/workflow';

let newsroom: Newsroom;
let chief: AdminSession;

beforeAll(async () => {
  newsroom = await startNewsroom();
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  const world = await newsroom.strapi.plugin('newsroom').service('rubrics').findOrCreate('World');
  for (const state of STATES) await articleIn(newsroom, chief, state, { rubric: world.id });
  for (let i = 0; i < 3; i += 1) await articleIn(newsroom, chief, 'in_review');
});
afterAll(() => newsroom?.stop());

const board = (session: AdminSession, query: Record<string, string | number> = {}) =>
  newsroom.http().get('/newsroom/board').query(query).set(session.auth);

describe('GET /newsroom/board', () => {
  test('a column per state with counts and cards: headline, rubric, who moved it last', async () => {
    const res = await board(chief);
    expect(res.status).toBe(200);
    expect(res.body.data.map((c: { state: string }) => c.state)).toEqual([...STATES]);
    const counts = Object.fromEntries(
      res.body.data.map((c: { state: string; count: number }) => [c.state, c.count])
    );
    expect(counts).toEqual({
      draft: 1,
      in_review: 4,
      approved: 1,
      scheduled: 1,
      published: 1,
      killed: 1,
      spiked: 1,
    });
    const scheduled = res.body.data.find((c: { state: string }) => c.state === 'scheduled')
      .cards[0];
    expect(scheduled).toMatchObject({
      workflowState: 'scheduled',
      rubric: { name: 'World' },
      lastMove: { action: 'schedule', actorName: 'Test newsroom-chief-editor' },
    });
    expect(scheduled.scheduledAt).not.toBeNull();
    expect(scheduled.allowedActions).toEqual(['unschedule']);
  });

  test('filters by rubric and pages one column', async () => {
    const world = await board(chief, { rubric: 'world' });
    expect(world.body.data.find((c: { state: string }) => c.state === 'in_review').count).toBe(1);
    const page = await board(chief, { state: 'in_review', page: 2, pageSize: 3 });
    const column = page.body.data.find((c: { state: string }) => c.state === 'in_review');
    expect(column).toMatchObject({ count: 4, page: 2, pageSize: 3, pageCount: 2 });
    expect(column.cards).toHaveLength(1);
    expect(page.body.data.find((c: { state: string }) => c.state === 'draft').cards).toEqual([]);
  });

  test('shows each user only the actions their role allows', async () => {
    const author = await createAdminSession(newsroom, 'strapi-author');
    for (const state of ['draft', 'in_review', 'approved'])
      await articleIn(newsroom, chief, state, { createdBy: author.id });
    const res = await board(author);
    const card = (state: string) =>
      res.body.data.find((c: { state: string }) => c.state === state).cards[0];
    expect(card('draft').allowedActions).toEqual(['submit']);
    expect(card('in_review').allowedActions).toEqual([]);
    expect(card('approved').allowedActions).toEqual([]);
  });

  test('shows an Author limited to their own articles only those', async () => {
    const author = await createAdminSession(newsroom, 'strapi-author');
    const own = await articleIn(newsroom, chief, 'draft', { createdBy: author.id });
    const res = await board(author);
    expect(res.status).toBe(200);
    const cards = res.body.data.flatMap((c: { cards: Array<{ documentId: string }> }) =>
      c.cards.map((card) => card.documentId)
    );
    expect(cards).toEqual([own]);
    expect(res.body.data.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(1);
  });

  test('refuses bad queries by name', async () => {
    const res = await board(chief, { state: 'lost' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toMatch(/state/);
  });
});

describe('GET /newsroom/dashboard', () => {
  test("counts today's publications and the median take-to-publish time of wire stories", async () => {
    const { item } = await newsroom.strapi
      .plugin('newsroom')
      .service('wire-ingest')
      .ingest({
        payload: Buffer.from(
          'Grain deal extended\n\nThe grain deal was extended.\n\nBased on materials from TASS'
        ),
        contentType: 'text/plain',
      });
    const take = await newsroom.http().post(`/newsroom/wire-items/${item.id}/take`).set(chief.auth);
    const documentId = take.body.data.article.documentId;
    await workflow(newsroom, chief).run(documentId, 'submit', 'approve', 'publish');

    const res = await newsroom.http().get('/newsroom/dashboard').query({ days: 7 }).set(chief.auth);
    expect(res.status).toBe(200);
    expect(res.body.data.publishedPerDay).toHaveLength(7);
    const today = new Date().toISOString().slice(0, 10);
    // The published article from the board set-up, the killed one (first published, then killed) and the wire story.
    expect(res.body.data.publishedPerDay.at(-1)).toEqual({ date: today, count: 3 });
    expect(res.body.data.medianTakeToPublishMinutes).toBeGreaterThanOrEqual(0);
    expect(res.body.data.medianTakeToPublishMinutes).toBeLessThan(5);
    expect(
      (await newsroom.http().get('/newsroom/dashboard').query({ days: 0 }).set(chief.auth)).status
    ).toBe(400);
  });

  test("counts the days in the editor's time zone, and names a bad one", async () => {
    // A zone whose date differs from UTC's right now: UTC−11 before 11:00 UTC, UTC+14 after.
    const zone = new Date().getUTCHours() < 11 ? 'Pacific/Pago_Pago' : 'Pacific/Kiritimati';
    const res = await newsroom
      .http()
      .get('/newsroom/dashboard')
      .query({ days: 7, timeZone: zone })
      .set(chief.auth);
    expect(res.status).toBe(200);
    const today = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date());
    expect(today).not.toBe(new Date().toISOString().slice(0, 10));
    expect(res.body.data.timeZone).toBe(zone);
    expect(res.body.data.publishedPerDay.at(-1).date).toBe(today);
    expect(
      res.body.data.publishedPerDay.reduce((sum: number, d: { count: number }) => sum + d.count, 0)
    ).toBe(res.body.data.published);

    const bad = await newsroom
      .http()
      .get('/newsroom/dashboard')
      .query({ timeZone: 'Mars/Olympus_Mons' })
      .set(chief.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /timeZone must be an IANA time zone.*Mars\/Olympus_Mons/
    );
  });
});

describe('the board’s counts, as the database keeps them', () => {
  const counts = async () =>
    Object.fromEntries(
      (await board(chief)).body.data.map((c: { state: string; count: number }) => [
        c.state,
        c.count,
      ])
    );
  const rows = async () => {
    const all = (await newsroom.strapi.db.query('plugin::newsroom.article').findMany({
      select: ['workflowState'],
      where: { locale: 'en', publishedAt: null },
    })) as Array<{ workflowState: string }>;
    return Object.fromEntries(
      STATES.map((state) => [state, all.filter((r) => r.workflowState === state).length])
    );
  };

  test('follow every move, and changes made in SQL, and match the rows', async () => {
    const id = await articleIn(newsroom, chief, 'approved');
    await workflow(newsroom, chief).run(id, 'publish');
    await workflow(newsroom, chief).run(id, { action: 'kill', note: 'Withdrawn' });
    expect(await counts()).toEqual(await rows());
    // Moved and removed in SQL, as another tool on the database would.
    const table = newsroom.strapi.db.metadata.get('plugin::newsroom.article').tableName;
    const knex = newsroom.strapi.db.connection;
    await knex(table).whereNull('published_at').where({ document_id: id }).update({
      workflow_state: 'spiked',
    });
    const draft = await articleIn(newsroom, chief, 'draft');
    await knex(table).where({ document_id: draft }).delete();
    expect(await counts()).toEqual(await rows());
    const kept = await knex('newsroom_board_counts')
      .where({ locale: 'en', state: 'spiked' })
      .first();
    expect(Number(kept.n)).toBe((await rows()).spiked);
  });
});

test('a counts table of an earlier shape is made anew at start, and no write fails meanwhile', async () => {
  const knex = newsroom.strapi.db.connection;
  await knex.raw('DROP TABLE newsroom_board_counts');
  await knex.raw(
    'CREATE TABLE newsroom_board_counts (locale varchar(255) PRIMARY KEY, articles bigint NOT NULL)'
  );
  // What bootstrap runs at every start.
  await keepBoardCounts(newsroom.strapi);
  expect(Object.keys(await knex('newsroom_board_counts').columnInfo()).sort()).toEqual([
    'locale',
    'n',
    'state',
  ]);
  const id = await articleIn(newsroom, chief, 'approved');
  await workflow(newsroom, chief).run(id, 'publish');
  const kept = await knex('newsroom_board_counts')
    .where({ locale: 'en', state: 'published' })
    .first();
  expect(Number(kept.n)).toBe(
    await newsroom.strapi.db
      .query('plugin::newsroom.article')
      .count({ where: { locale: 'en', workflowState: 'published', publishedAt: null } })
  );
});
