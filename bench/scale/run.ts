/**
 * `npm run bench:scale`: the newsroom's routes at two sizes on PostgreSQL — 10,000 article
 * locales with 50,000 wire items, and 200,000 with 1,000,000 — each size measured in a process
 * of its own (measure.ts), then one table: p50 and p99 of each route and its database time at
 * both sizes, and the ratio of the large to the small (target: no more than 1.5×).
 *
 *   DATABASE_CLIENT=postgres npm run bench:scale   (with DATABASE_HOST, _USERNAME, _PASSWORD)
 *   SCALE_BENCH_DB=name keeps the databases (name_10000, name_200000) between runs: a kept one
 *   only grows. SCALE_BENCH_SIZES=10000:50000,200000:1000000 to change the sizes.
 */
import { execFile } from 'child_process';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import { printTable } from '../lib/table';
import type { Measured } from './measure';

const run = promisify(execFile);
const SIZES = (process.env.SCALE_BENCH_SIZES ?? '10000:50000,200000:1000000')
  .split(',')
  .map((pair) => pair.split(':').map(Number) as [number, number]);

const main = async () => {
  if (process.env.DATABASE_CLIENT !== 'postgres')
    throw new Error('bench:scale runs on PostgreSQL: set DATABASE_CLIENT=postgres');
  const results: Array<{
    size: { documents: number; wire: number; seconds: number };
    rows: Measured[];
  }> = [];
  for (const [articles, wire] of SIZES) {
    process.stderr.write(`== ${articles} articles, ${wire} wire items ==\n`);
    const child = run(
      'node',
      [
        '-r',
        'esbuild-register',
        path.join(__dirname, 'measure.ts'),
        String(articles),
        String(wire),
      ],
      { maxBuffer: 1 << 24, cwd: path.join(__dirname, '..', '..') }
    );
    child.child.stderr?.pipe(process.stderr);
    const { stdout } = await child;
    results.push(JSON.parse(stdout.trim().split('\n').pop()!));
  }
  const [small, large] = [results[0], results[results.length - 1]];
  const f = (n: number) => n.toFixed(1);
  console.log(
    `\nScale: ${results.map((r) => `${r.size.documents.toLocaleString('en-US')} article locales + ${r.size.wire.toLocaleString('en-US')} wire items`).join(' against ')}, PostgreSQL, one request at a time over HTTP; db = time in queries; Node ${process.version}, ${os.cpus().length} cores\n`
  );
  printTable(
    [
      'route',
      'small p50',
      'small p99',
      'small db p50',
      'large p50',
      'large p99',
      'large db p50',
      'large/small p50',
      'note',
    ],
    small.rows.map((row) => {
      const big = large.rows.find((r) => r.route.split(' (')[0] === row.route.split(' (')[0])!;
      return [
        row.route,
        f(row.p50),
        f(row.p99),
        f(row.db50),
        f(big.p50),
        f(big.p99),
        f(big.db50),
        `${(big.p50 / row.p50).toFixed(2)}×`,
        big.note ?? '',
      ];
    })
  );
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
