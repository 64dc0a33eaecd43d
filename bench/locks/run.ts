/**
 * What edit locks and the stale-save check cost, in the same run and the same database:
 *
 * 1. The heartbeat of 200 open editors, each with an article of its own: requests per second,
 *    latency and database time per heartbeat, for a heartbeat that only reads (the lock was
 *    renewed less than a third of its life ago: most of them) and one that renews it (a
 *    write), beside a plain admin read (`GET /newsroom/articles/:id/workflow`) as baseline.
 * 2. A Content Manager save with the version check, beside the check's own work alone (the
 *    read it compares against and the conditional UPDATE), run the same number of times.
 *
 *   npm run bench:locks            (BENCH_EDITORS=50 BENCH_SECONDS=3 for a quick run)
 */
import { performance } from 'perf_hooks';
import { createAdminSession, type AdminSession } from '../../tests/helpers/admin';
import { tabSession } from '../../tests/helpers/locks';
import { startNewsroom, type Newsroom } from '../../tests/helpers/strapi';
import { printTable } from '../lib/table';
import { CONTENT_POPULATE } from '../../server/src/workflow/domain/content-edits';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const prepare = require('../../tests/helpers/global-setup.js') as () => Promise<void>;

const EDITORS = Number(process.env.BENCH_EDITORS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const IN_FLIGHT = 16;
const SAVES = Number(process.env.BENCH_SAVES ?? 300);
const ARTICLE = 'plugin::newsroom.article';

/**
 * Database time: the wall time during which at least one query was in flight (sent, not yet
 * answered), as knex reports them: the union of the answered queries' intervals. Summing each
 * query's own time would count overlapping queries twice.
 */
const databaseClock = (newsroom: Newsroom) => {
  const knex = newsroom.strapi.db.connection;
  const started = new Map<string, number>();
  let intervals: Array<[number, number]> = [];
  knex.on('query', (q: { __knexQueryUid: string }) =>
    started.set(q.__knexQueryUid, performance.now())
  );
  const done = (_r: unknown, q: { __knexQueryUid: string }) => {
    const at = started.get(q.__knexQueryUid);
    if (at === undefined) return;
    started.delete(q.__knexQueryUid);
    intervals.push([at, performance.now()]);
  };
  knex.on('query-response', done);
  knex.on('query-error', (_e: unknown, q: { __knexQueryUid: string }) => done(null, q));
  return {
    reset() {
      intervals = [];
      started.clear();
    },
    read: () => {
      const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
      let ms = 0;
      let end = -Infinity;
      for (const [from, to] of sorted) {
        if (to <= end) continue;
        ms += to - Math.max(from, end);
        end = to;
      }
      return { ms, queries: intervals.length };
    },
  };
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Runs `request` from IN_FLIGHT loops for SECONDS; returns what a table row needs. */
const load = async (
  clock: ReturnType<typeof databaseClock>,
  request: (i: number) => Promise<{ status: number }>
) => {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  clock.reset();
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (performance.now() < until) {
        const at = performance.now();
        const res = await request(next++);
        if (res.status !== 200) failures += 1;
        latencies.push(performance.now() - at);
      }
    })
  );
  const elapsed = (performance.now() - started) / 1000;
  const db = clock.read();
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    dbPer: db.ms / latencies.length,
    queriesPer: db.queries / latencies.length,
    failures,
  };
};

const main = async () => {
  await prepare();
  const newsroom = await startNewsroom();
  try {
    const { strapi } = newsroom;
    const clock = databaseClock(newsroom);
    console.log(`Setting up ${EDITORS} editors with an article each…`);
    const editors: Array<{ user: AdminSession; session: string; documentId: string }> = [];
    for (let i = 0; i < EDITORS; i += 1) {
      const user = await createAdminSession(newsroom, 'strapi-editor');
      const doc = await strapi.documents(ARTICLE).create({
        data: { headline: `Desk story ${i}`, standfirst: 'Open on an editor’s screen' } as never,
      });
      editors.push({ user, session: tabSession(), documentId: doc.documentId });
    }
    const beat = (i: number) => {
      const e = editors[i % EDITORS];
      return newsroom
        .http()
        .post(`/newsroom/articles/${e.documentId}/lock`)
        .set(e.user.auth)
        .send({ session: e.session });
    };
    for (let i = 0; i < EDITORS; i += 1) await beat(i); // every editor holds its lock

    const baseline = await load(clock, (i) => {
      const e = editors[i % EDITORS];
      return newsroom.http().get(`/newsroom/articles/${e.documentId}/workflow`).set(e.user.auth);
    });
    const reading = await load(clock, beat);
    // A lock life so short that every heartbeat renews it: the write path, measured alone.
    const config = strapi.config.get('plugin::newsroom.locks') as { ttlSeconds: number };
    strapi.config.set('plugin::newsroom.locks', { ...config, ttlSeconds: 0.001 });
    const writing = await load(clock, beat);
    strapi.config.set('plugin::newsroom.locks', config);

    const row = (name: string, r: Awaited<ReturnType<typeof load>>) => [
      name,
      r.rps.toFixed(0),
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      r.dbPer.toFixed(2),
      r.queriesPer.toFixed(1),
      r.failures,
    ];
    console.log(
      `\n${EDITORS} open editors, ${IN_FLIGHT} requests in flight for ${SECONDS} s each (SQLite or PostgreSQL as configured: ${strapi.db.dialect.client})\n`
    );
    printTable(
      ['request', 'req/s', 'p50 ms', 'p99 ms', 'DB busy ms/req', 'queries/req', 'non-200'],
      [
        row('baseline: GET …/workflow (admin read)', baseline),
        row('heartbeat, lock fresh (reads only)', reading),
        row('heartbeat that renews the lock (write)', writing),
      ]
    );
    const { ttlSeconds, heartbeatSeconds } = config as {
      ttlSeconds: number;
      heartbeatSeconds: number;
    };
    console.log(
      `\nAt one heartbeat per ${heartbeatSeconds} s, ${EDITORS} editors send ${(EDITORS / heartbeatSeconds).toFixed(0)} heartbeats/s; one in ${Math.ceil(ttlSeconds / 3 / heartbeatSeconds)} renews its lock (a write), the rest only read.`
    );

    // Saves: a Content Manager save (version check included) and the check's work alone.
    const writer = editors[0];
    const cm = (data: object) =>
      newsroom
        .http()
        .put(`/content-manager/collection-types/${ARTICLE}/${writer.documentId}`)
        .set(writer.user.auth)
        .send(data);
    await newsroom
      .http()
      .delete(`/newsroom/articles/${writer.documentId}/lock`)
      .query({ session: writer.session })
      .set(writer.user.auth);
    const timeSaves = async (save: (i: number, version: number) => Promise<number>) => {
      clock.reset();
      const times: number[] = [];
      let version = (
        await strapi.db
          .query(ARTICLE)
          .findOne({ where: { documentId: writer.documentId, publishedAt: null } })
      ).contentVersion;
      for (let i = 0; i < SAVES; i += 1) {
        const at = performance.now();
        version = await save(i, version);
        times.push(performance.now() - at);
      }
      const db = clock.read();
      times.sort((a, b) => a - b);
      return {
        mean: times.reduce((s, t) => s + t, 0) / SAVES,
        p99: percentile(times, 99),
        dbPer: db.ms / SAVES,
        queriesPer: db.queries / SAVES,
      };
    };
    const withCheck = await timeSaves(async (i, version) => {
      const res = await cm({ standfirst: `Save ${i}`, contentVersion: version });
      if (res.status !== 200) throw new Error(`save refused: ${res.status} ${res.text}`);
      return res.body.data.contentVersion;
    });
    // The check's own work, as the write guard does it: the read it compares against, then the claim.
    const articles = strapi.db.query(ARTICLE);
    const checkAlone = await timeSaves(async (i, version) => {
      await articles.findOne({
        where: { documentId: writer.documentId, locale: 'en', publishedAt: null },
        populate: CONTENT_POPULATE,
      });
      await articles.updateMany({
        where: {
          documentId: writer.documentId,
          locale: 'en',
          publishedAt: null,
          contentVersion: version,
        },
        data: {
          contentVersion: version + 1,
          editTrail: [
            {
              version: version + 1,
              actorName: 'bench',
              at: new Date().toISOString(),
              fields: ['standfirst'],
            },
          ],
        },
      });
      return version + 1;
    });
    console.log(`\n${SAVES} saves of one article, one after another\n`);
    printTable(
      ['save', 'mean ms', 'p99 ms', 'DB busy ms/save', 'queries/save'],
      [
        [
          'Content Manager save, with the version check',
          withCheck.mean.toFixed(1),
          withCheck.p99.toFixed(1),
          withCheck.dbPer.toFixed(2),
          withCheck.queriesPer.toFixed(1),
        ],
        [
          'the version check alone (compare read + claim)',
          checkAlone.mean.toFixed(1),
          checkAlone.p99.toFixed(1),
          checkAlone.dbPer.toFixed(2),
          checkAlone.queriesPer.toFixed(1),
        ],
        [
          'save without the check (difference)',
          (withCheck.mean - checkAlone.mean).toFixed(1),
          '',
          (withCheck.dbPer - checkAlone.dbPer).toFixed(2),
          (withCheck.queriesPer - checkAlone.queriesPer).toFixed(1),
        ],
      ]
    );
  } finally {
    await newsroom.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
