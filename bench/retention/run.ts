/**
 * Wire retention purge on a large inbox: N wire item rows written straight into the table
 * (with their agency links), then the purge of a 30-day retention timed, beside two
 * references on the same data in the same run: counting the purgeable rows with the same
 * rule (the read the purge cannot avoid), and one plain `DELETE … WHERE receivedAt < cutoff`
 * on a copy of the table with the same indexes (deletion without the rule, the links or
 * batches: the floor).
 *
 *   npm run bench:retention                     (N = 1,000,000, SQLite)
 *   npm run bench:retention -- --items 100000
 *   DATABASE_CLIENT=postgres npm run bench:retention
 *
 * The mix: 70% old untaken (new, ignored, superseded; a tenth without a guid), 10% old
 * stories that were taken (5% taken items, 5% earlier versions of them), 20% recent.
 */
import crypto from 'crypto';
import type { Knex } from 'knex';
import { mb, printTable, withPeakRss } from '../lib/table';
import { startNewsroom } from '../../tests/helpers/strapi';
import type { WireRetentionService } from '../../server/src/wire/services/wire-retention';
import type { AgenciesService } from '../../server/src/wire/services/agencies';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const prepare = require('../../tests/helpers/global-setup.js') as () => Promise<void>;

const WIRE_ITEM = 'plugin::newsroom.wire-item';
const DAY = 24 * 60 * 60 * 1000;
const RETENTION_DAYS = 30;

const argument = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
};
const N = Number(argument('items') ?? 1_000_000);
if (!Number.isInteger(N) || N < 20) throw new Error('--items must be a whole number ≥ 20');

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const count = (n: number) => n.toLocaleString('en-US');

interface Layout {
  table: string;
  column: (attribute: string) => string;
  hasAttribute: (attribute: string) => boolean;
  link: { table: string; item: string; agency: string };
}

/** One row of the mix, by its index: which kind it is decides its age, status and story. */
const wireRow = (i: number, now: number, agency: string, layout: Layout) => {
  const kind = i % 10; // 0: part of a taken story, 1–2: recent, 3–9: old untaken
  const old = kind !== 1 && kind !== 2;
  // Rows i and i + 10 (i % 20 === 0) are versions 1 and 2 of one taken story.
  const takenStory = kind === 0;
  const version = takenStory && i % 20 === 10 ? 2 : 1;
  const guid = takenStory
    ? `urn:bench:taken:${Math.floor(i / 20)}`
    : kind === 9
      ? null
      : `urn:bench:item:${i}`;
  const status = takenStory
    ? version === 2
      ? 'taken'
      : 'superseded'
    : (['new', 'ignored', 'superseded'] as const)[i % 3];
  const receivedAt = new Date(
    now - (old ? RETENTION_DAYS + 1 + (i % 300) : i % RETENTION_DAYS) * DAY - (i % 86_400) * 1000
  );
  const headline = `Bench story ${i}: talks resume in Geneva`;
  const c = layout.column;
  return {
    [c('id')]: i + 1,
    [c('documentId')]: crypto.randomBytes(12).toString('hex'),
    [c('headline')]: headline,
    [c('agencyCode')]: agency,
    [c('agencyGuid')]: guid,
    [c('agencyVersion')]: version,
    [c('format')]: 'ninjs',
    [c('receivedAt')]: receivedAt,
    [c('rawPayload')]: JSON.stringify({ uri: guid, headlines: [{ value: headline }] }),
    [c('story')]: JSON.stringify({ headline, sections: [] }),
    [c('contentHash')]: crypto.createHash('sha256').update(String(i)).digest('hex'),
    [c('status')]: status,
    [c('articleDocumentId')]: status === 'taken' ? `bench-article-${i}` : null,
    [c('agencyStatus')]: 'usable',
    [c('createdAt')]: receivedAt,
    [c('updatedAt')]: receivedAt,
    ...(layout.hasAttribute('publishedAt') ? { [c('publishedAt')]: receivedAt } : {}),
  };
};

/** Writes the N rows and their agency links in transactions of a few thousand rows. */
const fill = async (knex: Knex, layout: Layout, agency: { id: number; code: string }) => {
  const now = Date.now();
  const perInsert = 400; // knex inserts many rows into SQLite as a compound SELECT of at most 500
  for (let start = 0; start < N; start += 10 * perInsert) {
    await knex.transaction(async (trx) => {
      for (let from = start; from < Math.min(start + 10 * perInsert, N); from += perInsert) {
        const rows = [];
        for (let i = from; i < Math.min(from + perInsert, N); i += 1)
          rows.push(wireRow(i, now, agency.code, layout));
        await trx(layout.table).insert(rows);
        await trx(layout.link.table).insert(
          rows.map((row) => ({
            [layout.link.item]: row[layout.column('id')],
            [layout.link.agency]: agency.id,
          }))
        );
      }
    });
    if (start % 100_000 === 0) process.stdout.write('.');
  }
  process.stdout.write('\n');
};

const rowCount = async (knex: Knex, table: string) =>
  Number((await knex(table).count({ n: '*' }))[0].n);

/** The longest delete statement while `work` runs: how long a batch holds its rows. */
const longestDelete = async <T>(knex: Knex, work: () => Promise<T>) => {
  const started = new Map<string, bigint>();
  let longest = 0;
  const onQuery = (q: { __knexQueryUid: string; sql: string }) => {
    if (/^delete/iu.test(q.sql)) started.set(q.__knexQueryUid, process.hrtime.bigint());
  };
  const onResponse = (_: unknown, q: { __knexQueryUid: string }) => {
    const at = started.get(q.__knexQueryUid);
    if (at !== undefined) longest = Math.max(longest, seconds(at));
    started.delete(q.__knexQueryUid);
  };
  knex.on('query', onQuery).on('query-response', onResponse);
  try {
    return { result: await work(), longest };
  } finally {
    knex.removeListener('query', onQuery).removeListener('query-response', onResponse);
  }
};

const main = async () => {
  await prepare();
  const newsroom = await startNewsroom();
  const { strapi } = newsroom;
  const client = strapi.db.dialect.client;
  try {
    const knex = strapi.db.connection;
    const meta = strapi.db.metadata.get(WIRE_ITEM);
    const attributes = meta.attributes as Record<
      string,
      {
        columnName?: string;
        joinTable?: {
          name: string;
          joinColumn: { name: string };
          inverseJoinColumn: { name: string };
        };
      }
    >;
    const joinTable = attributes.agency.joinTable!;
    const layout: Layout = {
      table: meta.tableName,
      column: (attribute) => attributes[attribute].columnName ?? attribute,
      hasAttribute: (attribute) => attribute in attributes,
      link: {
        table: joinTable.name,
        item: joinTable.joinColumn.name,
        agency: joinTable.inverseJoinColumn.name,
      },
    };
    const agencies = strapi.plugin('newsroom').service('agencies') as AgenciesService;
    const agency = await agencies.findOrCreate('BENCH');

    console.log(`Writing ${count(N)} wire items (${client})`);
    let started = process.hrtime.bigint();
    await fill(knex, layout, agency);
    if (client === 'postgres') await knex.raw('ANALYZE ??', [layout.table]);
    const fillSeconds = seconds(started);
    const before = await rowCount(knex, layout.table);
    const linksBefore = await rowCount(knex, layout.link.table);
    const cutoff = new Date(Date.now() - RETENTION_DAYS * DAY);
    const c = layout.column;

    // Reference 1: count what the rule lets go (a batch size beyond N makes it one select).
    started = process.hrtime.bigint();
    const candidates = await knex({ w: layout.table })
      .where(`w.${c('receivedAt')}`, '<', cutoff)
      .whereNot(`w.${c('status')}`, 'taken')
      .whereNull(`w.${c('articleDocumentId')}`)
      .whereNotExists(
        knex
          .select(knex.raw('1'))
          .from({ t: layout.table })
          .whereNotNull(`w.${c('agencyGuid')}`)
          .where(`t.${c('agencyCode')}`, knex.ref(`w.${c('agencyCode')}`))
          .where(`t.${c('agencyGuid')}`, knex.ref(`w.${c('agencyGuid')}`))
          .where((q) =>
            q.where(`t.${c('status')}`, 'taken').orWhereNotNull(`t.${c('articleDocumentId')}`)
          )
      )
      .count({ n: '*' });
    const countSeconds = seconds(started);
    const purgeable = Number(candidates[0].n);

    // Reference 2: one plain DELETE by age on a copy with the table's indexes.
    const copy = 'bench_wire_items_copy';
    await knex.schema.dropTableIfExists(copy);
    await knex.raw('CREATE TABLE ?? AS SELECT * FROM ??', [copy, layout.table]);
    await knex.raw('CREATE UNIQUE INDEX bench_copy_pk ON ?? (??)', [copy, c('id')]);
    await knex.raw('CREATE INDEX bench_copy_received ON ?? (??)', [copy, c('receivedAt')]);
    await knex.raw(
      'CREATE UNIQUE INDEX bench_copy_version ON ?? (??, ??, ??) WHERE ?? IS NOT NULL',
      [copy, c('agencyCode'), c('agencyGuid'), c('agencyVersion'), c('agencyGuid')]
    );
    if (client === 'postgres') await knex.raw('ANALYZE ??', [copy]);
    global.gc?.();
    started = process.hrtime.bigint();
    const plain = await withPeakRss(() =>
      longestDelete(knex, async () => knex(copy).where(c('receivedAt'), '<', cutoff).del())
    );
    const plainSeconds = seconds(started);
    await knex.schema.dropTable(copy);

    // The purge, as the daily job runs it.
    global.gc?.();
    const retention = strapi.plugin('newsroom').service('wire-retention') as WireRetentionService;
    started = process.hrtime.bigint();
    const purge = await withPeakRss(() =>
      longestDelete(knex, () => retention.purgeExpired(new Date(), { batchSize: 5000 }))
    );
    const purgeSeconds = seconds(started);
    const purged = purge.result.result;
    const after = await rowCount(knex, layout.table);
    const linksAfter = await rowCount(knex, layout.link.table);
    if (purged !== purgeable || after !== before - purged || linksAfter !== linksBefore - purged)
      throw new Error(
        `expected ${purgeable} purged with their links, got ${purged} (rows ${before} → ${after}, links ${linksBefore} → ${linksAfter})`
      );

    console.log(
      `\nWire retention (${RETENTION_DAYS} days), ${count(N)} wire items written in ${fillSeconds.toFixed(0)} s, ${client}, Node ${process.version}\n`
    );
    printTable(
      ['variant', 'rows before', 'deleted', 'kept', 's', 'rows/s', 'longest DELETE', 'peak RSS'],
      [
        [
          'count purgeable (same rule, read only)',
          count(before),
          `(${count(purgeable)})`,
          '',
          countSeconds.toFixed(1),
          count(Math.round(before / countSeconds)),
          '',
          '',
        ],
        [
          'plain DELETE by age, one statement, copy',
          count(before),
          count(plain.result.result),
          count(before - plain.result.result),
          plainSeconds.toFixed(1),
          count(Math.round(plain.result.result / plainSeconds)),
          `${plain.result.longest.toFixed(2)} s`,
          mb(plain.peakRss),
        ],
        [
          'purgeExpired (batches of 5,000, + links)',
          count(before),
          count(purged),
          count(after),
          purgeSeconds.toFixed(1),
          count(Math.round(purged / purgeSeconds)),
          `${purge.result.longest.toFixed(2)} s`,
          mb(purge.peakRss),
        ],
      ]
    );
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
