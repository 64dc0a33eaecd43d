/**
 * Several processes under load, on PostgreSQL: the same load twice in one run, against one
 * Strapi process and against two on the same database, both behind the same round-robin node
 * proxy (so the proxy's cost is in both rows). The load is autocannon on the delivery list, the
 * delivery detail and the admin board, while the processes' schedulers publish stories falling
 * due, their rendition workers render queued and freshly uploaded photos, and an agency pushes
 * wire items, all through the proxy. Prints one table of throughput and latency per setup and
 * route, then what each setup must not get wrong: stories published twice, rendition jobs and
 * wire items lost or doubled (exits non-zero unless all are 0 and no answer was a 5xx).
 * With 2 shared cores this is a correctness test with numbers, not a speed target.
 *
 *   DATABASE_CLIENT=postgres npm run bench:processes   (with DATABASE_HOST, _USERNAME, _PASSWORD;
 *   BENCH_ARTICLES, BENCH_SECONDS, BENCH_CONNECTIONS per route to change the run)
 */
import type { ChildProcess } from 'child_process';
import { execFile } from 'child_process';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import { seedPublishedArticles } from '../lib/published-articles';
import { printTable } from '../lib/table';
import { countPublications, countRenditions, countWireItems, renditionsFinished } from './checks';
import { createAdminSession, createApiToken, type AdminSession } from '../../tests/helpers/admin';
import { articleIn } from '../../tests/helpers/articles';
import { ninjsItem } from '../../tests/helpers/feed-server';
import { photo } from '../../tests/helpers/images';
import { startProcess, stopProcess } from '../../tests/helpers/newsroom-processes';
import { startRoundRobinProxy, throughProxy } from '../../tests/helpers/round-robin-proxy';
import { startNewsroom, type Newsroom } from '../../tests/helpers/strapi';
import { uploadAsAdmin } from '../../tests/helpers/uploads';
import { waitFor } from '../../tests/helpers/wait';
import { postWire } from '../../tests/helpers/wire';
import { workflow } from '../../tests/helpers/workflow';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const prepare = require('../../tests/helpers/global-setup.js') as () => Promise<void>;

const run = promisify(execFile);
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 300);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
/** Per setup: stories falling due during the load, photos queued before it, photos uploaded and wire items pushed during it. */
const SCHEDULED = 12;
const QUEUED_PHOTOS = 6;
const UPLOADED_PHOTOS = 6;
const WIRE_ITEMS = 60;
const SETTLE_MS = 120_000;

interface RouteLoad {
  route: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  serverErrors: number;
  errors: number;
  timeouts: number;
}

interface Setup {
  name: string;
  loads: RouteLoad[];
  publications: Awaited<ReturnType<typeof countPublications>>;
  renditions: Awaited<ReturnType<typeof countRenditions>>;
  wire: Awaited<ReturnType<typeof countWireItems>>;
  /** Answers the proxy passed on, and how many of them were 5xx (502 when a process was unreachable). */
  proxied: number;
  proxied5xx: number;
  /** Uploads and wire pushes not answered 201. */
  refused: number;
  /** From the end of the load until every due story was published and every job finished. */
  settledMs: number;
  /** The machine's 1-minute load average as the load began and ended: other work shares the cores. */
  loadAverage: [number, number];
  /** When the last rendition job finished, counted from the start of the load. */
  renderedAfterMs: number | null;
}

interface Desk {
  newsroom: Newsroom;
  chief: AdminSession;
  admin: AdminSession;
  ingestToken: string;
  slug: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` requests spread evenly over the load. */
const spread = async (count: number, send: (i: number) => Promise<{ status: number }>) => {
  const gap = (SECONDS * 1000 * 0.8) / count;
  const answers = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      await sleep(i * gap);
      return (await send(i)).status;
    })
  );
  return answers.filter((status) => status !== 201).length;
};

const loadRoutes = async (targets: Array<{ route: string; url: string; headers?: object }>) => {
  const { stdout } = await run(
    'node',
    [
      path.join(__dirname, 'load.js'),
      JSON.stringify(targets),
      String(SECONDS),
      String(CONNECTIONS),
    ],
    { maxBuffer: 1 << 20 }
  );
  return JSON.parse(stdout) as RouteLoad[];
};

const measure = async (name: string, processCount: number, desk: Desk): Promise<Setup> => {
  const { newsroom, chief, admin, ingestToken, slug } = desk;
  const tag = `p${processCount}`;
  process.stderr.write(`== ${name} ==\n`);
  const env = {
    NEWSROOM_PROCESS_LISTEN: 'true',
    CRON_ENABLED: 'true',
    NEWSROOM_SCHEDULER_TICK: '1',
    NEWSROOM_IMAGE_WORKER: 'true',
    NEWSROOM_IMAGE_WORKER_TICK: '1',
  };
  const processes: Array<ChildProcess & { url?: string }> = await Promise.all(
    Array.from({ length: processCount }, () => startProcess(env))
  );
  const proxy = await startRoundRobinProxy(processes.map((p) => p.url!));
  try {
    const viaProxy = throughProxy(newsroom, proxy);
    const photos = await Promise.all(
      Array.from({ length: QUEUED_PHOTOS + UPLOADED_PHOTOS }, () => photo(1600, 1000))
    );
    const stories: string[] = [];
    for (let i = 0; i < SCHEDULED; i += 1)
      stories.push(
        await articleIn(newsroom, chief, 'approved', { headline: `Due under load ${tag} ${i}` })
      );
    // Stories fall due from a second into the load to about its middle, scheduled through the proxy.
    const start = Date.now() + 5000;
    for (const [i, documentId] of stories.entries()) {
      const at = new Date(start + 1000 + (i * SECONDS * 500) / SCHEDULED).toISOString();
      await workflow(viaProxy, chief).run(documentId, { action: 'schedule', at });
    }
    // Photos uploaded to the set-up instance, which does not render: their jobs wait for the processes' workers.
    const fileIds: number[] = [];
    for (const [i, data] of photos.slice(0, QUEUED_PHOTOS).entries()) {
      const res = await uploadAsAdmin(newsroom, admin.auth, data, `${tag}-queued-${i}.jpg`);
      if (res.status !== 201) throw new Error(`queued photo not uploaded: ${res.status}`);
      fileIds.push(res.body[0].id);
    }
    await sleep(Math.max(0, start - Date.now()));

    const loadStart = Date.now();
    const loadAverageBefore = os.loadavg()[0];
    const loads = loadRoutes([
      {
        route: 'delivery list (page of 20)',
        url: `${proxy.url}/api/newsroom/articles?pageSize=20`,
      },
      { route: 'delivery detail', url: `${proxy.url}/api/newsroom/articles/${slug}` },
      { route: 'admin board', url: `${proxy.url}/newsroom/board`, headers: chief.auth },
    ]);
    const uploaded = photos.slice(QUEUED_PHOTOS);
    const uploads = spread(uploaded.length, async (i) => {
      const res = await uploadAsAdmin(viaProxy, admin.auth, uploaded[i], `${tag}-upload-${i}.jpg`);
      if (res.status === 201) fileIds.push(res.body[0].id);
      return res;
    });
    const guids = Array.from({ length: WIRE_ITEMS }, (_, i) => `urn:bench:${tag}:${i}`);
    const pushes = spread(WIRE_ITEMS, (i) =>
      postWire(
        viaProxy,
        ingestToken,
        JSON.stringify(ninjsItem(guids[i], `Wire under load ${tag} ${i}`)),
        'application/json',
        { agency: 'TASS' }
      )
    );
    const [routeLoads, refusedUploads, refusedPushes] = await Promise.all([loads, uploads, pushes]);

    // The load is over; give the schedulers and workers time to finish what was due.
    process.stderr.write('load done; waiting for publications and renditions\n');
    const loadEnd = Date.now();
    const loadAverage: [number, number] = [loadAverageBefore, os.loadavg()[0]];
    await waitFor(
      async () => (await countPublications(newsroom, stories)).missing === 0,
      SETTLE_MS
    );
    await waitFor(() => renditionsFinished(newsroom, fileIds), SETTLE_MS);
    const settledMs = Date.now() - loadEnd;
    const answers = [...proxy.answered];
    const renditions = await countRenditions(newsroom, fileIds);
    return {
      name,
      loads: routeLoads,
      publications: await countPublications(newsroom, stories),
      renditions,
      wire: await countWireItems(newsroom, guids),
      proxied: answers.reduce((sum, [, n]) => sum + n, 0),
      proxied5xx: answers.filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0),
      refused: refusedUploads + refusedPushes,
      settledMs,
      loadAverage,
      renderedAfterMs:
        renditions.lastFinishedAt === null ? null : renditions.lastFinishedAt - loadStart,
    };
  } finally {
    await proxy.stop();
    await Promise.all(processes.map(stopProcess));
  }
};

/** Whether the setup got everything right; what a reader checks first. */
const correct = (s: Setup) =>
  s.publications.missing === 0 &&
  s.publications.twice === 0 &&
  s.renditions.lost === 0 &&
  s.renditions.doubled === 0 &&
  s.wire.lost === 0 &&
  s.wire.doubled === 0 &&
  s.proxied5xx === 0 &&
  s.refused === 0 &&
  s.loads.every((l) => l.serverErrors === 0 && l.errors === 0);

const seconds = (ms: number | null) => (ms === null ? '–' : `${(ms / 1000).toFixed(1)} s`);

const main = async () => {
  if (process.env.DATABASE_CLIENT !== 'postgres')
    throw new Error('bench:processes runs on PostgreSQL: set DATABASE_CLIENT=postgres');
  await prepare();
  // This instance seeds and checks the database; the processes under test serve and work.
  const newsroom = await startNewsroom({ env: { NEWSROOM_IMAGE_WORKER: 'false' } });
  const setups: Setup[] = [];
  try {
    const started = Date.now();
    const slugs = await seedPublishedArticles(newsroom, ARTICLES);
    process.stderr.write(
      `seeded ${slugs.length} published articles in ${((Date.now() - started) / 1000).toFixed(0)} s\n`
    );
    const admin = await createAdminSession(newsroom);
    const desk: Desk = {
      newsroom,
      chief: await createAdminSession(newsroom, 'newsroom-chief-editor'),
      admin,
      ingestToken: await createApiToken(newsroom, admin, 'custom', [
        'plugin::newsroom.wire.ingest',
      ]),
      slug: slugs[Math.floor(slugs.length / 2)],
    };
    setups.push(await measure('1 process', 1, desk));
    setups.push(await measure('2 processes', 2, desk));
  } finally {
    await newsroom.stop();
  }

  console.log(
    `\nSeveral processes under load: ${ARTICLES} published articles, PostgreSQL, every request through one round-robin node proxy, ${CONNECTIONS} connections per route × ${SECONDS} s with the three routes loaded at once; meanwhile ${SCHEDULED} stories fall due, ${QUEUED_PHOTOS} queued and ${UPLOADED_PHOTOS} uploaded photos are rendered, ${WIRE_ITEMS} wire items are pushed; Node ${process.version}, ${os.cpus().length} cores shared by everything\n`
  );
  printTable(
    ['setup', 'route', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', '5xx', 'errors'],
    setups.flatMap((s) =>
      s.loads.map((l) => [
        s.name,
        l.route,
        l.requests,
        l.rps.toFixed(0),
        l.p50,
        l.p99,
        l.non2xx,
        l.serverErrors,
        l.errors,
      ])
    )
  );
  console.log('');
  for (const s of setups) {
    const { publications: p, renditions: r, wire: w } = s;
    console.log(
      `${s.name}: published ${p.published}/${SCHEDULED}, published twice ${p.twice}, not published ${p.missing}; ` +
        `renditions ${r.rendered}/${QUEUED_PHOTOS + UPLOADED_PHOTOS}, lost ${r.lost}, doubled ${r.doubled}, the last done ${seconds(s.renderedAfterMs)} into the load; ` +
        `wire items ${w.stored}/${WIRE_ITEMS}, lost ${w.lost}, doubled ${w.doubled}; ` +
        `5xx through the proxy ${s.proxied5xx} of ${s.proxied}, uploads and pushes refused ${s.refused}; settled ${seconds(s.settledMs)} after the load; machine load average ${s.loadAverage.map((n) => n.toFixed(1)).join(' → ')} — ${correct(s) ? 'correct' : 'WRONG'}`
    );
  }
  if (!setups.every(correct)) throw new Error('a setup lost, doubled or failed work');
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
