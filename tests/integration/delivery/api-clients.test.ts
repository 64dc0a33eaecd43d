import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { articleIn } from '../../helpers/articles';
import { photo } from '../../helpers/images';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { uploadAsAdmin } from '../../helpers/uploads';
import { postWire } from '../../helpers/wire';

/**
 * With Strapi's GraphQL plugin installed beside the newsroom (the demo app has it), no
 * credential reads or writes a newsroom type through it, and API tokens list only the
 * media of published stories. Every state carries a marker that must never come back.
 */
const STATES = ['draft', 'in_review', 'approved', 'scheduled', 'published', 'killed', 'spiked'];
const marker = (state: string) => `SECRET-${state}-MARKER`;

let newsroom: Newsroom;
let admin: AdminSession;
let chief: AdminSession;
const tokens: Record<string, string | null> = {};
const fileOf: Record<string, number> = {};

beforeAll(async () => {
  newsroom = await startNewsroom();
  admin = await createAdminSession(newsroom);
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  for (const state of STATES) {
    const up = await uploadAsAdmin(
      newsroom,
      admin.auth,
      await photo(320, 240),
      `${state}.jpg`,
      'image/jpeg',
      {
        caption: marker(`${state}-caption`),
        alternativeText: marker(`${state}-alt`),
      }
    );
    fileOf[state] = up.body[0].id;
    await articleIn(newsroom, chief, state, {
      headline: `Headline ${marker(state)}`,
      standfirst: marker(state),
      leadPhoto: { image: fileOf[state], caption: marker(`${state}-photo`), creditLine: 'TASS' },
    });
  }
  tokens.public = null;
  tokens['read-only'] = await createApiToken(newsroom, admin, 'read-only');
  tokens['full-access'] = await createApiToken(newsroom, admin, 'full-access');
  tokens.custom = await createApiToken(newsroom, admin, 'custom', [
    'plugin::newsroom.wire.ingest',
    'plugin::upload.content-api.find',
  ]);
  await postWire(
    newsroom,
    tokens.custom!,
    `Wire ${marker('wire')}\n\nMoscow, 22 April. ${marker('wire-body')}\n`,
    'text/plain',
    { agency: 'TASS' }
  );
});
afterAll(() => newsroom?.stop());

const graphql = (token: string | null, query: string, variables: object = {}) => {
  const req = newsroom.http().post('/graphql').send({ query, variables });
  return token ? req.set('Authorization', `Bearer ${token}`) : req;
};

/** What a client would try: every newsroom type by its generated names, in queries and mutations. */
const ATTEMPTS = [
  '{ articles { documentId headline workflowState standfirst } }',
  '{ articles(status: DRAFT) { documentId headline standfirst wireUpdate } }',
  '{ articles_connection { nodes { documentId headline } } }',
  '{ article(documentId: "x") { headline } }',
  '{ wireItems { headline rawPayload story } }',
  '{ workflowEvents { action actorName note } }',
  '{ agencies { name code } }',
  '{ rubrics { name slug } }',
  '{ renditionJobs { status } }',
  'mutation { createArticle(data: { headline: "GraphQL scoop" }, status: PUBLISHED) { documentId } }',
  'mutation { updateArticle(documentId: "x", data: { headline: "GraphQL scoop" }, status: PUBLISHED) { documentId } }',
  'mutation { deleteArticle(documentId: "x") { documentId } }',
  'mutation { createWireItem(data: { headline: "Fabricated" }) { documentId } }',
  'mutation { updateWireItem(documentId: "x", data: { headline: "Fabricated" }) { documentId } }',
  'mutation { createWorkflowEvent(data: { action: "publish" }) { documentId } }',
];

describe("Strapi's GraphQL API", () => {
  test('is running, and answers a token for what Strapi itself serves', async () => {
    const res = await graphql(tokens['full-access'], '{ uploadFiles { documentId name } }');
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(Array.isArray(res.body.data.uploadFiles)).toBe(true);
  });

  test.each(['public', 'read-only', 'custom', 'full-access'])(
    'with a %s credential, every newsroom query and mutation is unknown',
    async (kind) => {
      for (const attempt of ATTEMPTS) {
        const res = await graphql(tokens[kind], attempt);
        expect(res.text).not.toMatch(/SECRET-/);
        expect(res.body.data ?? null).toBeNull();
        expect(JSON.stringify(res.body.errors)).toMatch(
          /Cannot query field|Unknown type|Unknown argument|Cannot query|Forbidden|not allowed/i
        );
      }
      expect(
        await newsroom.strapi.db
          .query('plugin::newsroom.article')
          .count({ where: { headline: 'GraphQL scoop' } })
      ).toBe(0);
      expect(
        await newsroom.strapi.db
          .query('plugin::newsroom.wire-item')
          .count({ where: { headline: 'Fabricated' } })
      ).toBe(0);
    }
  );

  test('the schema names no newsroom type at all', async () => {
    const res = await graphql(
      tokens['full-access'],
      '{ __schema { types { name } queryType { fields { name } } mutationType { fields { name } } } }'
    );
    expect(res.status).toBe(200);
    const names = JSON.stringify(res.body.data);
    expect(names).toContain('UploadFile');
    expect(names).not.toMatch(
      /Article|WireItem|WorkflowEvent|Agenc|Rubric|RenditionJob|ComponentNewsroom/
    );
  });
});

describe('read-only tokens and per-route grants', () => {
  test('a read-only token reads the find and findOne routes, the sitemaps among them', async () => {
    const as = (url: string) =>
      newsroom.http().get(url).set('Authorization', `Bearer ${tokens['read-only']}`);
    for (const url of [
      '/api/newsroom/articles',
      '/api/newsroom/news-sitemap.xml',
      '/api/newsroom/sitemap.xml',
    ])
      expect({ url, status: (await as(url)).status }).toEqual({ url, status: 200 });
    // RSS and the description are neither: a custom token names them.
    for (const url of ['/api/newsroom/feed.xml', '/api/newsroom/openapi.json'])
      expect({ url, status: (await as(url)).status }).toEqual({ url, status: 403 });
  });

  test('each route answers to its own grant: unticking one leaves the others', async () => {
    const permissions = newsroom.strapi.db.query('plugin::users-permissions.permission');
    const feed = await permissions.findOne({
      where: { action: 'plugin::newsroom.delivery.feed', role: { type: 'public' } },
      populate: ['role'],
    });
    expect(feed).toBeTruthy();
    await permissions.delete({ where: { id: feed.id } });
    try {
      expect([401, 403]).toContain((await newsroom.http().get('/api/newsroom/feed.xml')).status);
      expect((await newsroom.http().get('/api/newsroom/articles')).status).toBe(200);
      expect((await newsroom.http().get('/api/newsroom/sitemap.xml')).status).toBe(200);
    } finally {
      await permissions.create({ data: { action: feed.action, role: feed.role.id } });
    }
  });
});

describe('media of unpublished stories', () => {
  const listed = async (token: string) => {
    const rest = await newsroom
      .http()
      .get('/api/upload/files')
      .set('Authorization', `Bearer ${token}`);
    expect(rest.status).toBe(200);
    const gql = await graphql(
      token,
      '{ uploadFiles(pagination: { limit: 100 }) { name caption alternativeText } }'
    );
    expect(gql.body.errors).toBeUndefined();
    return { rest, gql };
  };

  test.each(['read-only', 'full-access'])(
    'a %s token lists only the photos of published stories, through REST and GraphQL',
    async (kind) => {
      const { rest, gql } = await listed(tokens[kind]!);
      for (const body of [rest.text, JSON.stringify(gql.body)]) {
        expect(body).toContain(marker('published-caption'));
        for (const state of STATES.filter((s) => s !== 'published'))
          expect(body).not.toContain(marker(`${state}-caption`));
      }
      for (const state of STATES.filter((s) => s !== 'published')) {
        expect(
          (
            await newsroom
              .http()
              .get(`/api/upload/files/${fileOf[state]}`)
              .set('Authorization', `Bearer ${tokens[kind]}`)
          ).status
        ).toBe(404);
      }
      const page = await newsroom
        .http()
        .get('/api/upload/files/page')
        .query({ 'pagination[pageSize]': 100 })
        .set('Authorization', `Bearer ${tokens[kind]}`);
      if (page.status === 200) expect(page.body.meta.pagination.total).toBe(page.body.data.length);
    }
  );

  test('the Media Library still shows editors every file', async () => {
    const res = await newsroom.http().get('/upload/files').query({ pageSize: 100 }).set(admin.auth);
    expect(res.status).toBe(200);
    for (const state of STATES) expect(res.text).toContain(marker(`${state}-caption`));
  });
});
