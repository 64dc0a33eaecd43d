import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { articleIn } from '../../helpers/articles';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { workflow } from '../../helpers/workflow';

/**
 * The delivery routes keep rendered answers while what readers see is unchanged, and notice any
 * change to it on the next request, whoever made it: the workflow, or plain SQL that no plugin
 * code sees (as another tool sharing the database would). Changes readers do not see — a draft
 * edited — keep the answers.
 */
const ARTICLE = 'plugin::newsroom.article';
let newsroom: Newsroom;
let chief: AdminSession;
let slug: string;

beforeAll(async () => {
  newsroom = await startNewsroom({ demo: true });
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  const seed = await newsroom.strapi.db.query(ARTICLE).findOne({ where: {} });
  await workflow(newsroom, chief).run(seed.documentId, 'submit', 'approve', 'publish');
  slug = seed.slug;
});
afterAll(() => newsroom?.stop());

const table = (uid: string) => newsroom.strapi.db.metadata.get(uid).tableName;
const sql = () => newsroom.strapi.db.connection;
const detail = () => newsroom.http().get(`/api/newsroom/articles/${slug}`);
const list = () => newsroom.http().get('/api/newsroom/articles');

test('a published row changed in SQL is served changed on the next request', async () => {
  const before = await detail();
  expect(before.status).toBe(200);
  // Served again from the cache: same answer, same tag.
  expect((await detail()).headers.etag).toBe(before.headers.etag);
  await sql()(table(ARTICLE))
    .whereNotNull('published_at')
    .where({ slug })
    .update({ headline: 'Headline set in SQL' });
  const after = await detail();
  expect(after.body.data.headline).toBe('Headline set in SQL');
  expect(after.headers.etag).not.toBe(before.headers.etag);
  expect((await list()).body.data[0].headline).toBe('Headline set in SQL');
});

test('an agency, a rubric or a media file changed in SQL is served changed', async () => {
  const row = await newsroom.strapi.db.query(ARTICLE).findOne({
    where: { slug, publishedAt: { $notNull: true } },
    populate: {
      rubric: true,
      attribution: { populate: ['agency'] },
      leadPhoto: { populate: ['image'] },
    },
  });
  await sql()(table('plugin::newsroom.agency'))
    .where({ id: row.attribution.agency.id })
    .update({ name: 'Agency renamed in SQL' });
  expect(JSON.stringify((await detail()).body)).toContain('Agency renamed in SQL');

  await sql()(table('plugin::newsroom.rubric'))
    .where({ id: row.rubric.id })
    .update({ name: 'Rubric renamed in SQL' });
  expect(JSON.stringify((await detail()).body)).toContain('Rubric renamed in SQL');

  expect(row.leadPhoto?.image?.id).toBeDefined();
  await sql()(table('plugin::upload.file'))
    .where({ id: row.leadPhoto.image.id })
    .update({ alternative_text: 'Alt text set in SQL' });
  expect(JSON.stringify((await detail()).body)).toContain('Alt text set in SQL');
});

test('a draft edited, which readers do not see, keeps the kept answers', async () => {
  const counter = async () =>
    Number(
      (await sql()('newsroom_public_generation').where({ id: 1 }).first()).generation as number
    );
  const before = await counter();
  const etag = (await detail()).headers.etag;
  await sql()(table(ARTICLE)).whereNull('published_at').where({ slug }).update({
    headline: 'A draft headline',
  });
  expect(await counter()).toBe(before);
  const again = await detail();
  expect(again.headers.etag).toBe(etag);
  expect(again.body.data.headline).not.toBe('A draft headline');
});

test("the list's total is the count the triggers keep, through publications, kills and SQL", async () => {
  const served = async (locale: string) =>
    newsroom.strapi.db
      .query(ARTICLE)
      .count({ where: { locale, workflowState: 'published', publishedAt: { $notNull: true } } });
  const total = async (locale: string) =>
    (await newsroom.http().get(`/api/newsroom/articles?locale=${locale}`)).body.meta.pagination
      .total as number;
  const documents = [];
  for (let i = 0; i < 3; i += 1) documents.push(await articleIn(newsroom, chief, 'published'));
  expect(await total('en')).toBe(await served('en'));
  await workflow(newsroom, chief).run(documents[0], { action: 'kill', note: 'Withdrawn' });
  await workflow(newsroom, chief).run(documents[1], { action: 'correct', note: 'Date fixed' });
  expect(await total('en')).toBe(await served('en'));
  // A published row removed in SQL, as another tool on the database would.
  await sql()(table(ARTICLE))
    .whereNotNull('published_at')
    .where({ document_id: documents[2] })
    .delete();
  const now = await served('en');
  expect(await total('en')).toBe(now);
  // The total came from the kept count, which followed every change.
  const kept = await sql()('newsroom_public_counts').where({ locale: 'en' }).first();
  expect(Number(kept.n)).toBe(now);
  // A filtered list is counted from the rows.
  expect(
    (await newsroom.http().get('/api/newsroom/articles?tag=none-such')).body.meta.pagination.total
  ).toBe(0);
  expect(now).toBeGreaterThan(0);
});

test('the triggers stand in the way of no write and no schema change', async () => {
  const articles = table(ARTICLE);
  // A served row without a locale, written in SQL: stored, and counted under '-'.
  const [row] = await sql()(articles).whereNotNull('published_at').limit(1);
  const { id: _id, ...copy } = row as Record<string, unknown>;
  await sql()(articles).insert({
    ...copy,
    document_id: 'nolocalexxxxxxxxxxxxxxxx',
    locale: null,
    slug: 'no-locale',
  });
  expect(await sql()('newsroom_public_counts').where({ locale: '-' }).first()).toMatchObject({
    n: expect.anything(),
  });
  await sql()(articles).where({ document_id: 'nolocalexxxxxxxxxxxxxxxx' }).delete();
  // Strapi changes a column's type or default with ALTER COLUMN: no trigger may depend on it.
  if (newsroom.strapi.db.dialect.client === 'postgres')
    for (const column of ['workflow_state', 'published_at', 'locale'])
      await sql().raw(
        `ALTER TABLE ?? ALTER COLUMN ?? TYPE ${column === 'published_at' ? 'timestamp(6)' : 'varchar(255)'}`,
        [articles, column]
      );
  expect((await list()).status).toBe(200);
});

test('a change of default locale changes what a URL without ?locale serves at once', async () => {
  const locales = newsroom.strapi.plugin('i18n').service('locales');
  const before = await list();
  expect(before.body.data.length).toBeGreaterThan(0);
  expect(before.body.data.every((a: { locale: string }) => a.locale === 'en')).toBe(true);
  if (!(await locales.findByCode('fr'))) await locales.create({ code: 'fr', name: 'French (fr)' });
  await locales.setDefaultLocale({ code: 'fr' });
  try {
    const after = await list();
    expect(after.body.data).toEqual([]);
    expect(after.body.meta.pagination.total).toBe(0);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect((await newsroom.http().get('/api/newsroom/feed.xml')).text).toContain(
      '<language>fr</language>'
    );
  } finally {
    await locales.setDefaultLocale({ code: 'en' });
  }
  // The same stories again (the demo photo's renditions may have finished meanwhile).
  const slugs = (res: { body: { data: Array<{ slug: string; locale: string }> } }) =>
    res.body.data.map((a) => `${a.locale}/${a.slug}`);
  expect(slugs(await list())).toEqual(slugs(before));
});
