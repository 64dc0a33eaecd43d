import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { contentManager } from '../../helpers/content-manager';
import { fixture, fixtureText } from '../../helpers/fixtures';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { postWire } from '../../helpers/wire';
import { keepInboxCounts } from '../../../server/src/wire/inbox-counts';

const ARTICLE = 'plugin::newsroom.article';

let newsroom: Newsroom;
let chief: AdminSession;
let token: string;

beforeAll(async () => {
  newsroom = await startNewsroom();
  chief = await createAdminSession(newsroom);
  token = await createApiToken(newsroom, chief, 'custom', ['plugin::newsroom.wire.ingest']);
});
afterAll(() => newsroom?.stop());

const ingest = async (
  body: string | Buffer,
  contentType: string,
  query: Record<string, string> = {}
) => {
  const res = await postWire(newsroom, token, body, contentType, query);
  expect([200, 201]).toContain(res.status);
  return res.body.data as { id: number };
};

const take = (session: AdminSession, id: number) =>
  newsroom.http().post(`/newsroom/wire-items/${id}/take`).set(session.auth);

describe('taking the reference story', () => {
  let wireId: number;
  let documentId: string;

  test('makes a draft article with every part of the story, and marks the item taken', async () => {
    wireId = (await ingest(fixture('wire', 'tass-plain.txt'), 'text/plain')).id;
    const res = await take(chief, wireId);
    expect(res.status).toBe(201);
    expect(res.body.meta.created).toBe(true);
    expect(res.body.data.wireItem).toMatchObject({ id: wireId, status: 'taken' });
    documentId = res.body.data.article.documentId;
    expect(res.body.data.wireItem.articleDocumentId).toBe(documentId);

    const { body } = await contentManager(newsroom, chief, ARTICLE).find(documentId);
    const article = body.data;
    expect(article).toMatchObject({
      headline: 'Putin and Aliyev to Hold Talks in Moscow',
      slug: 'putin-and-aliyev-to-hold-talks-in-moscow',
      workflowState: 'draft',
      workflowVersion: 0,
      publishedAt: null,
    });
    expect(article.dateline.date).toMatch(/-04-22$/);
    expect(article.body.map((s: { subhead: string | null }) => s.subhead)).toEqual([
      null,
      'Previous high-level contacts',
      "Peacekeepers' mission",
    ]);
    expect(article.body.map((s: { text: unknown[] }) => s.text.length)).toEqual([3, 2, 3]);
    expect(article.attribution.line).toBe('Based on materials from TASS');
    expect(article.leadPhoto.creditLine).toBe(
      'official website of the President of the Russian Federation'
    );
    expect(article.rubric.count).toBe(1);
    expect(article.wireItem.count).toBe(1);

    const rubric = await newsroom.strapi.db
      .query('plugin::newsroom.rubric')
      .findOne({ where: { name: 'GSV "Russia - Islamic World"' } });
    expect(rubric.slug).toBe('gsv-russia-islamic-world');
  });

  test('taking it again returns the same article', async () => {
    const res = await take(chief, wireId);
    expect(res.status).toBe(200);
    expect(res.body.meta.created).toBe(false);
    expect(res.body.data.article.documentId).toBe(documentId);
    expect(
      await newsroom.strapi.db.query(ARTICLE).count({ where: { wireItem: { id: wireId } } })
    ).toBe(1);
  });

  test('a newer version flags the article "wire update available" with a readable diff', async () => {
    const v1 = JSON.parse(fixtureText('ninjs', 'iptc-2.2-004_simple_text_article.json'));
    const first = await ingest(JSON.stringify({ ...v1, version: '1' }), 'application/json', {
      agency: 'AP',
    });
    const taken = await take(chief, first.id);
    expect(taken.status).toBe(201);
    const articleId = taken.body.data.article.documentId;

    const v2 = {
      ...v1,
      version: '2',
      headlines: [{ role: 'main', value: 'Captain of wrecked cruise ship goes on trial in Italy' }],
      // The item carries its body twice, as plain text and as XHTML; the XHTML is the story.
      bodies: v1.bodies.map((b: { role: string; value: string }) => ({
        ...b,
        value:
          b.role === 'richtext'
            ? `${b.value} <p>The trial resumes next week.</p>`
            : `${b.value} The trial resumes next week.`,
      })),
    };
    const res = await postWire(newsroom, token, JSON.stringify(v2), 'application/json', {
      agency: 'AP',
    });
    expect(res.status).toBe(201);
    expect(res.body.meta).toEqual({ outcome: 'updated', flaggedArticle: articleId });

    const { body } = await contentManager(newsroom, chief, ARTICLE).find(articleId);
    expect(body.data.wireUpdate).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      wireItemId: res.body.data.id,
    });
    expect(body.data.wireUpdate.diff.headline).toEqual({
      from: 'Captain of wrecked cruise ship on trial in Italy',
      to: 'Captain of wrecked cruise ship goes on trial in Italy',
    });
    expect(body.data.wireUpdate.diff.summary).toEqual([
      'Headline: Captain of wrecked cruise ship on trial in Italy → Captain of wrecked cruise ship goes on trial in Italy',
      '+ The trial resumes next week.',
    ]);
    // The editor's copy is untouched until they apply the update.
    expect(body.data.headline).toBe('Captain of wrecked cruise ship on trial in Italy');
  });

  test('concurrent takes of one item make one article', async () => {
    const item = await ingest(
      'Quake shakes Kamchatka\n\nA magnitude 6 quake shook Kamchatka on Friday.',
      'text/plain',
      { agency: 'TASS' }
    );
    const results = await Promise.all(Array.from({ length: 5 }, () => take(chief, item.id)));
    const articleIds = new Set(
      results.filter((r) => r.status < 300).map((r) => r.body.data.article.documentId)
    );
    expect(articleIds.size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.every((r) => [200, 201, 400].includes(r.status))).toBe(true);
    expect(
      await newsroom.strapi.db.query(ARTICLE).count({ where: { wireItem: { id: item.id } } })
    ).toBe(1);
  });
});

describe('GET /newsroom/wire-items', () => {
  test('lists newest first with the agency, filters by status and agency, and pages', async () => {
    const all = await newsroom.http().get('/newsroom/wire-items').set(chief.auth);
    expect(all.status).toBe(200);
    const total = all.body.meta.pagination.total;
    expect(total).toBeGreaterThanOrEqual(4);
    const received = all.body.data.map((i: { receivedAt: string }) => i.receivedAt);
    expect([...received].sort().reverse()).toEqual(received);

    const taken = await newsroom
      .http()
      .get('/newsroom/wire-items')
      .query({ status: 'taken' })
      .set(chief.auth);
    expect(taken.body.data.length).toBeGreaterThan(0);
    expect(taken.body.data.every((i: { status: string }) => i.status === 'taken')).toBe(true);

    const ap = await newsroom
      .http()
      .get('/newsroom/wire-items')
      .query({ agency: 'AP' })
      .set(chief.auth);
    expect(ap.body.data.map((i: { agency: { code: string } }) => i.agency.code)).toEqual([
      'AP',
      'AP',
    ]);

    const page = await newsroom
      .http()
      .get('/newsroom/wire-items')
      .query({ page: 2, pageSize: 1 })
      .set(chief.auth);
    expect(page.body.data).toHaveLength(1);
    expect(page.body.data[0].id).toBe(all.body.data[1].id);
    expect(page.body.meta.pagination).toEqual({ page: 2, pageSize: 1, pageCount: total, total });
  });

  test('its totals, kept by the database per status and agency, follow takes, ignores and SQL deletes', async () => {
    const items = newsroom.strapi.db.query('plugin::newsroom.wire-item');
    const totals = async () => {
      const answer: Record<string, [number, number]> = {};
      for (const status of ['', 'new', 'taken', 'ignored'])
        for (const agency of ['', 'AP', 'NOSUCH']) {
          const res = await newsroom
            .http()
            .get('/newsroom/wire-items')
            .query({ ...(status ? { status } : {}), ...(agency ? { agency } : {}) })
            .set(chief.auth);
          expect(res.body.data.length).toBe(Math.min(res.body.meta.pagination.total, 25));
          answer[`${status || 'all'}/${agency || 'all'}`] = [
            res.body.meta.pagination.total,
            // Counted through the agency link, as Strapi relates them.
            await items.count({
              where: {
                ...(status ? { status } : {}),
                ...(agency ? { agency: { code: agency } } : {}),
              },
            }),
          ];
        }
      return answer;
    };
    const same = (answer: Record<string, [number, number]>) =>
      Object.values(answer).every(([listed, rows]) => listed === rows);
    const fresh = await ingest(
      JSON.stringify({
        uri: 'urn:inbox:counts:1',
        type: 'text',
        language: 'en',
        headlines: [{ role: 'main', value: 'Counted item' }],
        bodies: [{ role: 'main', contenttype: 'text/plain', value: 'Counted.' }],
      }),
      'application/json',
      { agency: 'AP' }
    );
    expect(same(await totals())).toBe(true);
    expect(
      (await newsroom.http().post(`/newsroom/wire-items/${fresh.id}/ignore`).set(chief.auth)).status
    ).toBe(200);
    expect(same(await totals())).toBe(true);
    // Removed in SQL, as another tool on the database would.
    await newsroom.strapi.db
      .connection(newsroom.strapi.db.metadata.get('plugin::newsroom.wire-item').tableName)
      .where({ id: fresh.id })
      .delete();
    const after = await totals();
    expect(same(after)).toBe(true);
    expect(after['all/AP'][0]).toBeGreaterThan(0);
    const kept = await newsroom.strapi.db
      .connection('newsroom_inbox_counts')
      .where({ status: 'ignored' })
      .sum({ n: 'n' });
    expect(Number(kept[0]?.n ?? 0)).toBe(after['ignored/all'][1]);
  });

  test("an agency filter naming the kept counts' placeholder for a missing code is counted from the rows", async () => {
    const table = newsroom.strapi.db.metadata.get('plugin::newsroom.wire-item').tableName;
    // An item without an agency code, written in SQL as another tool would.
    const [row] = await newsroom.strapi.db
      .connection(table)
      .insert({
        document_id: 'nocodexxxxxxxxxxxxxxxxxx',
        headline: 'No agency code',
        format: 'text',
        received_at: new Date(),
        raw_payload: 'No agency code.',
        content_hash: 'nocode',
        status: 'new',
        agency_status: 'usable',
      })
      .returning('id');
    try {
      for (const agency of ['-', 'AP']) {
        const res = await newsroom
          .http()
          .get('/newsroom/wire-items')
          .query({ agency })
          .set(chief.auth);
        expect(res.status).toBe(200);
        expect(res.body.meta.pagination.total).toBe(
          await newsroom.strapi.db
            .query('plugin::newsroom.wire-item')
            .count({ where: { agencyCode: agency } })
        );
      }
    } finally {
      await newsroom.strapi.db
        .connection(table)
        .where({ id: typeof row === 'object' ? row.id : row })
        .delete();
    }
  });

  test('counts left by an earlier version (another shape, other trigger code) are replaced at start', async () => {
    const knex = newsroom.strapi.db.connection;
    const table = newsroom.strapi.db.metadata.get('plugin::newsroom.wire-item').tableName;
    const onPostgres = newsroom.strapi.db.dialect.client === 'postgres';
    // An earlier version's counts: by status alone, with its own triggers writing that shape.
    await knex.raw('DROP TABLE newsroom_inbox_counts');
    await knex.raw(
      'CREATE TABLE newsroom_inbox_counts (status varchar(255) PRIMARY KEY, n bigint NOT NULL)'
    );
    const write =
      'INSERT INTO newsroom_inbox_counts (status, n) VALUES (NEW.status, 1) ON CONFLICT (status) DO UPDATE SET n = newsroom_inbox_counts.n + 1';
    if (onPostgres) {
      await knex.raw(
        `CREATE OR REPLACE FUNCTION newsroom_inbox_counts_v1_changed() RETURNS trigger AS $$ BEGIN ${write}; RETURN NULL; END $$ LANGUAGE plpgsql`
      );
      await knex.raw(
        `CREATE TRIGGER newsroom_inbox_counts_v1_insert AFTER INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION newsroom_inbox_counts_v1_changed()`
      );
    } else {
      await knex.raw(
        `CREATE TRIGGER newsroom_inbox_counts_v1_insert AFTER INSERT ON ${table} BEGIN ${write}; END`
      );
    }
    // What bootstrap runs at every start.
    await keepInboxCounts(newsroom.strapi);
    const fresh = await ingest(
      JSON.stringify({
        uri: 'urn:inbox:counts:upgrade',
        type: 'text',
        language: 'en',
        headlines: [{ role: 'main', value: 'Counted after an upgrade' }],
        bodies: [{ role: 'main', contenttype: 'text/plain', value: 'Counted.' }],
      }),
      'application/json',
      { agency: 'AP' }
    );
    expect(fresh.id).toBeGreaterThan(0);
    const res = await newsroom
      .http()
      .get('/newsroom/wire-items')
      .query({ status: 'new', agency: 'AP' })
      .set(chief.auth);
    expect(res.body.meta.pagination.total).toBe(
      await newsroom.strapi.db
        .query('plugin::newsroom.wire-item')
        .count({ where: { status: 'new', agency: { code: 'AP' } } })
    );
    const triggers = onPostgres
      ? (
          await knex.raw(
            'SELECT tgname AS name FROM pg_trigger WHERE tgrelid = to_regclass(?) AND NOT tgisinternal',
            [table]
          )
        ).rows
      : await knex.raw("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", [
          table,
        ]);
    const names = (triggers as Array<{ name: string }>).map((t) => t.name);
    expect(names.filter((n) => n.startsWith('newsroom_inbox_counts_'))).toHaveLength(3);
    expect(names).not.toContain('newsroom_inbox_counts_v1_insert');
    if (onPostgres)
      expect(
        (await knex.raw("SELECT 1 FROM pg_proc WHERE proname = 'newsroom_inbox_counts_v1_changed'"))
          .rows
      ).toHaveLength(0);
  });

  test('refuses bad filters by name', async () => {
    const res = await newsroom
      .http()
      .get('/newsroom/wire-items')
      .query({ status: 'lost', colour: 'red' })
      .set(chief.auth);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toMatch(/status/);
    const big = await newsroom
      .http()
      .get('/newsroom/wire-items')
      .query({ pageSize: 1000 })
      .set(chief.auth);
    expect(big.status).toBe(400);
  });

  test('an unknown wire item is 404', async () => {
    const res = await take(chief, 999999);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('Wire item 999999 not found');
  });
});

describe('wire permissions', () => {
  test('Authors and Editors read and take the wire by default', async () => {
    const item = await ingest(
      'Flights resume at Sochi\n\nFlights resumed on Sunday.',
      'text/plain',
      { agency: 'TASS' }
    );
    for (const role of ['strapi-author', 'strapi-editor']) {
      const session = await createAdminSession(newsroom, role);
      expect((await newsroom.http().get('/newsroom/wire-items').set(session.auth)).status).toBe(
        200
      );
      expect([200, 201]).toContain((await take(session, item.id)).status);
    }
  });

  test('a role without the wire permissions gets 403 and takes nothing', async () => {
    const role = await newsroom
      .http()
      .post('/admin/roles')
      .set(chief.auth)
      .send({ name: 'Reader', description: 'No wire access' });
    expect(role.status).toBe(201);
    const reader = await createAdminSession(newsroom, role.body.data.code);
    const item = await ingest('Bridge reopens\n\nThe bridge reopened on Monday.', 'text/plain', {
      agency: 'TASS',
    });
    expect((await newsroom.http().get('/newsroom/wire-items').set(reader.auth)).status).toBe(403);
    const res = await take(reader, item.id);
    expect(res.status).toBe(403);
    const stored = await newsroom.strapi.db
      .query('plugin::newsroom.wire-item')
      .findOne({ where: { id: item.id } });
    expect(stored.status).toBe('new');
  });
});
