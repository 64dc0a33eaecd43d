/**
 * Delivery API throughput: 2,000 published articles with lead photos and renditions in
 * SQLite; the list (page of 20) and detail routes loaded with autocannon from a second
 * process on loopback, beside Strapi's generic REST returning the same data in the same
 * run, bare and behind the community REST cache (`@strapi-community/plugin-rest-cache`,
 * memory provider), plus the 304 path. Then how long each serves a killed article: from the
 * kill's commit to the delivery route's first 410, and to the cached generic route's first
 * answer without it. Prints two tables.
 *
 *   npm run bench:api        (BENCH_ARTICLES, BENCH_SECONDS, BENCH_CONNECTIONS to change the run)
 */
import { execFile } from 'child_process';
import path from 'path';
import { promisify } from 'util';
import { seedPublishedArticles } from '../lib/published-articles';
import { printTable } from '../lib/table';
import { startNewsroom, type Newsroom } from '../../tests/helpers/strapi';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const prepare = require('../../tests/helpers/global-setup.js') as () => Promise<void>;

const run = promisify(execFile);
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ARTICLE = 'plugin::newsroom.article';
const ACTOR = { id: null, name: 'Benchmark' };

interface Load {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

const load = async (url: string, etag?: string): Promise<Load> => {
  const { stdout } = await run(
    'node',
    [
      path.join(__dirname, 'load.js'),
      url,
      String(SECONDS),
      String(CONNECTIONS),
      ...(etag ? [etag] : []),
    ],
    {
      maxBuffer: 1 << 20,
    }
  );
  return JSON.parse(stdout);
};

/** The community cache keeps an answer as long as the delivery routes tell clients to (60 s). */
const REST_CACHE_SECONDS = Number(process.env.BENCH_REST_CACHE_SECONDS ?? 60);
const POLL_MS = 5;

/**
 * Kills a published article (both caches warm) and polls the delivery detail route and the
 * cached generic route until each stops serving it: the delivery's 410, the generic list's
 * empty page.
 */
const staleAfterKill = async ({ strapi, url }: Newsroom, slug: string, populate: string) => {
  const routes = [
    {
      variant: 'newsroom delivery (response cache on)',
      url: `${url}/api/newsroom/articles/${slug}`,
      gone: async (res: Response) => res.status === 410,
    },
    {
      variant: 'generic REST + community REST cache',
      url: `${url}/api/newsroom/generic-cached/articles?${populate}&filters[slug][$eq]=${slug}`,
      gone: async (res: Response) => ((await res.json()) as { data: unknown[] }).data.length === 0,
    },
  ];
  for (const route of routes)
    for (let i = 0; i < 2; i += 1) {
      const res = await fetch(route.url);
      if (res.status !== 200 || (await route.gone(res)))
        throw new Error(`${route.variant} does not serve ${slug} before the kill`);
    }
  const row = (await strapi.db.query(ARTICLE).findOne({ where: { slug, publishedAt: null } })) as {
    documentId: string;
  };
  await strapi
    .plugin('newsroom')
    .service('workflow')
    .transition(
      row.documentId,
      { action: 'kill', expectedVersion: 3, note: 'Withdrawn for the benchmark.' },
      ACTOR
    );
  const committed = performance.now();
  return Promise.all(
    routes.map(async (route) => {
      let stale = 0;
      while (performance.now() - committed < REST_CACHE_SECONDS * 1000 + 10_000) {
        const res = await fetch(route.url);
        if (await route.gone(res))
          return {
            variant: route.variant,
            after: `${(performance.now() - committed).toFixed(0)} ms`,
            stale,
          };
        stale += 1;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      return { variant: route.variant, after: 'never, within max-age + 10 s', stale };
    })
  );
};

const POPULATE_SUMMARY =
  'populate[dateline]=true&populate[attribution][populate][agency]=true&populate[rubric]=true&populate[tags]=true&populate[leadPhoto][populate][image]=true';
const POPULATE_DETAIL = `${POPULATE_SUMMARY}&populate[body]=true&populate[gallery][populate][image]=true&populate[corrections]=true`;

const main = async () => {
  await prepare();
  process.env.NEWSROOM_BENCH_GENERIC_REST = '1';
  process.env.NEWSROOM_BENCH_REST_CACHE = '1';
  process.env.NEWSROOM_BENCH_REST_CACHE_MAX_AGE = String(REST_CACHE_SECONDS);
  const newsroom = await startNewsroom();
  // The generic routes are read as the public role, as the delivery routes are.
  const publicRole = await newsroom.strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' } });
  await newsroom.strapi.db
    .query('plugin::users-permissions.permission')
    .create({ data: { action: `${ARTICLE}.find`, role: publicRole.id } });
  const started = Date.now();
  const slugs = await seedPublishedArticles(newsroom, ARTICLES);
  const slug = slugs[Math.floor(slugs.length / 2)];
  console.error(
    `seeded ${slugs.length} published articles in ${((Date.now() - started) / 1000).toFixed(0)} s`
  );

  const base = newsroom.url;
  const ours = {
    list: `${base}/api/newsroom/articles?pageSize=20`,
    detail: `${base}/api/newsroom/articles/${slug}`,
  };
  const generic = {
    list: `${base}/api/newsroom/generic/articles?${POPULATE_SUMMARY}&sort=firstPublishedAt:desc&pagination[pageSize]=20`,
    detail: `${base}/api/newsroom/generic/articles?${POPULATE_DETAIL}&filters[slug][$eq]=${slug}`,
  };
  const open = {
    list: generic.list.replace('/generic/', '/generic-open/'),
    detail: generic.detail.replace('/generic/', '/generic-open/'),
  };
  const cached = {
    list: generic.list.replace('/generic/', '/generic-cached/'),
    detail: generic.detail.replace('/generic/', '/generic-cached/'),
  };
  // Same content on both sides.
  type Page = { data: Array<{ headline: string }> };
  const [a, b] = (await Promise.all([
    fetch(ours.list).then((r) => r.json()),
    fetch(generic.list).then((r) => r.json()),
  ])) as [Page, Page];
  if (a.data.length !== 20 || b.data.length !== 20 || a.data[0].headline !== b.data[0].headline)
    throw new Error('list routes disagree');
  const etag = (await fetch(ours.detail)).headers.get('etag')!;
  const listEtag = (await fetch(ours.list)).headers.get('etag')!;

  const rows: Array<[string, string, Load]> = [];
  const setCache = (on: boolean) =>
    newsroom.strapi.config.set('plugin::newsroom.delivery.responseCache', on);
  for (const [route, variant, url, tag, cache] of [
    [
      'list (page of 20)',
      'Strapi generic REST, public role (?populate=…)',
      generic.list,
      undefined,
      true,
    ],
    [
      'list (page of 20)',
      'generic REST, no permission check (auth: false)',
      open.list,
      undefined,
      true,
    ],
    ['list (page of 20)', 'generic REST + community REST cache', cached.list, undefined, true],
    ['list (page of 20)', 'newsroom delivery, response cache off', ours.list, undefined, false],
    ['list (page of 20)', 'newsroom delivery', ours.list, undefined, true],
    ['list (page of 20)', 'newsroom delivery, 304', ours.list, listEtag, true],
    [
      'detail',
      'Strapi generic REST, public role (?filters[slug]&populate=…)',
      generic.detail,
      undefined,
      true,
    ],
    ['detail', 'generic REST, no permission check (auth: false)', open.detail, undefined, true],
    ['detail', 'generic REST + community REST cache', cached.detail, undefined, true],
    ['detail', 'newsroom delivery, response cache off', ours.detail, undefined, false],
    ['detail', 'newsroom delivery', ours.detail, undefined, true],
    ['detail', 'newsroom delivery, 304', ours.detail, etag, true],
  ] as const) {
    setCache(cache);
    rows.push([route, variant, await load(url, tag)]);
  }
  setCache(true);
  const killed = await staleAfterKill(newsroom, slugs[1], POPULATE_DETAIL);
  await newsroom.stop();

  const baseline = (route: string) =>
    rows.find(([r, v]) => r === route && v.startsWith('Strapi'))![2].rps;
  console.log(
    `\nDelivery API, ${ARTICLES} published articles with photos, SQLite, ${CONNECTIONS} connections × ${SECONDS} s, Node ${process.version}\n`
  );
  printTable(
    ['route', 'variant', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'vs generic REST'],
    rows.map(([route, variant, r]) => [
      route,
      variant,
      r.rps.toFixed(0),
      r.p50,
      r.p99,
      r.non2xx,
      `${(r.rps / baseline(route)).toFixed(2)}×`,
    ])
  );
  console.log(
    `\nA killed article: from the kill's commit to the first answer without it (polled every ${POLL_MS} ms; the community cache keeps an answer ${REST_CACHE_SECONDS} s, as long as the delivery's max-age)\n`
  );
  printTable(
    ['variant', 'first answer without it after', 'stale answers served meanwhile'],
    killed.map((k) => [k.variant, k.after, k.stale])
  );
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
