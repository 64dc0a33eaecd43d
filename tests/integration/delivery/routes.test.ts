import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { strapi as strapiClient } from '@strapi/client';
import Parser from 'rss-parser';
import ninjsSchema from '../../../server/src/wire/domain/schemas/ninjs-schema_2.2.json';
import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { articleIn } from '../../helpers/articles';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { workflow } from '../../helpers/workflow';

const ARTICLE = 'plugin::newsroom.article';

let newsroom: Newsroom;
let chief: AdminSession;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', type: 'object' });
const validateNinjs = ajv.compile(ninjsSchema);

let seedSlug: string;
let tassId: number;
let rubricId: number;

beforeAll(async () => {
  newsroom = await startNewsroom({ demo: true });
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  const seed = await newsroom.strapi.db
    .query(ARTICLE)
    .findOne({ where: {}, populate: { rubric: true, attribution: { populate: ['agency'] } } });
  seedSlug = seed.slug;
  tassId = seed.attribution.agency.id;
  rubricId = seed.rubric.id;
  await workflow(newsroom, chief).run(seed.documentId, 'submit', 'approve', 'publish');
});
afterAll(() => newsroom?.stop());

const get = (url: string) => newsroom.http().get(url);

describe('GET /api/newsroom/articles/:slug', () => {
  test('the reference story with sections, attribution, rubric and photo credit, publicly', async () => {
    const res = await get(`/api/newsroom/articles/${seedSlug}`);
    expect(res.status).toBe(200);
    const article = res.body.data;
    expect(article).toMatchObject({
      headline: 'Putin and Aliyev to Hold Talks in Moscow',
      slug: 'putin-and-aliyev-to-hold-talks-in-moscow',
      attribution: { line: 'Based on materials from TASS', agency: { name: 'TASS', code: 'TASS' } },
      rubric: { name: 'GSV "Russia - Islamic World"', slug: 'gsv-russia-islamic-world' },
      leadPhoto: { creditLine: 'official website of the President of the Russian Federation' },
      corrections: [],
    });
    expect(article.sections.map((s: { subhead: string | null }) => s.subhead)).toEqual([
      null,
      'Previous high-level contacts',
      "Peacekeepers' mission",
    ]);
    expect(article.sections[1].html).toMatch(
      /^<p>The last face-to-face meeting between Putin and Aliyev/
    );
    expect(article.sections.flatMap((s: { blocks: unknown[] }) => s.blocks)).toHaveLength(8);
    expect(article.dateline.date).toMatch(/-04-22$/);
  });

  test('IPTC ninjs 2.2 by ?format=ninjs or Accept, valid against the schema', async () => {
    const byQuery = await get(`/api/newsroom/articles/${seedSlug}?format=ninjs`);
    expect(byQuery.status).toBe(200);
    expect(byQuery.headers['content-type']).toMatch(/^application\/ninjs\+json/);
    const byAccept = await get(`/api/newsroom/articles/${seedSlug}`).set(
      'Accept',
      'application/ninjs+json'
    );
    expect(byAccept.body).toEqual(byQuery.body);
    const ninjs = byQuery.body;
    expect(validateNinjs(ninjs)).toBe(true);
    expect(ninjs).toMatchObject({
      type: 'text',
      pubstatus: 'usable',
      headlines: [{ role: 'main', value: 'Putin and Aliyev to Hold Talks in Moscow' }],
      infosources: [expect.objectContaining({ name: 'TASS' })],
      copyrightnotice: 'Based on materials from TASS',
      usageterms: 'Use subject to the TASS subscription agreement.',
    });
    expect(ninjs.uri).toMatch(/^urn:newsroom:article:/);
    expect(ninjs.bodies[0].value).toContain("<h2>Peacekeepers' mission</h2>");
    // The published version's workflow version: it moves on with every action and save.
    const published = await newsroom.strapi.db
      .query('plugin::newsroom.article')
      .findOne({ where: { slug: seedSlug, publishedAt: { $notNull: true } } });
    // The number of the archived snapshot being served: the first publication is 1.
    expect(ninjs.version).toBe(String(published.publicVersion));
    expect(ninjs.version).toBe('1');
  });

  test('unknown, draft, in review, approved, scheduled, embargoed and spiked articles are all the same 404', async () => {
    const slugs: string[] = [];
    for (const state of ['draft', 'in_review', 'approved', 'scheduled', 'spiked']) {
      const id = await articleIn(newsroom, chief, state);
      slugs.push(
        (await newsroom.strapi.db.query(ARTICLE).findOne({ where: { documentId: id } })).slug
      );
    }
    const embargoed = await newsroom.strapi.documents(ARTICLE).create({
      data: {
        headline: 'Embargoed budget',
        embargoUntil: new Date(Date.now() + 3600_000).toISOString(),
      } as never,
    });
    await workflow(newsroom, chief).run(embargoed.documentId, 'submit', 'approve', 'publish');
    slugs.push(embargoed.slug);
    const unknown = await get('/api/newsroom/articles/no-such-story');
    for (const slug of slugs) {
      const res = await get(`/api/newsroom/articles/${slug}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(unknown.body);
      expect((await get(`/api/newsroom/articles/${slug}?format=ninjs`)).status).toBe(404);
    }
  });

  test('a killed article answers 410 with its notice', async () => {
    const id = await articleIn(newsroom, chief, 'published', { headline: 'Story to be killed' });
    await workflow(newsroom, chief).run(id, {
      action: 'kill',
      note: 'Withdrawn: the source retracted the claim',
    });
    const res = await get('/api/newsroom/articles/story-to-be-killed');
    expect(res.status).toBe(410);
    expect(res.body.error).toMatchObject({
      status: 410,
      message: 'Withdrawn: the source retracted the claim',
    });
    expect(
      (await get('/api/newsroom/articles')).body.data.map((a: { slug: string }) => a.slug)
    ).not.toContain('story-to-be-killed');
  });

  test('unknown query parameters are 400 by name', async () => {
    const res = await get(`/api/newsroom/articles/${seedSlug}?populate=*`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Unknown query parameter: populate');
  });
});

describe('GET /api/newsroom/articles', () => {
  beforeAll(async () => {
    const make = async (headline: string, data: Record<string, unknown>) =>
      articleIn(newsroom, chief, 'published', { headline, ...data });
    await make('Reuters on trade', {
      attribution: {
        line: 'Based on materials from Reuters',
        agency: (
          await newsroom.strapi.plugin('newsroom').service('agencies').findOrCreate('REUTERS')
        ).id,
      },
      tags: [{ label: 'trade' }],
    });
    await make('TASS in the rubric', {
      rubric: rubricId,
      attribution: { line: 'Based on materials from TASS', agency: tassId },
      tags: [{ label: 'diplomacy' }],
    });
    await make('Plain local story', {});
  });

  test('newest first, with pagination', async () => {
    const res = await get('/api/newsroom/articles?pageSize=2');
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination).toMatchObject({ page: 1, pageSize: 2 });
    const all = await get('/api/newsroom/articles?pageSize=100');
    const times = all.body.data.map((a: { firstPublishedAt: string }) => a.firstPublishedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(res.body.data.map((a: { slug: string }) => a.slug)).toEqual(
      all.body.data.slice(0, 2).map((a: { slug: string }) => a.slug)
    );
    const beyond = await get(
      `/api/newsroom/articles?page=${all.body.meta.pagination.total + 1}&pageSize=1`
    );
    expect(beyond.body.data).toEqual([]);
  });

  test('filters by rubric, agency, tag, locale and time', async () => {
    const slugs = async (q: string) =>
      (await get(`/api/newsroom/articles?${q}`)).body.data
        .map((a: { headline: string }) => a.headline)
        .sort();
    expect(await slugs('rubric=gsv-russia-islamic-world')).toEqual([
      'Putin and Aliyev to Hold Talks in Moscow',
      'TASS in the rubric',
    ]);
    expect(await slugs('agency=REUTERS')).toEqual(['Reuters on trade']);
    expect(await slugs('tag=diplomacy')).toEqual(['TASS in the rubric']);
    expect(await slugs('locale=ru')).toEqual([]);
    expect(
      await slugs(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)
    ).toEqual([]);
    expect(await slugs('to=2000-01-01')).toEqual([]);
  });

  test('bad parameters are 400 naming them', async () => {
    expect((await get('/api/newsroom/articles?orderBy=headline')).body.error.message).toBe(
      'Unknown query parameter: orderBy'
    );
    expect((await get('/api/newsroom/articles?sort=headline')).body.error.message).toBe(
      'sort must be "relevance" or "time"'
    );
    expect((await get('/api/newsroom/articles?pageSize=1000')).body.error.message).toBe(
      'pageSize must be a whole number from 1 to 100'
    );
    expect((await get('/api/newsroom/articles?page=0')).status).toBe(400);
    expect((await get('/api/newsroom/articles?from=yesterday')).body.error.message).toBe(
      'from must be an ISO 8601 date or time'
    );
  });
});

describe('caching', () => {
  test('ETag and 304 on every route', async () => {
    for (const url of [
      `/api/newsroom/articles/${seedSlug}`,
      `/api/newsroom/articles/${seedSlug}?format=ninjs`,
      '/api/newsroom/articles',
      '/api/newsroom/feed.xml',
    ]) {
      const first = await get(url);
      expect(first.status).toBe(200);
      expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
      const again = await get(url).set('If-None-Match', first.headers.etag);
      expect({ url, status: again.status, etag: again.headers.etag }).toEqual({
        url,
        status: 304,
        etag: first.headers.etag,
      });
      expect(again.text ?? '').toBe('');
    }
  });

  test('the ETag changes when a correction goes live', async () => {
    const id = await articleIn(newsroom, chief, 'published', { headline: 'Figures released' });
    const before = await get('/api/newsroom/articles/figures-released');
    await newsroom.strapi
      .documents(ARTICLE)
      .update({ documentId: id, data: { standfirst: 'Revised figures' } as never });
    expect(
      (
        await get('/api/newsroom/articles/figures-released').set(
          'If-None-Match',
          before.headers.etag
        )
      ).status
    ).toBe(304);
    await workflow(newsroom, chief).run(id, { action: 'correct', note: 'Figures revised' });
    const after = await get('/api/newsroom/articles/figures-released').set(
      'If-None-Match',
      before.headers.etag
    );
    expect(after.status).toBe(200);
    expect(after.body.data.corrections).toEqual([
      expect.objectContaining({ note: 'Figures revised' }),
    ]);
  });

  test('max-age never outlives the next scheduled change', async () => {
    const normal = await get('/api/newsroom/articles');
    const maxAge = Number(/max-age=(\d+)/.exec(normal.headers['cache-control'])![1]);
    expect(maxAge).toBeLessThanOrEqual(60);
    const id = await articleIn(newsroom, chief, 'approved');
    await workflow(newsroom, chief).run(id, {
      action: 'schedule',
      at: new Date(Date.now() + 20_000).toISOString(),
    });
    for (const url of [
      '/api/newsroom/articles',
      '/api/newsroom/feed.xml',
      '/api/newsroom/articles/no-such-story',
    ]) {
      const res = await get(url);
      const age = Number(/max-age=(\d+)/.exec(res.headers['cache-control'])![1]);
      expect(age).toBeLessThanOrEqual(20);
      expect(age).toBeGreaterThan(0); // bounded by the schedule, not dropped to zero
    }
    await workflow(newsroom, chief).run(id, 'unschedule');
  });
});

describe('GET /api/newsroom/feed.xml', () => {
  test('is RSS 2.0 that a feed parser reads, with attribution and the rubric filter', async () => {
    const res = await get('/api/newsroom/feed.xml');
    expect(res.headers['content-type']).toMatch(/^application\/rss\+xml/);
    const feed = await new Parser().parseString(res.text);
    const seed = feed.items.find((i) => i.title === 'Putin and Aliyev to Hold Talks in Moscow')!;
    expect(seed).toBeDefined();
    expect(seed.content ?? seed.contentSnippet).toContain('Based on materials from TASS');
    // No site URL configured: the API's detail, in the feed's locale (slugs are unique per locale).
    expect(seed.link).toMatch(
      /\/api\/newsroom\/articles\/putin-and-aliyev-to-hold-talks-in-moscow\?locale=en$/
    );
    expect(seed.categories).toContain('GSV "Russia - Islamic World"');
    const rubricFeed = await new Parser().parseString(
      (await get('/api/newsroom/feed.xml?rubric=gsv-russia-islamic-world')).text
    );
    expect(rubricFeed.items.map((i) => i.title).sort()).toEqual([
      'Putin and Aliyev to Hold Talks in Moscow',
      'TASS in the rubric',
    ]);
  });
});

describe('@strapi/client, as a consumer reads', () => {
  test('lists and fetches published articles through the official client', async () => {
    const client = strapiClient({ baseURL: `${newsroom.url}/api` });
    const articles = client.collection('newsroom/articles');
    const list = await articles.find();
    expect(list.data.map((a) => (a as { headline?: string }).headline)).toContain(
      'Putin and Aliyev to Hold Talks in Moscow'
    );
    const one = await articles.findOne(seedSlug);
    expect(one.data).toMatchObject({
      slug: seedSlug,
      attribution: { line: 'Based on materials from TASS' },
    });
    const ninjs = await (await client.fetch(`/newsroom/articles/${seedSlug}?format=ninjs`)).json();
    expect(validateNinjs(ninjs)).toBe(true);
  });
});

describe('access', () => {
  test('the public role reads by default; an administrator can take it away', async () => {
    expect((await get('/api/newsroom/articles')).status).toBe(200);
    await newsroom.strapi.db
      .query('plugin::users-permissions.permission')
      .deleteMany({ where: { action: { $startsWith: 'plugin::newsroom.' } } });
    const res = await get('/api/newsroom/articles');
    expect([401, 403]).toContain(res.status);
  });

  test('the OpenAPI description names every delivery route', async () => {
    const admin = await createAdminSession(newsroom);
    const key = (
      await newsroom
        .http()
        .post('/admin/api-tokens')
        .set(admin.auth)
        .send({
          name: 'openapi',
          type: 'custom',
          lifespan: null,
          permissions: ['plugin::newsroom.delivery.openapi'],
        })
    ).body.data.accessKey;
    const res = await get('/api/newsroom/openapi.json').set('Authorization', `Bearer ${key}`);
    expect(res.status).toBe(200);
    // That token reads the description and nothing else.
    expect((await get('/api/newsroom/articles').set('Authorization', `Bearer ${key}`)).status).toBe(
      403
    );
    expect(Object.keys(res.body.paths)).toEqual([
      '/newsroom/articles',
      '/newsroom/articles/{slug}',
      '/newsroom/feed.xml',
      '/newsroom/news-sitemap.xml',
      '/newsroom/sitemap.xml',
      '/newsroom/preview/{token}',
    ]);
  });
});
