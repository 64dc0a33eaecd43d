/**
 * One size of `bench:scale`, in a process of its own (run.ts starts one per size): fills a
 * PostgreSQL newsroom to ARTICLES article locales and WIRE wire items (templates through the
 * real services, then bulk-SQL copies), then times each route over HTTP, one request at a time,
 * with the database time each spent (knex's query events). Prints its rows as JSON on stdout.
 *
 *   node -r esbuild-register bench/scale/measure.ts <articles> <wire items>
 */
import { performance } from 'perf_hooks';
import type { Core } from '@strapi/strapi';
import { createAdminSession } from '../../tests/helpers/admin';
import { startNewsroom } from '../../tests/helpers/strapi';
import { keptDatabase } from '../lib/kept-database';
import { ARTICLES, WIRE, cloneCopies, countOf } from './clone';
import { seedTemplates } from './templates';
import { ensurePublicGeneration } from '../../server/src/delivery/public-generation';
import { keepBoardCounts } from '../../server/src/workflow/board-counts';
import { keepInboxCounts } from '../../server/src/wire/inbox-counts';
import { copyFor, ninjsOf } from '../search/copy';
import type { WireIngestService } from '../../server/src/wire/services/wire-ingest';
import type { WorkflowService } from '../../server/src/workflow/services/workflow';
import { approvalDigest, type ApprovableArticle } from '../../server/src/workflow/domain/approval';

const TEMPLATE_ARTICLES = 48;
const TEMPLATE_WIRE = 20;
const RUNS = Number(process.env.SCALE_BENCH_RUNS ?? 60);
const ROW_MS = Number(process.env.SCALE_BENCH_ROW_SECONDS ?? 15) * 1000;
const log = (message: string) => process.stderr.write(`${message}\n`);

export interface Measured {
  route: string;
  runs: number;
  p50: number;
  p99: number;
  db50: number;
  db99: number;
  note?: string;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/** Database time spent while `work` runs: the sum of its queries' times (one request at a time). */
const databaseClock = (strapi: Core.Strapi) => {
  const started = new Map<string, number>();
  let total = 0;
  const knex = strapi.db.connection as unknown as NodeJS.EventEmitter;
  knex.on('query', (q: { __knexQueryUid: string }) =>
    started.set(q.__knexQueryUid, performance.now())
  );
  const done = (_: unknown, q: { __knexQueryUid: string }) => {
    const at = started.get(q.__knexQueryUid);
    if (at !== undefined) total += performance.now() - at;
    started.delete(q.__knexQueryUid);
  };
  knex.on('query-response', done);
  knex.on('query-error', (_: unknown, q: { __knexQueryUid: string }) => done(_, q));
  return () => total;
};

const fill = async (strapi: Core.Strapi, articles: number, wire: number) => {
  const knex = strapi.db.connection;
  const ARTICLE_GROUP = ARTICLES();
  if ((await countOf(knex, WIRE())) === 0) {
    log(`Templates: ${TEMPLATE_ARTICLES} articles, ${TEMPLATE_WIRE} wire items`);
    await seedTemplates(strapi, TEMPLATE_ARTICLES, TEMPLATE_WIRE);
  }
  const documents = async () =>
    Number(
      (
        await knex('newsroom_articles')
          .whereNull('published_at')
          .countDistinct({ n: knex.raw('(document_id, locale)') as never })
      )[0].n
    );
  // How many copies each group has: kept with the database, so a kept one only grows.
  await knex.raw(
    'CREATE TABLE IF NOT EXISTS bench_scale_copies (grp varchar(16) PRIMARY KEY, copies integer NOT NULL)'
  );
  const copiesOf = async (grp: string) =>
    Number((await knex('bench_scale_copies').where({ grp }).first())?.copies ?? 0);
  const made = (grp: string, copies: number) =>
    knex.raw(
      'INSERT INTO bench_scale_copies (grp, copies) VALUES (?, ?) ON CONFLICT (grp) DO UPDATE SET copies = excluded.copies',
      [grp, copies]
    );
  const started = performance.now();
  const haveArticles = await copiesOf('articles');
  const wantArticles = Math.ceil(articles / TEMPLATE_ARTICLES) - 1;
  if (wantArticles > haveArticles) {
    log(`Copying articles ${haveArticles + 1}…${wantArticles}`);
    await cloneCopies(knex, ARTICLE_GROUP, haveArticles + 1, wantArticles, (n) =>
      n % 1000 < 250 ? log(`  article copy ${n}/${wantArticles}`) : undefined
    );
    await made('articles', wantArticles);
  }
  const haveWire = await copiesOf('wire');
  const wantWire = Math.ceil(wire / TEMPLATE_WIRE) - 1;
  if (wantWire > haveWire) {
    log(`Copying wire items ${haveWire + 1}…${wantWire}`);
    await cloneCopies(knex, WIRE(), haveWire + 1, wantWire, (n) =>
      n % 10000 < 250 ? log(`  wire copy ${n}/${wantWire}`) : undefined
    );
    await made('wire', wantWire);
  }
  // The copies were written with the triggers off: the kept counts are counted again, as a
  // start would.
  if (wantArticles > haveArticles || wantWire > haveWire) {
    await ensurePublicGeneration(strapi);
    await keepBoardCounts(strapi);
    await keepInboxCounts(strapi);
  }
  const seconds = (performance.now() - started) / 1000;
  await knex.raw('VACUUM ANALYZE');
  return { documents: await documents(), wire: await countOf(knex, WIRE()), seconds };
};

const main = async () => {
  const [articles, wire] = process.argv.slice(2).map(Number);
  const keep = process.env.SCALE_BENCH_DB ? `${process.env.SCALE_BENCH_DB}_${articles}` : undefined;
  const newsroom = await startNewsroom({ env: await keptDatabase(keep) });
  const { strapi } = newsroom;
  const knex = strapi.db.connection;
  try {
    const size = await fill(strapi, articles, wire);
    log(
      `${size.documents} article locales, ${size.wire} wire items (filled in ${size.seconds.toFixed(0)} s)`
    );
    const admin = await createAdminSession(newsroom);
    const clock = databaseClock(strapi);
    const rows: Measured[] = [];

    /** Times `once(i)` RUNS times (or for ROW_MS) after a warm-up. */
    const measure = async (route: string, once: (i: number) => Promise<void>, runs = RUNS) => {
      for (let i = 0; i < 3; i += 1) await once(-1 - i);
      const wall: number[] = [];
      const db: number[] = [];
      const until = performance.now() + ROW_MS;
      for (let i = 0; i < runs && (i < 5 || performance.now() < until); i += 1) {
        const [t0, d0] = [performance.now(), clock()];
        await once(i);
        wall.push(performance.now() - t0);
        db.push(clock() - d0);
      }
      rows.push({
        route,
        runs: wall.length,
        p50: percentile(wall, 50),
        p99: percentile(wall, 99),
        db50: percentile(db, 50),
        db99: percentile(db, 99),
      });
      log(`  ${route}: p50 ${percentile(wall, 50).toFixed(1)} ms`);
    };
    const get =
      (path: string, auth = false) =>
      async () => {
        const res = await fetch(`${newsroom.url}${path}`, {
          headers: auth ? { Authorization: admin.auth.Authorization } : {},
        });
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      };
    const setCache = (on: boolean) =>
      strapi.config.set('plugin::newsroom.delivery.responseCache', on);

    // Documents to read: published ones, newest first, the same at both sizes in kind.
    const published = (await knex('newsroom_articles')
      .select('document_id', 'locale', 'slug')
      .whereNotNull('published_at')
      .where('workflow_state', 'published')
      .orderBy('first_published_at', 'desc')
      .limit(50)) as Array<{ document_id: string; locale: string; slug: string }>;
    const en = published.filter((p) => p.locale === 'en');

    log('Admin routes');
    await measure('inbox, first page', get('/newsroom/wire-items', true));
    await measure(
      'inbox, agency + status',
      get('/newsroom/wire-items?agency=TASS&status=new', true)
    );
    await measure('board, all columns', get('/newsroom/board', true));
    await measure('dashboard, 30 days', get('/newsroom/dashboard?days=30', true));
    await measure('article workflow', (i) =>
      get(
        `/newsroom/articles/${en[Math.abs(i) % en.length].document_id}/workflow?locale=en`,
        true
      )()
    );
    await measure('article history', (i) =>
      get(`/newsroom/articles/${en[Math.abs(i) % en.length].document_id}/history?locale=en`, true)()
    );
    const drafts = (await knex('newsroom_articles')
      .select('document_id', 'locale', 'workflow_version')
      .whereNull('published_at')
      .where('workflow_state', 'draft')
      .orderBy('id', 'desc')
      .limit(RUNS + 3)) as Array<{ document_id: string; locale: string; workflow_version: number }>;
    await measure(
      'transition (submit)',
      async (i) => {
        const draft = drafts[i < 0 ? -1 - i + RUNS : i];
        const res = await fetch(
          `${newsroom.url}/newsroom/articles/${draft.document_id}/transition`,
          {
            method: 'POST',
            headers: {
              Authorization: admin.auth.Authorization,
              'Content-Type': 'application/json',
            },
            body: JSON.stringify({
              action: 'submit',
              expectedVersion: draft.workflow_version,
              locale: draft.locale,
            }),
          }
        );
        if (res.status !== 200) throw new Error(`transition: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      },
      Math.min(RUNS, drafts.length - 3)
    );

    log('Delivery');
    setCache(false);
    await measure('delivery list, cache off', get('/api/newsroom/articles?pageSize=20'));
    await measure('delivery detail, cache off', (i) =>
      get(`/api/newsroom/articles/${en[Math.abs(i) % en.length].slug}`)()
    );
    await measure('delivery ninjs, cache off', (i) =>
      get(`/api/newsroom/articles/${en[Math.abs(i) % en.length].slug}?format=ninjs`)()
    );
    await measure('delivery RSS, cache off', get('/api/newsroom/feed.xml'));
    setCache(true);
    await measure('delivery list, cache on', get('/api/newsroom/articles?pageSize=20'));

    log('Scheduler');
    const workflow = strapi.plugin('newsroom').service('workflow') as WorkflowService;
    // Scheduled stories fall due; approved ones are scheduled as the workflow would (their
    // approval stands), to make up 1,000.
    const due = (await knex('newsroom_articles')
      .select('id')
      .whereNull('published_at')
      .whereIn('workflow_state', ['scheduled', 'approved'])
      .whereNotNull('approved_digest')
      .orderByRaw("workflow_state = 'scheduled' desc, id desc")
      .limit(1000)) as Array<{ id: number }>;
    await knex('newsroom_articles')
      .whereIn(
        'id',
        due.map((d) => d.id)
      )
      .update({ workflow_state: 'scheduled', scheduled_at: new Date(Date.now() - 60_000) });
    // A copy's slug and photo are its own: its approval is of that text (as if approved so).
    const approvable = (await strapi.db.query('plugin::newsroom.article').findMany({
      where: { id: { $in: due.map((d) => d.id) } },
      populate: {
        dateline: true,
        body: true,
        tags: true,
        rubric: true,
        attribution: { populate: { agency: true } },
        leadPhoto: { populate: { image: true } },
        gallery: { populate: { image: true } },
      },
    })) as Array<ApprovableArticle & { id: number }>;
    for (const row of approvable)
      await knex('newsroom_articles')
        .where({ id: row.id })
        .update({ approved_digest: approvalDigest(row) });
    const ticks: number[] = [];
    const tickDb: number[] = [];
    let publishedByTicks = 0;
    for (;;) {
      const [t0, d0] = [performance.now(), clock()];
      const n = await workflow.publishDue();
      if (!n) break;
      ticks.push(performance.now() - t0);
      tickDb.push(clock() - d0);
      publishedByTicks += n;
    }
    rows.push({
      route: `scheduler tick (100 due of ${due.length})`,
      runs: ticks.length,
      p50: percentile(ticks, 50),
      p99: percentile(ticks, 99),
      db50: percentile(tickDb, 50),
      db99: percentile(tickDb, 99),
      note: `${publishedByTicks} published`,
    });

    log('Ingest');
    const ingest = strapi.plugin('newsroom').service('wire-ingest') as WireIngestService;
    const items: number[] = [];
    const itemDb: number[] = [];
    for (let k = 0; k < 1000; k += 1) {
      const copy = copyFor(5_000_000 + k, 3);
      const [t0, d0] = [performance.now(), clock()];
      const result = await ingest.ingest({
        payload: Buffer.from(ninjsOf(copy, `urn:scale:ingest:${articles}:${Date.now()}:${k}`)),
        contentType: 'application/json',
        agency: copy.language === 'ru' ? 'TASS' : 'REUTERS',
      });
      items.push(performance.now() - t0);
      itemDb.push(clock() - d0);
      if (result.outcome !== 'new') throw new Error(`ingest ${k}: ${result.outcome}`);
    }
    rows.push({
      route: 'ingest, one item of 1,000',
      runs: items.length,
      p50: percentile(items, 50),
      p99: percentile(items, 99),
      db50: percentile(itemDb, 50),
      db99: percentile(itemDb, 99),
    });
    process.stdout.write(`${JSON.stringify({ size, rows })}\n`);
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
