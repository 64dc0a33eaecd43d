import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { articleIn, draftRow } from '../../helpers/articles';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { workflow } from '../../helpers/workflow';
import { validateAgainst } from '../../helpers/xml-schema';

/**
 * What search engines read: canonical URLs, schema.org NewsArticle on the detail, a news
 * sitemap of the last 48 hours and a sitemap of everything published, killed stories absent.
 */
const ARTICLE = 'plugin::newsroom.article';
const SITE = 'https://site.example';

let newsroom: Newsroom;
let chief: AdminSession;
let seed: { documentId: string; slug: string };

beforeAll(async () => {
  newsroom = await startNewsroom({
    demo: true,
    env: {
      NEWSROOM_SITE_URL: SITE,
      NEWSROOM_PUBLISHER_NAME: 'Daily Wire Desk',
      NEWSROOM_MARK_SYNDICATED: 'true',
      // Small pages, so that a handful of articles needs a sitemap index.
      NEWSROOM_SITEMAP_URLS_PER_PAGE: '2',
    },
  });
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  seed = await newsroom.strapi.db.query(ARTICLE).findOne({ where: { publishedAt: null } });
  await workflow(newsroom, chief).run(seed.documentId, 'submit', 'approve', 'publish');
});
afterAll(() => newsroom?.stop());

const get = (url: string) => newsroom.http().get(url);

describe('the detail', () => {
  test('names its canonical URL and carries a NewsArticle whose images answer', async () => {
    const res = await get(`/api/newsroom/articles/${seed.slug}`);
    expect(res.status).toBe(200);
    const { canonicalUrl, jsonLd } = res.body.data;
    expect(canonicalUrl).toBe(`${SITE}/en/${seed.slug}`);
    expect(jsonLd).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Putin and Aliyev to Hold Talks in Moscow',
      url: canonicalUrl,
      mainEntityOfPage: { '@id': canonicalUrl },
      datePublished: expect.any(String),
      dateModified: expect.any(String),
      publisher: { '@type': 'NewsMediaOrganization', name: 'Daily Wire Desk', url: SITE },
      sourceOrganization: { name: 'TASS', alternateName: 'TASS' },
      isAccessibleForFree: true,
      inLanguage: 'en',
    });
    expect(jsonLd.author).toEqual([expect.objectContaining({ name: expect.any(String) })]);
    expect(jsonLd.image.length).toBeGreaterThanOrEqual(1);
    for (const url of jsonLd.image as string[]) {
      const path = new URL(url).pathname;
      expect((await get(path)).status).toBe(200);
    }
  });

  test('agency copy run unchanged is marked as syndicated; edited copy is not', async () => {
    const res = await get(`/api/newsroom/articles/${seed.slug}`);
    expect(res.body.data.syndicated).toBe(true);
    // Plain TASS copy has no item id, so the agency alone names the original.
    expect(res.body.data.jsonLd.isBasedOn).toEqual({
      '@type': 'NewsArticle',
      publisher: { '@type': 'NewsMediaOrganization', name: 'TASS' },
    });
    const own = await articleIn(newsroom, chief, 'published', { headline: 'Our own reporting' });
    const ours = await get(`/api/newsroom/articles/${(await draftRow(newsroom, own)).slug}`);
    expect(ours.body.data.syndicated).toBe(false);
    expect(ours.body.data.jsonLd.isBasedOn).toBeUndefined();
  });

  test('RSS links are the canonical URLs', async () => {
    const rss = await get('/api/newsroom/feed.xml');
    expect(rss.text).toContain(`<link>${SITE}/en/${seed.slug}</link>`);
  });
});

describe('sitemaps', () => {
  test('the news sitemap lists what was first published in the last 48 hours, not killed ones', async () => {
    const killed = await articleIn(newsroom, chief, 'killed', { headline: 'Killed story' });
    const old = await articleIn(newsroom, chief, 'published', { headline: 'Old story' });
    const table = newsroom.strapi.db.metadata.get(ARTICLE);
    const column = (name: string) =>
      (table.attributes[name] as { columnName?: string }).columnName ?? name;
    await newsroom.strapi.db
      .connection(table.tableName)
      .where(column('documentId'), old)
      .update({ [column('firstPublishedAt')]: new Date(Date.now() - 72 * 3600_000) });

    const res = await get('/api/newsroom/news-sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/xml');
    expect(res.text).toContain(`<loc>${SITE}/en/${seed.slug}</loc>`);
    expect(res.text).toContain('<news:name>Daily Wire Desk</news:name>');
    expect(res.text).toContain('<news:title>Putin and Aliyev to Hold Talks in Moscow</news:title>');
    for (const documentId of [killed, old])
      expect(res.text).not.toContain(`/${(await draftRow(newsroom, documentId)).slug}<`);
    expect(await validateAgainst(res.text, 'newsSitemap')).toEqual({ valid: true, errors: [] });

    // Two per page: with more than two published articles, an index of pages, each a valid
    // sitemap, together every published article once and nothing else.
    await articleIn(newsroom, chief, 'published', { headline: 'Third story' });
    const published: Array<{ slug: string }> = await newsroom.strapi.db.query(ARTICLE).findMany({
      where: { publishedAt: { $notNull: true }, workflowState: 'published' },
      select: ['slug'],
    });
    expect(published.length).toBeGreaterThan(2);
    const pageCount = Math.ceil(published.length / 2);
    const index = await get('/api/newsroom/sitemap.xml');
    expect(await validateAgainst(index.text, 'sitemapIndex')).toEqual({ valid: true, errors: [] });
    const pages = [...index.text.matchAll(/<loc>([^<]+)<\/loc>/gu)].map((m) => m[1]);
    expect(pages).toEqual(
      Array.from({ length: pageCount }, (_, i) =>
        expect.stringContaining(`/sitemap.xml?page=${i + 1}`)
      )
    );
    const listed: string[] = [];
    for (const page of pages) {
      const body = (await get(new URL(page).pathname + new URL(page).search)).text;
      expect(await validateAgainst(body, 'sitemap')).toEqual({ valid: true, errors: [] });
      listed.push(...[...body.matchAll(/<loc>([^<]+)<\/loc>/gu)].map((m) => m[1]));
    }
    expect(listed.sort()).toEqual(published.map((row) => `${SITE}/en/${row.slug}`).sort());
    expect(listed).toContain(`${SITE}/en/${(await draftRow(newsroom, old)).slug}`);
    expect(listed).not.toContain(`${SITE}/en/${(await draftRow(newsroom, killed)).slug}`);
    expect((await get(`/api/newsroom/sitemap.xml?page=${pageCount + 1}`)).status).toBe(404);
    expect((await get('/api/newsroom/sitemap.xml?page=0')).status).toBe(400);
    expect((await get('/api/newsroom/news-sitemap.xml?page=1')).status).toBe(400);
  });
});

describe('the schemas check something', () => {
  test('a news sitemap with a region language or no title is invalid', async () => {
    const res = await get('/api/newsroom/news-sitemap.xml');
    const broken = res.text.replace(/<news:language>[a-z]+</u, '<news:language>en-GB<');
    expect((await validateAgainst(broken, 'newsSitemap')).valid).toBe(false);
    const untitled = res.text.replace(/<news:title>[^<]*<\/news:title>/u, '');
    expect((await validateAgainst(untitled, 'newsSitemap')).valid).toBe(false);
    expect(
      (
        await validateAgainst(
          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url/></urlset>',
          'sitemap'
        )
      ).valid
    ).toBe(false);
  });
});
