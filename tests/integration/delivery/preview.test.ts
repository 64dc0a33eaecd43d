import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { articleIn, createArticle } from '../../helpers/articles';
import { contentManager } from '../../helpers/content-manager';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';

/**
 * The Content Manager's *Open preview*: Strapi asks the plugin for a URL, the plugin signs one
 * only for a user who may read the article, and the signed page shows the working copy with
 * headers that keep it out of caches, indexes and referrers. Anything but a valid token is an
 * unknown article.
 */
const ARTICLE = 'plugin::newsroom.article';

let newsroom: Newsroom;
let chief: AdminSession;
let author: AdminSession;
let seed: { documentId: string; slug: string; headline: string };

beforeAll(async () => {
  newsroom = await startNewsroom({ demo: true });
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  author = await createAdminSession(newsroom, 'strapi-author');
  seed = await newsroom.strapi.db.query(ARTICLE).findOne({ where: { publishedAt: null } });
});
afterAll(() => newsroom?.stop());

const previewUrl = (session: AdminSession, documentId: string, locale = 'en') =>
  newsroom
    .http()
    .get(`/content-manager/preview/url/${ARTICLE}`)
    .query({ documentId, locale, status: 'draft' })
    .set(session.auth);

const pathOf = (url: string) => {
  const parsed = new URL(url, newsroom.url);
  return `${parsed.pathname}${parsed.search}`;
};
const get = (path: string) => newsroom.http().get(path);

const expectPrivateHeaders = (res: { headers: Record<string, string> }) => {
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['x-robots-tag']).toContain('noindex');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
};

describe('Open preview', () => {
  test('an editor gets a signed link whose page shows the draft as readers would see it', async () => {
    const res = await previewUrl(chief, seed.documentId);
    expect(res.status).toBe(200);
    const url: string = res.body.data.url;
    expect(url).toMatch(/\/api\/newsroom\/preview\/[\w-]+\.[\w-]+\?format=html$/u);

    const page = await get(pathOf(url));
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html');
    expectPrivateHeaders(page);
    expect(page.headers['content-security-policy']).toMatch(/style-src 'sha256-[\w+/=]+'/u);
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['content-security-policy']).not.toContain('script-src');
    expect(page.text).toContain('<h1>Putin and Aliyev to Hold Talks in Moscow</h1>');
    expect(page.text).toContain('class="dateline"');
    expect(page.text).toContain('class="attribution"');
    expect(page.text).toMatch(/<figure><img src="http:\/\/127\.0\.0\.1:\d+\/uploads\//u);
    expect(page.text).toContain('<figcaption>');
    expect(page.text).not.toContain('<script');

    const json = await get(pathOf(url).replace('format=html', 'format=json'));
    expect(json.status).toBe(200);
    expectPrivateHeaders(json);
    expect(json.body.data).toMatchObject({
      documentId: seed.documentId,
      headline: 'Putin and Aliyev to Hold Talks in Moscow',
      jsonLd: expect.objectContaining({ '@type': 'NewsArticle' }),
    });
    expect(json.body.meta.preview).toMatchObject({
      documentId: seed.documentId,
      locale: 'en',
      workflowState: 'draft',
    });
    // JSON is the default.
    expect((await get(pathOf(url).split('?')[0])).body.data.documentId).toBe(seed.documentId);
    // The public detail still has nothing: it is a draft.
    expect((await get(`/api/newsroom/articles/${seed.slug}`)).status).toBe(404);
  });

  test("a published article's preview shows its pending correction; the public still the published text", async () => {
    const documentId = await articleIn(newsroom, chief, 'published', { headline: 'As published' });
    const saved = await contentManager(newsroom, chief, ARTICLE).update(documentId, {
      headline: 'Pending correction',
    });
    expect(saved.status).toBe(200);
    const url = (await previewUrl(chief, documentId)).body.data.url;
    const preview = await get(pathOf(url).replace('format=html', 'format=json'));
    expect(preview.body.data.headline).toBe('Pending correction');
    expect(preview.body.meta.preview.workflowState).toBe('published');
    const row = await newsroom.strapi.db
      .query(ARTICLE)
      .findOne({ where: { documentId, publishedAt: { $notNull: true } } });
    expect((await get(`/api/newsroom/articles/${row.slug}`)).body.data.headline).toBe(
      'As published'
    );
  });

  test('no link for a user the Content Manager would not let read the article', async () => {
    // Strapi's Author reads only their own articles.
    const res = await previewUrl(author, seed.documentId);
    expect(res.status).toBe(204);
    expect(JSON.stringify(res.body ?? {})).not.toContain('/preview/');
    const own = await contentManager(newsroom, author, ARTICLE).create({ headline: 'Mine' });
    expect(own.status).toBe(201);
    const mine = await previewUrl(author, own.body.data.documentId);
    expect(mine.status).toBe(200);
    expect(mine.body.data.url).toContain('/api/newsroom/preview/');
    // An unknown article or locale: no link either.
    expect((await previewUrl(chief, 'nosuchdocumentid0000000')).status).toBe(204);
    expect((await previewUrl(chief, seed.documentId, 'ru')).status).toBe(204);
    // Without an admin login Strapi itself refuses.
    expect(
      (
        await newsroom
          .http()
          .get(`/content-manager/preview/url/${ARTICLE}`)
          .query({ documentId: seed.documentId })
      ).status
    ).toBe(401);
  });
});

describe('field permissions', () => {
  test('no link for a user who may read only some of the fields a preview shows', async () => {
    const { strapi } = newsroom;
    const role = await strapi.service('admin::role').create({
      name: `Headline readers ${Date.now()}`,
      description: 'Reads article headlines only',
    });
    await strapi.service('admin::role').assignPermissions(role.id, [
      {
        action: 'plugin::content-manager.explorer.read',
        subject: ARTICLE,
        properties: { fields: ['headline'], locales: ['en'] },
        conditions: [],
      },
    ]);
    const reader = await createAdminSession(newsroom, role.code);
    // The Content Manager shows this user the headline alone.
    const seen = await newsroom
      .http()
      .get(`/content-manager/collection-types/${ARTICLE}/${seed.documentId}`)
      .set(reader.auth);
    expect(seen.status).toBe(200);
    expect(seen.body.data.headline).toBeDefined();
    expect(seen.body.data.standfirst).toBeUndefined();
    expect((await previewUrl(reader, seed.documentId)).status).toBe(204);
  });
});

describe('the token', () => {
  test('tampered, expired, foreign or orphaned tokens get the same 404 as an unknown slug', async () => {
    const unknown = await get('/api/newsroom/articles/no-such-story');
    expect(unknown.status).toBe(404);
    const preview = newsroom.strapi.plugin('newsroom').service('preview');
    const good: string = preview.sign(seed.documentId, 'en').token;
    expect((await get(`/api/newsroom/preview/${good}`)).status).toBe(200);

    const [payload, signature] = good.split('.');
    const other = await createArticle(newsroom, { headline: 'Another story' });
    const forged = Buffer.from(JSON.stringify([other, 'en', 4_102_444_800])).toString('base64url');
    const flip = (s: string) => `${s.slice(0, -2)}${s.at(-2) === 'A' ? 'B' : 'A'}${s.at(-1)}`;
    const deleted = await createArticle(newsroom, { headline: 'Soon gone' });
    const orphan: string = preview.sign(deleted, 'en').token;
    await newsroom.strapi.documents(ARTICLE).delete({ documentId: deleted });
    const bad = [
      `${payload}.${flip(signature)}`,
      `${flip(payload)}.${signature}`,
      `${forged}.${signature}`,
      `${payload}.${signature}.x`,
      payload,
      preview.sign(seed.documentId, 'en', Date.now() - 3600_000).token,
      preview.sign(seed.documentId, 'ru').token,
      orphan,
      seed.documentId,
      seed.slug,
      'x'.repeat(2000),
    ];
    for (const token of bad) {
      for (const format of ['', '?format=html']) {
        const res = await get(`/api/newsroom/preview/${encodeURIComponent(token)}${format}`);
        expect({ token, status: res.status }).toEqual({ token, status: 404 });
        expect(res.body).toEqual(unknown.body);
        expectPrivateHeaders(res);
      }
    }
  });

  test('a bad format is refused by name, with the private headers', async () => {
    const token: string = newsroom.strapi
      .plugin('newsroom')
      .service('preview')
      .sign(seed.documentId, 'en').token;
    const res = await get(`/api/newsroom/preview/${token}?format=xml`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('format must be "json" or "html"');
    expectPrivateHeaders(res);
    expect(res.headers['x-frame-options']).toBeUndefined();
  });
});
