/**
 * Delivery API throughput: 2,000 published articles with lead photos and renditions in
 * SQLite; the list (page of 20) and detail routes loaded with autocannon from a second
 * process on loopback, beside Strapi's generic REST returning the same data in the same
 * run, plus the 304 path. Prints one table.
 *
 *   npm run bench:api        (BENCH_ARTICLES, BENCH_SECONDS, BENCH_CONNECTIONS to change the run)
 */
import { execFile } from 'child_process';
import path from 'path';
import { promisify } from 'util';
import { seedPublishedArticles } from '../lib/published-articles';
import { printTable } from '../lib/table';
import { startNewsroom } from '../../tests/helpers/strapi';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const prepare = require('../../tests/helpers/global-setup.js') as () => Promise<void>;

const run = promisify(execFile);
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

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

const POPULATE_SUMMARY =
  'populate[dateline]=true&populate[attribution][populate][agency]=true&populate[rubric]=true&populate[tags]=true&populate[leadPhoto][populate][image]=true';
const POPULATE_DETAIL = `${POPULATE_SUMMARY}&populate[body]=true&populate[gallery][populate][image]=true&populate[corrections]=true`;

const main = async () => {
  await prepare();
  process.env.NEWSROOM_BENCH_GENERIC_REST = '1';
  const newsroom = await startNewsroom();
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
    ['list (page of 20)', 'Strapi generic REST (?populate=…)', generic.list, undefined, true],
    ['list (page of 20)', 'newsroom delivery, response cache off', ours.list, undefined, false],
    ['list (page of 20)', 'newsroom delivery', ours.list, undefined, true],
    ['list (page of 20)', 'newsroom delivery, 304', ours.list, listEtag, true],
    ['detail', 'Strapi generic REST (?filters[slug]&populate=…)', generic.detail, undefined, true],
    ['detail', 'newsroom delivery, response cache off', ours.detail, undefined, false],
    ['detail', 'newsroom delivery', ours.detail, undefined, true],
    ['detail', 'newsroom delivery, 304', ours.detail, etag, true],
  ] as const) {
    setCache(cache);
    rows.push([route, variant, await load(url, tag)]);
  }
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
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
