import { createAdminSession } from '../../helpers/admin';
import { ninjsItem, startFeedServer, type FeedServer } from '../../helpers/feed-server';
import { startProcess, stopProcess } from '../../helpers/newsroom-processes';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';

/**
 * Feed polling in two real Strapi processes sharing the database: each feed is polled by
 * exactly one of them, once per interval.
 */
let newsroom: Newsroom;
let server: FeedServer;
const INTERVAL = 2;
const FEEDS = 4;

const FEED_ENV = {
  NEWSROOM_FEEDS_PRIVATE_ADDRESSES: 'true',
  NEWSROOM_FEEDS_HOSTS: '127.0.0.1',
  NEWSROOM_FEEDS_MIN_INTERVAL: '1',
};

beforeAll(async () => {
  server = await startFeedServer();
  // This instance does not poll; the processes started below do.
  newsroom = await startNewsroom({ env: FEED_ENV });
});
afterAll(async () => {
  await newsroom?.stop();
  await server?.stop();
});

const start = () =>
  startProcess({
    ...FEED_ENV,
    CRON_ENABLED: 'false',
    NEWSROOM_FEEDS_POLLER: 'true',
    NEWSROOM_FEEDS_TICK: '1',
  });

test('two processes poll each feed exactly once per interval', async () => {
  const chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  const agency = await newsroom.strapi
    .plugin('newsroom')
    .service('agencies')
    .findOrCreate('POLLCO');
  let counter = 0;
  for (let i = 0; i < FEEDS; i += 1) {
    // A new item each time: every poll really ingests.
    server.route(`/feed-${i}.json`, (_req, res) => {
      counter += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify([ninjsItem(`urn:pollco:${i}:${counter}`, `Story ${i} ${counter}`)]));
    });
    const res = await newsroom
      .http()
      .post('/newsroom/feeds')
      .set(chief.auth)
      .send({
        name: `Polled ${i}`,
        kind: 'ninjs',
        url: `${server.url}/feed-${i}.json`,
        agencies: [agency.id],
        intervalSeconds: INTERVAL,
      });
    expect(res.status).toBe(201);
  }

  const processes = await Promise.all([start(), start()]);
  const windowStart = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 12_000));
  const windowEnd = Date.now();
  await Promise.all(processes.map(stopProcess));

  for (let i = 0; i < FEEDS; i += 1) {
    const times = (server.requests.get(`/feed-${i}.json`) ?? [])
      .map((r) => r.at)
      .filter((at) => at >= windowStart - 1000 && at <= windowEnd);
    // Never twice for one interval: two processes claiming the same poll would ask within
    // milliseconds. (Polls are claimed an interval apart; a loaded process may send its
    // request a little after its claim, so the requests' own gaps may be shorter.)
    const gaps = times.slice(1).map((at, k) => at - times[k]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(500);
    // At most once per interval of the window, and never skipped wholesale. (How many polls a
    // loaded machine fits in is not a promise: a poll that meets a busy SQLite file fails and
    // its feed backs off, so only the upper bound is exact.)
    const expected = (windowEnd - windowStart) / (INTERVAL * 1000);
    expect(times.length).toBeLessThanOrEqual(Math.ceil(expected) + 1);
    expect(times.length).toBeGreaterThanOrEqual(1);
  }
  // No item went in twice. (A poll cut short by the stop, or one that met a busy SQLite file
  // shared by three processes, stores nothing and is recorded as failed; its feed polls again.)
  const stored = await newsroom.strapi.db
    .query('plugin::newsroom.wire-item')
    .findMany({ select: ['agencyGuid'], where: { agencyCode: 'POLLCO' } });
  const guids = stored.map((item: { agencyGuid: string }) => item.agencyGuid);
  expect(new Set(guids).size).toBe(guids.length);
  expect(guids.length).toBeGreaterThan(0);
  expect(guids.length).toBeLessThanOrEqual(counter);
});
