/**
 * Feed polling against posting the same items to the ingest API, in the same run and the
 * same database: 20 feeds of 100 ninjs items each, served by a real HTTP feed server on
 * 127.0.0.1. Then the cost of a poll the feed answers with 304 (no reading, no parsing)
 * beside one that answers the same items again (read, parsed, each found a duplicate), and
 * the process's memory across 10 rounds of polls.
 *
 *   npm run bench:feeds            (BENCH_FEEDS=5 BENCH_FEED_ITEMS=20 for a quick run)
 */
import { createAdminSession, createApiToken } from '../../tests/helpers/admin';
import { ninjsItem, startFeedServer, type FeedServer } from '../../tests/helpers/feed-server';
import { startNewsroom, type Newsroom } from '../../tests/helpers/strapi';
import { mb, printTable, withPeakRss } from '../lib/table';
import type { FeedsService } from '../../server/src/wire/services/feeds';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const prepare = require('../../tests/helpers/global-setup.js') as () => Promise<void>;

const FEEDS = Number(process.env.BENCH_FEEDS ?? 20);
const ITEMS = Number(process.env.BENCH_FEED_ITEMS ?? 100);
const ROUNDS = 10;

const feedBody = (prefix: string, feed: number) =>
  JSON.stringify(
    Array.from({ length: ITEMS }, (_, i) =>
      ninjsItem(`urn:${prefix}:${feed}:${i}`, `Story ${feed}-${i} from the harbour desk`, {
        bodies: [
          {
            role: 'main',
            contenttype: 'text/plain',
            value: Array.from(
              { length: 8 },
              (_p, k) => `Paragraph ${k} of story ${feed}-${i}: the harbour reopened at dawn.`
            ).join('\n\n'),
          },
        ],
      })
    )
  );

/**
 * Kill-to-gone: from an agency's kill arriving (posted, or found by a poll) to the published
 * story answering 410 on detail and being absent from the list and the RSS feed, at the origin.
 */
const killToGone = async (
  newsroom: Newsroom,
  feeds: FeedsService,
  server: FeedServer,
  agencyId: number,
  token: string
) => {
  const strapi = newsroom.strapi;
  const chief = { id: null, name: 'Bench (system)' };
  const publishStory = async (uri: string) => {
    const item = await strapi
      .plugin('newsroom')
      .service('wire-ingest')
      .ingest({
        payload: Buffer.from(JSON.stringify(ninjsItem(uri, `Kill bench ${uri}`))),
        contentType: 'application/ninjs+json',
        agency: 'BENCHCO',
      });
    const { article } = await strapi.plugin('newsroom').service('wire-inbox').take(item.item.id);
    const workflow = strapi.plugin('newsroom').service('workflow');
    for (const action of ['submit', 'approve', 'publish']) {
      const { draft } = await workflow.state(article.documentId);
      await workflow.transition(
        article.documentId,
        { action, expectedVersion: draft.workflowVersion },
        chief
      );
    }
    const { draft } = await workflow.state(article.documentId);
    return draft.slug as string;
  };
  const gone = async (slug: string) => {
    const [detail, list, rss] = await Promise.all([
      newsroom.http().get(`/api/newsroom/articles/${slug}`),
      newsroom.http().get('/api/newsroom/articles?pageSize=100'),
      newsroom.http().get('/api/newsroom/feed.xml'),
    ]);
    return detail.status === 410 && !list.text.includes(slug) && !rss.text.includes(slug);
  };
  const untilGone = async (slug: string, since: bigint) => {
    while (!(await gone(slug))) await new Promise((r) => setTimeout(r, 5));
    return seconds(since) * 1000;
  };
  const kill = (uri: string) =>
    JSON.stringify(
      ninjsItem(uri, `Kill bench ${uri}`, {
        version: '2',
        pubstatus: 'canceled',
        bodies: [{ role: 'main', contenttype: 'text/plain', value: 'KILL: legal advice.' }],
      })
    );

  const rows: string[][] = [];
  for (let run = 1; run <= 3; run += 1) {
    const posted = `urn:kill-bench:post:${run}`;
    const slug = await publishStory(posted);
    if (await gone(slug)) throw new Error('published story not visible');
    const started = process.hrtime.bigint();
    await newsroom
      .http()
      .post('/api/newsroom/wire?agency=BENCHCO')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/ninjs+json')
      .send(kill(posted));
    rows.push([
      `posted to the ingest API (run ${run})`,
      (await untilGone(slug, started)).toFixed(0),
    ]);

    const polled = `urn:kill-bench:feed:${run}`;
    const polledSlug = await publishStory(polled);
    server.route(`/kill-${run}.json`, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`[${kill(polled)}]`);
    });
    const feed = await feeds.create({
      name: `Kill feed ${run}`,
      kind: 'ninjs',
      url: `${server.url}/kill-${run}.json`,
      agencies: [agencyId],
      enabled: false,
    });
    const pollStarted = process.hrtime.bigint();
    await feeds.pollNow(feed.id);
    rows.push([
      `found by a feed poll (run ${run})`,
      (await untilGone(polledSlug, pollStarted)).toFixed(0),
    ]);
  }
  const config = strapi.config.get('plugin::newsroom') as {
    feeds: { tickSeconds: number; minIntervalSeconds: number };
    delivery: { maxAgeSeconds: number };
  };
  console.log(
    `\nKill-to-gone at the origin (410 on detail, absent from list and RSS), ms. A polled kill also waits for the poll: at most the feed's interval plus the poller's tick (${config.feeds.tickSeconds} s); a client or CDN holding a cached answer may keep it up to delivery.maxAgeSeconds (${config.delivery.maxAgeSeconds} s).\n`
  );
  printTable(['the kill was', 'ms to gone'], rows);
};

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

const main = async () => {
  await prepare();
  const server = await startFeedServer();
  const newsroom = await startNewsroom({
    env: {
      NEWSROOM_FEEDS_PRIVATE_ADDRESSES: 'true',
      NEWSROOM_FEEDS_HOSTS: '127.0.0.1',
      NEWSROOM_FEEDS_MIN_INTERVAL: '1',
      NEWSROOM_WIRE_RATE_LIMIT: '0',
    },
  });
  try {
    const admin = await createAdminSession(newsroom);
    const token = await createApiToken(newsroom, admin);
    const feeds = newsroom.strapi.plugin('newsroom').service('feeds') as FeedsService;
    const agency = await newsroom.strapi
      .plugin('newsroom')
      .service('agencies')
      .findOrCreate('BENCHCO');

    // The same items, posted one by one as an agency's client would (other guids: no dedupe across).
    const posts = Array.from({ length: FEEDS }, (_, f) =>
      (JSON.parse(feedBody('post', f)) as unknown[]).map((item) => JSON.stringify(item))
    ).flat();
    let started = process.hrtime.bigint();
    const posted = await withPeakRss(async (sample) => {
      for (const [i, body] of posts.entries()) {
        const res = await newsroom
          .http()
          .post('/api/newsroom/wire?agency=BENCHCO')
          .set('Authorization', `Bearer ${token}`)
          .set('Content-Type', 'application/ninjs+json')
          .send(body);
        if (res.status !== 201) throw new Error(`post ${i}: ${res.status} ${res.text}`);
        if (i % 50 === 0) sample();
      }
    });
    const postSeconds = seconds(started);

    const ids: number[] = [];
    for (let f = 0; f < FEEDS; f += 1) {
      const body = feedBody('feed', f);
      server.route(`/feed-${f}.json`, (req, res) => {
        if (req.headers['if-none-match'] === `"f${f}"`) {
          res.writeHead(304).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json', etag: `"f${f}"` });
        res.end(body);
      });
      server.route(`/again-${f}.json`, (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body);
      });
      const feed = await feeds.create({
        name: `Bench ${f}`,
        kind: 'ninjs',
        url: `${server.url}/feed-${f}.json`,
        agencies: [agency.id],
        intervalSeconds: 60,
        enabled: false,
      });
      ids.push(feed.id);
    }

    started = process.hrtime.bigint();
    const polled = await withPeakRss(async (sample) => {
      for (const id of ids) {
        const { result } = await feeds.pollNow(id);
        if (result.new !== ITEMS) throw new Error(`feed ${id}: ${JSON.stringify(result)}`);
        sample();
      }
    });
    const pollSeconds = seconds(started);
    const total = FEEDS * ITEMS;

    console.log(
      `\nFeeds: ${FEEDS} feeds × ${ITEMS} ninjs items, SQLite, Node ${process.version}\n`
    );
    printTable(
      ['how the items came in', 'items', 'seconds', 'items/s', 'peak RSS'],
      [
        [
          'POST /api/newsroom/wire, one item per request (baseline)',
          total,
          postSeconds.toFixed(1),
          (total / postSeconds).toFixed(0),
          mb(posted.peakRss),
        ],
        [
          'feed polls, one per feed',
          total,
          pollSeconds.toFixed(1),
          (total / pollSeconds).toFixed(0),
          mb(polled.peakRss),
        ],
      ]
    );

    // A poll answered 304, beside one that reads and parses the same items again.
    started = process.hrtime.bigint();
    for (const id of ids) {
      const { result } = await feeds.pollNow(id);
      if (result.status !== 'not-modified') throw new Error(`expected 304: ${result.status}`);
    }
    const notModified = seconds(started) / FEEDS;
    for (const [f, id] of ids.entries()) {
      const feed = await feeds.findOne(id);
      await feeds.update(id, {
        name: feed.name,
        kind: 'ninjs',
        url: `${server.url}/again-${f}.json`,
        agencies: [agency.id],
        enabled: false,
      });
    }
    started = process.hrtime.bigint();
    for (const id of ids) {
      const { result } = await feeds.pollNow(id);
      if (result.duplicates !== ITEMS)
        throw new Error(`expected duplicates: ${JSON.stringify(result)}`);
    }
    const again = seconds(started) / FEEDS;
    console.log('\nOne poll of a feed whose items are all known already\n');
    printTable(
      ['the feed answers', 'ms per poll'],
      [
        [
          `200 with the same ${ITEMS} items (read, parsed, each a duplicate)`,
          (again * 1000).toFixed(1),
        ],
        ['304 Not Modified (nothing read or parsed)', (notModified * 1000).toFixed(1)],
      ]
    );

    // Memory across rounds: every feed polled each round, answers of the same items again.
    const rows: Array<[string, string, string]> = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      started = process.hrtime.bigint();
      for (const id of ids) await feeds.pollNow(id);
      global.gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      rows.push([`${round} (${seconds(started).toFixed(1)} s)`, mb(rss), mb(heapUsed)]);
    }
    console.log(`\nMemory after each round of ${FEEDS} polls (after GC)\n`);
    printTable(['round', 'RSS', 'heap used'], rows);

    await killToGone(newsroom, feeds, server, agency.id, token);
  } finally {
    await newsroom.stop();
    await server.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
