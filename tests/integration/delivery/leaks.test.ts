import { signPreview } from '../../../server/src/delivery/domain/preview-token';
import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { articleIn, createArticle } from '../../helpers/articles';
import { photo } from '../../helpers/images';
import { uploadAsAdmin } from '../../helpers/uploads';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { workflow } from '../../helpers/workflow';

/**
 * Nothing but published content leaves through any public route: articles in every
 * state, read through every route and format.
 */
const ARTICLE = 'plugin::newsroom.article';

let newsroom: Newsroom;
let chief: AdminSession;
const secret = (state: string) => `SECRET-${state}-MARKER`;
let embargoedId: string;

beforeAll(async () => {
  newsroom = await startNewsroom();
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  const agency = await newsroom.strapi.plugin('newsroom').service('agencies').findOrCreate('TASS');
  const rubric = await newsroom.strapi.plugin('newsroom').service('rubrics').findOrCreate('World');
  const common = (state: string) => ({
    headline: `Headline ${secret(state)}`,
    standfirst: secret(state),
    rubric: rubric.id,
    tags: [{ label: 'leaktest' }],
    attribution: { line: 'Based on materials from TASS', agency: agency.id },
  });
  const admin = await createAdminSession(newsroom);
  for (const state of ['draft', 'in_review', 'approved', 'scheduled', 'killed', 'spiked']) {
    // Each with a photo whose file carries the marker too: the media listing must not show it.
    const file = await uploadAsAdmin(
      newsroom,
      admin.auth,
      await photo(64, 48),
      `${state}.jpg`,
      'image/jpeg',
      { caption: secret(state), alternativeText: secret(state) }
    );
    await articleIn(newsroom, chief, state, {
      ...common(state),
      leadPhoto: { image: file.body[0].id, caption: secret(state), creditLine: 'TASS' },
    });
  }
  embargoedId = await createArticle(newsroom, {
    ...common('embargoed'),
    // Half an hour ahead (before the scheduled article's hour): the test moves the scheduler's
    // clock rather than waiting, so no load can let the embargo lift early.
    embargoUntil: new Date(Date.now() + 1800_000).toISOString(),
  });
  await workflow(newsroom, chief).run(embargoedId, 'submit', 'approve', 'publish');

  // Published, then edited in the Content Manager without a correction.
  const edited = await articleIn(newsroom, chief, 'published', {
    ...common('published'),
    headline: 'Public headline',
    standfirst: 'Public standfirst',
  });
  await newsroom.strapi.documents(ARTICLE).update({
    documentId: edited,
    data: {
      headline: `Edited ${secret('pending-edit')}`,
      standfirst: secret('pending-edit'),
    } as never,
  });
});
afterAll(() => newsroom?.stop());

const PUBLIC_URLS = [
  '/api/newsroom/articles',
  '/api/newsroom/articles?pageSize=100',
  '/api/newsroom/articles?page=2&pageSize=1',
  '/api/newsroom/articles?page=999',
  '/api/newsroom/articles?rubric=world',
  '/api/newsroom/articles?agency=TASS',
  '/api/newsroom/articles?tag=leaktest',
  '/api/newsroom/articles?locale=en',
  '/api/newsroom/articles?from=2000-01-01&to=2100-01-01',
  // Search: the public index holds served text only.
  '/api/newsroom/articles?q=secret',
  '/api/newsroom/articles?q=marker&sort=time',
  '/api/newsroom/articles?q=headline',
  '/api/newsroom/articles?q=public',
  '/api/newsroom/articles?q=edited',
  '/api/newsroom/articles?q=leaktest&subject=medtop:11000000',
  '/api/newsroom/feed.xml',
  '/api/newsroom/feed.xml?rubric=world',
];

const allSlugs = async () =>
  (await newsroom.strapi.db.query(ARTICLE).findMany({ select: ['slug'] })).map(
    (r: { slug: string }) => r.slug
  );

const readEverything = async () => {
  const bodies: string[] = [];
  for (const url of PUBLIC_URLS) bodies.push((await newsroom.http().get(url)).text);
  // The preview route answers only a signed token: ids, slugs and tokens signed elsewhere are nothing.
  const rows: Array<{ documentId: string; locale: string }> = await newsroom.strapi.db
    .query(ARTICLE)
    .findMany({ select: ['documentId', 'locale'] });
  for (const { documentId, locale } of rows) {
    const foreign = signPreview(
      { documentId, locale, exp: Math.floor(Date.now() / 1000) + 600 },
      'not-this-server'
    );
    for (const token of [documentId, foreign, `${foreign.split('.')[0]}.`])
      for (const format of ['', '?format=html'])
        bodies.push((await newsroom.http().get(`/api/newsroom/preview/${token}${format}`)).text);
  }
  for (const slug of await allSlugs()) {
    bodies.push((await newsroom.http().get(`/api/newsroom/preview/${slug}`)).text);
    for (const suffix of ['', '?format=ninjs', '?locale=en'])
      bodies.push((await newsroom.http().get(`/api/newsroom/articles/${slug}${suffix}`)).text);
    bodies.push(
      (
        await newsroom
          .http()
          .get(`/api/newsroom/articles/${slug}`)
          .set('Accept', 'application/ninjs+json')
      ).text
    );
  }
  return bodies.join('\n');
};

describe('no leaks', () => {
  test('only the published version of published articles appears, through every route and format', async () => {
    const everything = await readEverything();
    for (const state of [
      'draft',
      'in_review',
      'approved',
      'scheduled',
      'killed',
      'spiked',
      'embargoed',
      'pending-edit',
    ]) {
      expect(everything).not.toContain(secret(state));
    }
    expect(everything).toContain('Public headline');
    const list = await newsroom.http().get('/api/newsroom/articles?pageSize=100');
    expect(list.body.data.map((a: { headline: string }) => a.headline)).toEqual([
      'Public headline',
    ]);
    expect(list.body.meta.pagination.total).toBe(1);

    // Unpublished words match nothing, not even a count; the served ones do.
    for (const state of [
      'secret',
      'marker',
      'draft',
      'review',
      'approved',
      'scheduled',
      'killed',
      'spiked',
      'embargoed',
      'edited',
      'pending',
    ]) {
      const found = await newsroom.http().get('/api/newsroom/articles').query({ q: state });
      expect(found.status).toBe(200);
      expect(found.body.meta.pagination.total).toBe(0);
    }
    const served = await newsroom
      .http()
      .get('/api/newsroom/articles')
      .query({ q: 'public standfirst' });
    expect(served.body.data.map((a: { headline: string }) => a.headline)).toEqual([
      'Public headline',
    ]);
  });

  test("Strapi's generic REST routes do not serve the newsroom's types, and populate is refused", async () => {
    for (const url of [
      '/api/articles',
      '/api/articles?populate=*',
      '/api/newsroom-articles',
      '/api/wire-items',
      '/api/workflow-events',
      '/api/newsroom/wire-items',
      '/api/newsroom/articles?populate=*',
      '/api/newsroom/articles?status=draft',
      '/api/newsroom/articles?filters[workflowState]=draft',
    ]) {
      const res = await newsroom.http().get(url);
      expect([400, 404, 405]).toContain(res.status);
      expect(res.text).not.toContain('SECRET-');
    }
  });

  test('GraphQL and the media listing leak nothing, to the public or to a read-only token', async () => {
    const readOnly = await createApiToken(
      newsroom,
      await createAdminSession(newsroom),
      'read-only'
    );
    const queries = [
      '{ articles { headline standfirst } }',
      '{ articles(status: DRAFT) { headline } }',
      '{ wireItems { headline } }',
      '{ uploadFiles { name caption } }',
    ];
    const bodies: string[] = [];
    for (const auth of [{}, { Authorization: `Bearer ${readOnly}` }]) {
      for (const query of queries)
        bodies.push((await newsroom.http().post('/graphql').set(auth).send({ query })).text);
      for (const url of [
        '/api/upload/files',
        '/api/upload/files?populate=*',
        '/api/upload/files/page',
      ])
        bodies.push((await newsroom.http().get(url).set(auth)).text);
    }
    for (const state of [
      'draft',
      'in_review',
      'approved',
      'scheduled',
      'killed',
      'spiked',
      'pending-edit',
    ])
      expect(bodies.join('\n')).not.toContain(secret(state));
  });

  test('the embargoed article appears exactly when its embargo lifts', async () => {
    const slug = (
      await newsroom.strapi.db.query(ARTICLE).findOne({ where: { documentId: embargoedId } })
    ).slug;
    expect((await newsroom.http().get(`/api/newsroom/articles/${slug}`)).status).toBe(404);
    // The scheduler's run before the embargo time publishes nothing.
    expect(await newsroom.strapi.plugin('newsroom').service('workflow').publishDue()).toBe(0);
    expect((await newsroom.http().get(`/api/newsroom/articles/${slug}`)).status).toBe(404);

    const draft = await newsroom.strapi.db
      .query(ARTICLE)
      .findOne({ where: { documentId: embargoedId, publishedAt: null } });
    const lifted = new Date(draft.scheduledAt).getTime();
    const scheduler = newsroom.strapi.plugin('newsroom').service('workflow');
    expect(await scheduler.publishDue(new Date(lifted - 1000))).toBe(0);
    expect(await scheduler.publishDue(new Date(lifted))).toBe(1);
    const res = await newsroom.http().get(`/api/newsroom/articles/${slug}`);
    expect(res.status).toBe(200);
    expect(res.body.data.standfirst).toBe(secret('embargoed'));
  });

  test('pending edits go live only with a correction', async () => {
    const edited = await newsroom.strapi.db
      .query(ARTICLE)
      .findOne({ where: { headline: { $startsWith: 'Edited ' }, publishedAt: null } });
    await workflow(newsroom, chief).run(edited.documentId, {
      action: 'correct',
      note: 'Headline clarified',
    });
    const res = await newsroom.http().get(`/api/newsroom/articles/${edited.slug}`);
    expect(res.body.data.headline).toBe(`Edited ${secret('pending-edit')}`);
    expect(res.body.data.corrections).toEqual([
      expect.objectContaining({ note: 'Headline clarified' }),
    ]);
  });
});
