/**
 * Push throughput: EVENTS public changes pushed to 5 subscribers (local receivers that answer
 * 200), through the outbox and its worker, beside the plain alternative in the same run: the
 * writer POSTs each event to every subscriber itself, no queue, no database.
 *
 * For each: how long the writer takes per event (what a workflow step pays), the time until
 * every delivery has arrived, deliveries per second, the latency from the event to its
 * arrival (p50, p99), and duplicates. Then the same with one of the five subscribers slow.
 *
 *   npm run bench:push             (BENCH_EVENTS=200 for a quick run; PostgreSQL with DATABASE_CLIENT=postgres …)
 */
import http from 'http';
import { performance } from 'perf_hooks';
import { startNewsroom, type Newsroom } from '../../tests/helpers/strapi';
import { printTable } from '../lib/table';
import { signPush } from '../../server/src/push/domain/push-signature';
import { pushBody, type ServedSnapshot } from '../../server/src/push/domain/subscriptions';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const prepare = require('../../tests/helpers/global-setup.js') as () => Promise<void>;

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const SUBSCRIBERS = 5;
const SLOW_MS = Number(process.env.BENCH_SLOW_MS ?? 50);
const SECRET = 'bench-secret-0123456789';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Five endpoints on one local server; records when each idempotency key first arrived and how often. */
const startReceivers = async () => {
  const arrivals = new Map<string, number>();
  let duplicates = 0;
  let slow = -1;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const key = String(req.headers['idempotency-key']);
      const answer = () => {
        if (arrivals.has(key)) duplicates += 1;
        else arrivals.set(key, performance.now());
        res.writeHead(200).end('ok');
      };
      if (req.url === `/s${slow}`) setTimeout(answer, SLOW_MS);
      else answer();
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    arrivals,
    duplicates: () => duplicates,
    reset(slowOne: number) {
      arrivals.clear();
      duplicates = 0;
      slow = slowOne;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

type Receivers = Awaited<ReturnType<typeof startReceivers>>;

const waitAll = async (receivers: Receivers, expected: number) => {
  const until = performance.now() + 600_000;
  while (receivers.arrivals.size < expected && performance.now() < until)
    await new Promise((r) => setTimeout(r, 5));
  // A duplicate would arrive within a worker round.
  await new Promise((r) => setTimeout(r, 500));
};

const report = (
  name: string,
  receivers: Receivers,
  eventAt: Map<string, number>,
  writerTimes: number[],
  started: number
) => {
  const latencies: number[] = [];
  let last = started;
  for (const [key, at] of receivers.arrivals) {
    latencies.push(at - eventAt.get(key.replace(/:s\d+$/u, ''))!);
    last = Math.max(last, at);
  }
  latencies.sort((a, b) => a - b);
  writerTimes.sort((a, b) => a - b);
  const drain = (last - started) / 1000;
  return [
    name,
    (writerTimes.reduce((s, t) => s + t, 0) / writerTimes.length).toFixed(2),
    percentile(writerTimes, 99).toFixed(1),
    drain.toFixed(2),
    (receivers.arrivals.size / drain).toFixed(0),
    percentile(latencies, 50).toFixed(1),
    percentile(latencies, 99).toFixed(1),
    `${receivers.arrivals.size}/${EVENTS * SUBSCRIBERS}`,
    receivers.duplicates(),
  ];
};

const snapshotFor = (base: ServedSnapshot, i: number): ServedSnapshot => ({
  ...base,
  documentId: `bench${String(i).padStart(6, '0')}`,
  version: 1,
});

/** The outbox: each event recorded in its own transaction, as the workflow does; the worker sends. */
const viaQueue = async (newsroom: Newsroom, receivers: Receivers, base: ServedSnapshot) => {
  const { strapi } = newsroom;
  const push = strapi.plugin('newsroom').service('push');
  const eventAt = new Map<string, number>();
  const writerTimes: number[] = [];
  const started = performance.now();
  for (let i = 0; i < EVENTS; i += 1) {
    const snapshot = snapshotFor(base, i);
    const at = performance.now();
    eventAt.set(`${snapshot.documentId}:en:v1`, at);
    await strapi.db.transaction(() =>
      push.enqueue('publish', snapshot, { rubricSlug: null, agencyCode: null })
    );
    writerTimes.push(performance.now() - at);
  }
  await waitAll(receivers, EVENTS * SUBSCRIBERS);
  return { eventAt, writerTimes, started };
};

/** No queue: the writer signs and POSTs each event to every subscriber itself, then goes on. */
const plainPosts = async (receivers: Receivers, base: ServedSnapshot) => {
  const eventAt = new Map<string, number>();
  const writerTimes: number[] = [];
  const agent = new http.Agent({ keepAlive: false });
  const post = (path: string, key: string, body: string) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        `${receivers.url}${path}`,
        {
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'application/json; charset=utf-8',
            'Idempotency-Key': key,
            'X-Newsroom-Signature': signPush(body, SECRET),
            'Content-Length': String(Buffer.byteLength(body)),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        }
      );
      req.on('error', reject);
      req.end(body);
    });
  const started = performance.now();
  for (let i = 0; i < EVENTS; i += 1) {
    const snapshot = snapshotFor(base, i);
    const at = performance.now();
    eventAt.set(`${snapshot.documentId}:en:v1`, at);
    const { body } = pushBody('newsroom', 'publish', snapshot);
    await Promise.all(
      Array.from({ length: SUBSCRIBERS }, (_, s) =>
        post(`/s${s}`, `${snapshot.documentId}:en:v1:s${s + 1}`, body)
      )
    );
    writerTimes.push(performance.now() - at);
  }
  await waitAll(receivers, EVENTS * SUBSCRIBERS);
  return { eventAt, writerTimes, started };
};

const main = async () => {
  await prepare();
  const receivers = await startReceivers();
  const newsroom = await startNewsroom({
    demo: true,
    env: { NEWSROOM_FEEDS_PRIVATE_ADDRESSES: 'true', NEWSROOM_PUSH_TICK: '1' },
  });
  try {
    const { strapi } = newsroom;
    // The payload: the demo's reference story as the detail route serves it, published.
    const seed = await strapi.db
      .query('plugin::newsroom.article')
      .findOne({ where: { publishedAt: null } });
    const workflow = strapi.plugin('newsroom').service('workflow');
    const actor = { id: null, name: 'Bench', may: () => true };
    for (const action of ['submit', 'approve', 'publish']) {
      const current = await strapi.db
        .query('plugin::newsroom.article')
        .findOne({ where: { documentId: seed.documentId, publishedAt: null } });
      await workflow.transition(
        seed.documentId,
        { action, expectedVersion: current.workflowVersion },
        actor
      );
    }
    const snapshotRow = await strapi.db
      .query('plugin::newsroom.published-version')
      .findOne({ where: { articleDocumentId: seed.documentId } });
    const base: ServedSnapshot = {
      documentId: seed.documentId,
      locale: 'en',
      version: 1,
      at: new Date().toISOString(),
      delivery: snapshotRow.delivery,
      ninjs: snapshotRow.ninjs,
    };
    // The subscribers, ids 1–5 in creation order: `/s0` … `/s4`.
    for (let s = 0; s < SUBSCRIBERS; s += 1)
      await strapi
        .plugin('newsroom')
        .service('subscribers')
        .create({
          name: `Partner ${s}`,
          url: `${receivers.url}/s${s}`,
          secret: SECRET,
        });
    const bytes = Buffer.byteLength(pushBody('newsroom', 'publish', base).body);
    const concurrency = (strapi.config.get('plugin::newsroom.push') as { concurrency: number })
      .concurrency;

    const rows: Array<Array<string | number>> = [];
    for (const slow of [-1, 0]) {
      const label = slow < 0 ? '' : ` (one subscriber answers in ${SLOW_MS} ms)`;
      receivers.reset(slow);
      let r = await plainPosts(receivers, base);
      rows.push(
        report(
          `baseline: one plain POST per event and subscriber, no queue${label}`,
          receivers,
          r.eventAt,
          r.writerTimes,
          r.started
        )
      );
      receivers.reset(slow);
      await strapi.db.query('plugin::newsroom.push-delivery').deleteMany({});
      r = await viaQueue(newsroom, receivers, base);
      rows.push(
        report(
          `outbox + worker (${concurrency} in flight per process)${label}`,
          receivers,
          r.eventAt,
          r.writerTimes,
          r.started
        )
      );
    }
    console.log(
      `\n${EVENTS} events × ${SUBSCRIBERS} subscribers, ${bytes} bytes per push, one process, ${strapi.db.dialect.client}\n`
    );
    printTable(
      [
        'mode',
        'writer ms/event',
        'writer p99 ms',
        'drain s',
        'pushes/s',
        'latency p50 ms',
        'latency p99 ms',
        'arrived',
        'duplicates',
      ],
      rows
    );
  } finally {
    await newsroom.stop();
    await receivers.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
