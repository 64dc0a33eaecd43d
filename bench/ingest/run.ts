/**
 * Wire ingest throughput: N varied wire payloads through the ingest service into SQLite,
 * beside a baseline in the same run — `strapi.documents(uid).create` of the same records,
 * already parsed. Each side gets a fresh database. Prints one table.
 *
 *   npm run bench:ingest            (N = 10000; BENCH_ITEMS=2000 for a quick run)
 */
import { makePayloads } from './payloads';
import { mb, printTable, withPeakRss } from '../lib/table';
import { startNewsroom } from '../../tests/helpers/strapi';
import type { WireIngestService } from '../../server/src/services/wire-ingest';
import { contentHash, decodePayload, formatForContentType, parseWire } from '../../server/src/domain/wire/payload';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const prepare = require('../../tests/helpers/global-setup.js') as () => Promise<void>;

const N = Number(process.env.BENCH_ITEMS ?? 10000);
const WIRE_ITEM = 'plugin::newsroom.wire-item';

interface Phase {
  name: string;
  ms: number;
  peakRss: number;
  rssAtQuarter: number;
  rssAtEnd: number;
}

const measure = async (name: string, run: (onProgress: (i: number) => void) => Promise<void>): Promise<Phase> => {
  let rssAtQuarter = 0;
  global.gc?.();
  const started = process.hrtime.bigint();
  const { peakRss } = await withPeakRss((sample) =>
    run((i) => {
      if (i % 50 === 0) sample();
      if (i === Math.floor(N / 4)) rssAtQuarter = process.memoryUsage().rss;
    })
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  global.gc?.();
  return { name, ms, peakRss, rssAtQuarter, rssAtEnd: process.memoryUsage().rss };
};

const main = async () => {
  await prepare();
  const payloads = makePayloads(N);

  // Baseline: the same records, parsed before the clock starts, written with the document service.
  let newsroom = await startNewsroom();
  const agencyId = (await newsroom.strapi.plugin('newsroom').service('agencies').findOrCreate('BENCH')).id;
  const records = payloads.map((p) => {
    const format = formatForContentType(p.contentType);
    const text = decodePayload(p.body, 2 * 1024 * 1024);
    const story = parseWire(format, text, new Date());
    return {
      headline: story.headline, agency: agencyId, agencyGuid: story.guid ?? null, agencyVersion: story.version ?? 1,
      format, receivedAt: new Date().toISOString(), rawPayload: text, story, contentHash: contentHash(text), status: 'new',
    };
  });
  const baseline = await measure('documents.create (parsed beforehand)', async (onProgress) => {
    for (let i = 0; i < records.length; i += 1) {
      await newsroom.strapi.documents(WIRE_ITEM).create({ data: records[i] as never });
      onProgress(i);
    }
  });
  await newsroom.stop();

  newsroom = await startNewsroom();
  const ingest = newsroom.strapi.plugin('newsroom').service('wire-ingest') as WireIngestService;
  let stored = 0;
  const wire = await measure('wire ingest service (parse + dedupe + store)', async (onProgress) => {
    for (let i = 0; i < payloads.length; i += 1) {
      const result = await ingest.ingest({ payload: payloads[i].body, contentType: payloads[i].contentType, agency: 'BENCH' });
      if (result.outcome === 'new') stored += 1;
      onProgress(i);
    }
  });
  await newsroom.stop();
  if (stored !== N) throw new Error(`expected ${N} new wire items, stored ${stored}`);

  console.log(`\nWire ingest, ${N} items (text, ninjs, NewsML-G2), SQLite, Node ${process.version}\n`);
  printTable(
    ['variant', 'items/s', 'total s', 'peak RSS', 'RSS at 25%', 'RSS at end', 'cost vs baseline'],
    [baseline, wire].map((p) => [
      p.name,
      (N / (p.ms / 1000)).toFixed(0),
      (p.ms / 1000).toFixed(1),
      mb(p.peakRss),
      mb(p.rssAtQuarter),
      mb(p.rssAtEnd),
      `${(p.ms / baseline.ms).toFixed(2)}×`,
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
