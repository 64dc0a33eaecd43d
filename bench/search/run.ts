/**
 * Full-text search on a large newsroom: 100,000 wire items and 20,000 published articles of
 * Russian and English copy (inflected: Алиев, Алиева, Алиевым; talks, talked, talking), written
 * in bulk, then the search index built with `rebuild()` (timed). Then, in the same run and side
 * by side, p50/p99 of the wire inbox's and the public list's searches through the services the
 * routes call, and of the same questions asked as LIKE '%word%' (ILIKE on PostgreSQL) over the
 * stored text; then the cost of the index on writes: ninjs items through the ingest service
 * with the index kept current, and with the wire indexing stubbed out in this process.
 *
 *   npm run bench:search                               (SQLite, full size)
 *   SEARCH_BENCH_SCALE=0.05 npm run bench:search       (5,000 items and 1,000 articles)
 *   DATABASE_CLIENT=postgres npm run bench:search      (with DATABASE_HOST, _USERNAME, _PASSWORD)
 *
 * SEARCH_BENCH_RUNS (200) timed runs per row after warm-up, each row stopping early after
 * SEARCH_BENCH_ROW_SECONDS (30) — the runs column says how many were made.
 * SEARCH_BENCH_DB keeps the database: a SQLite file, or on PostgreSQL a database of that name
 * (created when missing); a run that finds it filled skips the writing and the build. SEARCH_BENCH_ROWS=search|ingest runs only those rows.
 */
import fs from 'fs';
import os from 'os';
import { performance } from 'perf_hooks';
import type { Core } from '@strapi/strapi';
import { startNewsroom } from '../../tests/helpers/strapi';
import { keptDatabase } from '../lib/kept-database';
import { printTable } from '../lib/table';
import { copyFor, ninjsOf } from './copy';
import { AGENCIES, fillArticles, fillWireItems } from './fill';
import { likeBaseline, type WireFilters } from './baseline';
import type { WireInboxService } from '../../server/src/wire/services/wire-inbox';
import type { WireIngestService } from '../../server/src/wire/services/wire-ingest';
import type { SearchIndexService } from '../../server/src/search/services/search-index';
import type { SearchService } from '../../server/src/search/services/search';
import type { DeliveryService } from '../../server/src/delivery/services/delivery';
import type { AgenciesService } from '../../server/src/wire/services/agencies';
import { TABLES } from '../../server/src/search/engines/engine';
import { INDEX_VERSION } from '../../server/src/search/services/search-index';

const SCALE = Number(process.env.SEARCH_BENCH_SCALE ?? 1);
const WIRE_ITEMS = Math.round(100_000 * SCALE);
const ARTICLES = Math.round(20_000 * SCALE);
const INGESTS = Math.max(100, Math.round(1000 * Math.min(1, SCALE * 4)));
const RUNS = Number(process.env.SEARCH_BENCH_RUNS ?? 200);
const ROW_MS = Number(process.env.SEARCH_BENCH_ROW_SECONDS ?? 30) * 1000;
const WARM_UP = 20;
const WIRE_PAGE = 25;
const ARTICLE_PAGE = 20;

const count = (n: number) => n.toLocaleString('en-US');
const log = (message: string) => process.stderr.write(`${message}\n`);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** One question, and what the answer held: the page's length and the total. */
type Ask = (q: string) => Promise<{ hits: number; total: number }>;

interface Row {
  mode: string;
  runs: number;
  p50: number;
  p99: number;
  mean: number;
  found: string;
  note?: string;
}

/** Warm-up, then up to RUNS timed runs rotating through `queries` (or until the row's time is up). */
const measure = async (mode: string, queries: string[], ask: Ask): Promise<Row> => {
  global.gc?.();
  const warmUntil = performance.now() + ROW_MS / 6;
  for (let i = 0; i < WARM_UP && performance.now() < warmUntil; i += 1)
    await ask(queries[i % queries.length]);
  const times: number[] = [];
  const totals = new Map<string, { hits: number; total: number }>();
  const until = performance.now() + ROW_MS;
  for (let i = 0; i < RUNS && (i < queries.length || performance.now() < until); i += 1) {
    const q = queries[i % queries.length];
    const started = performance.now();
    const answer = await ask(q);
    times.push(performance.now() - started);
    if (!totals.has(q)) totals.set(q, answer);
  }
  times.sort((x, y) => x - y);
  const all = [...totals.values()];
  const range = (values: number[]) =>
    Math.min(...values) === Math.max(...values)
      ? count(values[0])
      : `${count(Math.min(...values))}–${count(Math.max(...values))}`;
  log(`  ${mode}: p50 ${percentile(times, 50).toFixed(1)} ms, ${times.length} runs`);
  return {
    mode,
    runs: times.length,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: times.reduce((s, t) => s + t, 0) / times.length,
    found: `${range(all.map((a) => a.hits))} / ${range(all.map((a) => a.total))}`,
  };
};

const ONE_WORD = ['Алиев', 'talks', 'переговоры', 'peacekeepers', 'миротворцев', 'ceasefire'];
const THREE_WORDS = [
  'Алиев переговоры Карабах',
  'Aliyev talks peacekeepers',
  'Лавров переговоры Женеве',
  'inflation rouble budget',
];
/** Filed under conflict, war and peace (medtop:16000000 and the topics under it). */
const SUBJECT_FILTER: WireFilters = { status: 'new', agency: 'TASS', subject: 'medtop:16000000' };
const SUBJECT_QUERIES = ['Алиев', 'переговоры', 'миротворцев', 'Пашинян граница'];
const RECENT_QUERIES = ['talks', 'Aliyev peacekeepers', 'ceasefire', 'sanctions'];
const localeOf = (q: string) => (/\p{Script=Cyrillic}/u.test(q) ? 'ru' : 'en');

const searchRows = async (strapi: Core.Strapi) => {
  const plugin = strapi.plugin('newsroom');
  const inbox = plugin.service('wire-inbox') as WireInboxService;
  const search = plugin.service('search') as SearchService;
  const delivery = plugin.service('delivery') as DeliveryService;
  const like = likeBaseline(strapi);
  const recent: WireFilters = {
    status: 'new',
    agency: 'REUTERS',
    from: new Date(Date.now() - 7 * 24 * 60 * 60 * 1000),
  };
  const inboxAsk =
    (filters: WireFilters): Ask =>
    async (q) => {
      const { results, pagination } = await inbox.list({
        q,
        ...(filters as object),
        status: filters.status as 'new' | undefined,
        sort: 'relevance',
        page: 1,
        pageSize: WIRE_PAGE,
      });
      return { hits: results.length, total: pagination.total };
    };
  const likeAsk =
    (filters: WireFilters): Ask =>
    (q) =>
      like.wire(q, filters, WIRE_PAGE);
  const publicAsk: Ask = async (q) => {
    const { rows, total } = await delivery.list({
      locale: localeOf(q),
      search: search.parse(q),
      sort: 'relevance',
      page: 1,
      pageSize: ARTICLE_PAGE,
    });
    return { hits: rows.length, total };
  };
  const likeArticles: Ask = (q) => like.articles(q, localeOf(q), ARTICLE_PAGE);

  const pairs: Array<[string, string[], Ask, Ask]> = [
    ['wire inbox, 1 word (Алиев, talks, …)', ONE_WORD, inboxAsk({}), likeAsk({})],
    ['wire inbox, 3 words', THREE_WORDS, inboxAsk({}), likeAsk({})],
    [
      'wire inbox, 1–2 words + status + agency + subject',
      SUBJECT_QUERIES,
      inboxAsk(SUBJECT_FILTER),
      likeAsk(SUBJECT_FILTER),
    ],
    [
      'wire inbox, 1–2 words + status + agency + last 7 days',
      RECENT_QUERIES,
      inboxAsk(recent),
      likeAsk(recent),
    ],
    ['public articles, 1 word', ONE_WORD, publicAsk, likeArticles],
    ['public articles, 3 words', THREE_WORDS, publicAsk, likeArticles],
  ];
  const rows: Row[] = [];
  for (const [mode, queries, ask, baseline] of pairs) {
    rows.push(await measure(`${mode}: search`, queries, ask));
    rows.push(
      await measure(
        `${mode}: ${strapi.db.dialect.client === 'postgres' ? 'ILIKE' : 'LIKE'} baseline`,
        queries,
        baseline
      )
    );
  }
  return rows;
};

/**
 * INGESTS ninjs items through the ingest service with the index kept current, and as many
 * with the wire indexing stubbed out, in alternating blocks so that neither side gets the warmer
 * or the emptier database.
 */
const writeRows = async (strapi: Core.Strapi): Promise<Row[]> => {
  const plugin = strapi.plugin('newsroom');
  const ingest = plugin.service('wire-ingest') as WireIngestService;
  const index = plugin.service('search-index') as SearchIndexService;
  const { indexWireItem, indexNewWireItem } = index;
  const indexed = async () =>
    Number((await strapi.db.connection(TABLES.wire).count({ n: '*' }))[0].n);
  let next = 0;
  const ingestOne = async () => {
    const k = next++;
    const copy = copyFor(10_000_000 + k, 3);
    const result = await ingest.ingest({
      payload: Buffer.from(ninjsOf(copy, `urn:bench:ingest:${process.pid}:${k}`)),
      contentType: 'application/json',
      agency: 'TASS',
    });
    if (result.outcome !== 'new') throw new Error(`ingest ${k}: ${result.outcome}`);
  };
  const times = { on: [] as number[], off: [] as number[] };
  const block = async (mode: 'on' | 'off', items: number, record: boolean) => {
    index.indexWireItem = mode === 'on' ? indexWireItem : async () => undefined;
    index.indexNewWireItem = mode === 'on' ? indexNewWireItem : async () => undefined;
    try {
      for (let i = 0; i < items; i += 1) {
        const started = performance.now();
        await ingestOne();
        if (record) times[mode].push(performance.now() - started);
      }
    } finally {
      index.indexWireItem = indexWireItem;
      index.indexNewWireItem = indexNewWireItem;
    }
  };
  const before = await indexed();
  await block('on', WARM_UP, false);
  await block('off', WARM_UP, false);
  const BLOCK = 50;
  for (let b = 0; b < Math.ceil(INGESTS / BLOCK); b += 1) {
    const items = Math.min(BLOCK, INGESTS - b * BLOCK);
    global.gc?.();
    for (const mode of b % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const))
      await block(mode, items, true);
  }
  // The stub must really have kept those items out of the index, and only those.
  const added = (await indexed()) - before;
  if (added !== WARM_UP + INGESTS)
    throw new Error(`expected ${WARM_UP + INGESTS} new index entries, found ${added}`);
  const row = (mode: string, t: number[]): Row => {
    const sorted = [...t].sort((x, y) => x - y);
    return {
      mode,
      runs: t.length,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      mean: t.reduce((s, x) => s + x, 0) / t.length,
      found: '',
    };
  };
  const off = row('ingest ninjs item, index not kept (indexing stubbed)', times.off);
  const on = row('ingest ninjs item, index kept current', times.on);
  on.note = `${(on.mean / off.mean).toFixed(2)}× the time per item`;
  return [off, on];
};

/** The database's size on disk, and the search index's share of it. */
const sizes = async (strapi: Core.Strapi) => {
  const knex = strapi.db.connection;
  if (strapi.db.dialect.client === 'postgres') {
    const total = await knex.raw('SELECT pg_database_size(current_database()) AS n');
    const tables = [...Object.values(TABLES), 'newsroom_search_subjects'];
    const index = await knex.raw(
      `SELECT SUM(pg_total_relation_size(t::regclass)) AS n FROM unnest(?::text[]) AS t`,
      [tables]
    );
    return { database: Number(total.rows[0].n), index: Number(index.rows[0].n) };
  }
  const file = process.env.DATABASE_FILENAME!;
  const database = [file, `${file}-wal`]
    .filter((f) => fs.existsSync(f))
    .reduce((s, f) => s + fs.statSync(f).size, 0);
  const index = (await knex
    .raw(`SELECT SUM(pgsize) AS n FROM dbstat WHERE name LIKE 'newsroom_search%'`)
    .catch(() => [{ n: NaN }])) as Array<{ n: number }>;
  return { database, index: Number(index[0]?.n) };
};

const KEEP = process.env.SEARCH_BENCH_DB;
const ONLY = process.env.SEARCH_BENCH_ROWS;

const main = async () => {
  const newsroom = await startNewsroom({ env: await keptDatabase(KEEP) });
  const { strapi } = newsroom;
  const knex = strapi.db.connection;
  const postgres = strapi.db.dialect.client === 'postgres';
  try {
    const agencies = strapi.plugin('newsroom').service('agencies') as AgenciesService;
    const agencyIds: Record<string, number> = {};
    for (const code of [...AGENCIES.ru, ...AGENCIES.en])
      agencyIds[code] = (await agencies.findOrCreate(code)).id;

    let started = performance.now();
    const filled =
      KEEP !== undefined && (await strapi.db.query('plugin::newsroom.wire-item').count({})) > 0;
    let fillSeconds = NaN;
    let buildSeconds = NaN;
    if (!filled) {
      log(
        `Writing ${count(WIRE_ITEMS)} wire items and ${count(ARTICLES)} articles (${strapi.db.dialect.client})`
      );
      const every = (total: number, what: string) => (done: number) => {
        if (done === total || done % Math.max(2000, Math.round(total / 10)) === 0)
          log(`  ${what} ${count(done)}/${count(total)}`);
      };
      await fillWireItems(strapi, WIRE_ITEMS, agencyIds, every(WIRE_ITEMS, 'wire items'));
      await fillArticles(strapi, ARTICLES, every(ARTICLES, 'articles'));
      fillSeconds = (performance.now() - started) / 1000;

      log('Building the search index');
      global.gc?.();
      started = performance.now();
      const built = await (
        strapi.plugin('newsroom').service('search-index') as SearchIndexService
      ).rebuild();
      buildSeconds = (performance.now() - started) / 1000;
      if (built.wire !== WIRE_ITEMS || built.articles !== ARTICLES)
        throw new Error(`rebuild indexed ${built.wire} wire items and ${built.articles} articles`);
    }
    if (filled) {
      // A kept database whose index is of an older version is rebuilt behind the start: wait
      // for it before the statistics and sizes are taken.
      const store = strapi.store({ type: 'plugin', name: 'newsroom' });
      while ((await store.get({ key: 'search-index-version' })) !== INDEX_VERSION) {
        log('  waiting for the search index build');
        await new Promise((resolve) => setTimeout(resolve, 5000));
      }
    }
    // What autovacuum would have done by the time anyone searched.
    if (postgres) await knex.raw('VACUUM ANALYZE');
    const size = await sizes(strapi);
    const version = postgres
      ? `PostgreSQL ${(await knex.raw('SHOW server_version')).rows[0].server_version}`
      : `SQLite ${(await knex.raw('SELECT sqlite_version() AS v'))[0].v}`;

    log('Searching');
    const load = os.loadavg()[0];
    const rows = ONLY === 'ingest' ? [] : await searchRows(strapi);
    if (ONLY !== 'search') {
      log(`Ingesting ${count(INGESTS)} + ${count(INGESTS)} ninjs items`);
      rows.push(...(await writeRows(strapi)));
    }

    console.log(
      `\nSearch: ${count(WIRE_ITEMS)} wire items + ${count(ARTICLES)} published articles (half ru, half en), ` +
        `${version}, database ${mb(size.database)} of which search index ${Number.isNaN(size.index) ? 'n/a' : mb(size.index)}; ` +
        (filled
          ? `database kept from an earlier run (${KEEP}); `
          : `bulk write ${fillSeconds.toFixed(0)} s, index build (rebuild) ${buildSeconds.toFixed(0)} s = ` +
            `${count(Math.round((WIRE_ITEMS + ARTICLES) / buildSeconds))} entries/s${postgres ? ', then VACUUM ANALYZE' : ''}; `) +
        `services as the routes call them, page ${WIRE_PAGE} (wire) / ${ARTICLE_PAGE} (articles); ` +
        `load average ${load.toFixed(1)} on ${os.cpus().length} cores when searching began; Node ${process.version}\n`
    );
    printTable(
      ['mode', 'runs', 'p50 ms', 'p99 ms', 'mean ms', 'page hits / total', 'note'],
      rows.map((r) => [
        r.mode,
        r.runs,
        r.p50.toFixed(1),
        r.p99.toFixed(1),
        r.mean.toFixed(1),
        r.found,
        r.note ?? '',
      ])
    );
  } finally {
    await newsroom.stop();
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
