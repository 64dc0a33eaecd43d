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
import { ninjsItem, startFeedServer } from '../../tests/helpers/feed-server';
import { startNewsroom } from '../../tests/helpers/strapi';
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
  } finally {
    await newsroom.stop();
    await server.stop();
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
