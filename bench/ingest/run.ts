/**
 * Wire ingest throughput: N varied wire payloads through the ingest service into SQLite,
 * beside a baseline in the same run — `strapi.documents(uid).create` of the same records,
 * already parsed. Each side gets a fresh database. Before that, without Strapi: parse time
 * per MB for normal and pathological copy at two sizes (flat ms/MB is linear), and the
 * diff of two long versions.
 *
 *   npm run bench:ingest            (N = 10000; BENCH_ITEMS=2000 for a quick run)
 *   BENCH_PARSE_ONLY=1 npm run bench:ingest     (the parse and diff tables only)
 */
import { BASELINE_WIRE_COPY } from '../../src/bench-generic-rest';
import { copyShapes, makePayloads, storyVersions, type CopyShape } from './payloads';
import { mb, printTable, withPeakRss } from '../lib/table';
import { startNewsroom } from '../../tests/helpers/strapi';
import type { WireIngestService } from '../../server/src/wire/services/wire-ingest';
import {
  contentHash,
  decodePayload,
  formatForContentType,
  parseWire,
} from '../../server/src/wire/domain/payload';
import { diffStories } from '../../server/src/wire/domain/diff';
import { WireParseError } from '../../server/src/wire/domain/errors';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const prepare = require('../../tests/helpers/global-setup.js') as () => Promise<void>;

const N = Number(process.env.BENCH_ITEMS ?? 10000);

interface Phase {
  name: string;
  ms: number;
  peakRss: number;
  rssAtQuarter: number;
  rssAtEnd: number;
}

const measure = async (
  name: string,
  run: (onProgress: (i: number) => void) => Promise<void>
): Promise<Phase> => {
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

/** The default `wire.maxBytes`: the largest copy a client may send. */
const MAX_BYTES = 2 * 1024 * 1024;
const PARSE_SIZES = [MAX_BYTES / 4, MAX_BYTES];

const elapsedMs = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

/** Best of a few runs: decode and parse, as the ingest service does before any database work. */
const timeParse = (shape: CopyShape, bytes: number) => {
  const body = shape.make(bytes);
  let outcome = '';
  let best = Infinity;
  for (let run = 0; run < 3; run += 1) {
    const started = process.hrtime.bigint();
    try {
      const story = parseWire(shape.format, decodePayload(body, MAX_BYTES), new Date());
      const paragraphs = story.sections.reduce((n, s) => n + s.paragraphs.length, 0);
      outcome = `parsed, ${paragraphs.toLocaleString('en-US')} paragraph${paragraphs === 1 ? '' : 's'}`;
    } catch (e) {
      if (!(e instanceof WireParseError)) throw e;
      outcome = `${e.status} refused`;
    }
    best = Math.min(best, elapsedMs(started));
  }
  return { msPerMb: best / (body.length / 1024 / 1024), outcome };
};

const printParseTable = () => {
  console.log(
    `\nParse time per MB (decode + parse, best of 3), at ${PARSE_SIZES.map((b) => `${b / 1024 / 1024} MB`).join(' and ')}, Node ${process.version}\n`
  );
  printTable(
    ['copy', 'format', 'outcome at 2 MB', 'ms/MB at 0.5 MB', 'ms/MB at 2 MB', '2 MB ÷ 0.5 MB'],
    copyShapes().map((shape) => {
      const [small, large] = PARSE_SIZES.map((bytes) => timeParse(shape, bytes));
      return [
        shape.name,
        shape.format,
        large.outcome,
        small.msPerMb.toFixed(0),
        large.msPerMb.toFixed(0),
        `${(large.msPerMb / small.msPerMb).toFixed(2)}×`,
      ];
    })
  );

  console.log('\nWire diff of two long versions (time, and the size stored on the article)\n');
  const rows: Array<[string, number, 'newer' | 'rewritten']> = [
    ['every 10th paragraph rewritten', 7500, 'newer'],
    ['every 10th paragraph rewritten', 30000, 'newer'],
    ['nothing in common', 30000, 'rewritten'],
  ];
  printTable(
    ['versions', 'paragraphs each', 'ms', 'changes listed / all', 'stored JSON'],
    rows.map(([name, count, which]) => {
      const versions = storyVersions(count);
      const started = process.hrtime.bigint();
      const diff = diffStories(versions.older, versions[which]);
      const ms = elapsedMs(started);
      const all = diff.counts
        ? diff.counts.added + diff.counts.removed + diff.counts.changed
        : diff.paragraphs.length;
      return [
        name,
        count.toLocaleString('en-US'),
        ms.toFixed(0),
        `${diff.paragraphs.length} / ${all.toLocaleString('en-US')}`,
        `${(JSON.stringify(diff).length / 1024).toFixed(0)} KB`,
      ];
    })
  );
};

const main = async () => {
  printParseTable();
  if (process.env.BENCH_PARSE_ONLY) return;
  await prepare();
  const payloads = makePayloads(N);

  // Baseline: the same records, parsed before the clock starts, written with the document service
  // into a type of the wire item's shape (wire items themselves take writes from the ingest only).
  let newsroom = await startNewsroom({ env: { NEWSROOM_BENCH_BASELINE: '1' } });
  const agencyId = (
    await newsroom.strapi.plugin('newsroom').service('agencies').findOrCreate('BENCH')
  ).id;
  const records = payloads.map((p) => {
    const format = formatForContentType(p.contentType);
    const text = decodePayload(p.body, 2 * 1024 * 1024);
    const story = parseWire(format, text, new Date());
    return {
      headline: story.headline,
      agency: agencyId,
      agencyGuid: story.guid ?? null,
      agencyVersion: story.version ?? 1,
      format,
      receivedAt: new Date().toISOString(),
      rawPayload: text,
      story,
      contentHash: contentHash(text),
      status: 'new',
    };
  });
  const baseline = await measure('documents.create (parsed beforehand)', async (onProgress) => {
    for (let i = 0; i < records.length; i += 1) {
      await newsroom.strapi
        .documents(BASELINE_WIRE_COPY as never)
        .create({ data: records[i] as never });
      onProgress(i);
    }
  });
  await newsroom.stop();

  newsroom = await startNewsroom();
  const ingest = newsroom.strapi.plugin('newsroom').service('wire-ingest') as WireIngestService;
  let stored = 0;
  const wire = await measure('wire ingest service (parse + dedupe + store)', async (onProgress) => {
    for (let i = 0; i < payloads.length; i += 1) {
      const result = await ingest.ingest({
        payload: payloads[i].body,
        contentType: payloads[i].contentType,
        agency: 'BENCH',
      });
      if (result.outcome === 'new') stored += 1;
      onProgress(i);
    }
  });
  await newsroom.stop();
  if (stored !== N) throw new Error(`expected ${N} new wire items, stored ${stored}`);

  console.log(
    `\nWire ingest, ${N} items (text, ninjs, NewsML-G2), SQLite, Node ${process.version}\n`
  );
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
