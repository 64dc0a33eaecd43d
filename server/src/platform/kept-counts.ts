/**
 * Figures the database keeps — counts by key (a locale and a state, say), and the delivery's
 * change counter — so that a list's total or a cache check costs one row read however large the
 * tables grow. Triggers change them in the transaction of every write, whoever writes (the
 * plugin, the Content Manager, plain SQL).
 *
 * On PostgreSQL the triggers run at commit (deferred), and each takes one advisory lock, shared
 * by every kept figure, before it touches any: two committing transactions never wait on each
 * other's figures in opposite orders, and a recount at start (under the same lock) sees each
 * write either counted or still to come. Conditions live in the trigger functions, never in the
 * triggers' definitions, so Strapi may still change or drop the columns they read. The triggers
 * carry a digest of their code in their names: a start that finds any other code (an earlier
 * version's) replaces them in one transaction (no moment without them).
 */
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/** The one lock every kept figure's writer and recount takes first (any fixed number). */
export const FIGURES_LOCK = 7_227_000;
/** Taken while a start sets up triggers and functions, one process at a time. */
const SETUP_LOCK = 7_227_001;

export type Event = 'INSERT' | 'UPDATE' | 'DELETE';
export const EVENTS: Event[] = ['INSERT', 'UPDATE', 'DELETE'];
export type Dialect = 'sqlite' | 'postgres';

export interface TriggerSet {
  /** The triggers' name prefix (its older versions share it, and are replaced). */
  prefix: string;
  table: string;
  /** PostgreSQL: the function's statements for one row event (TG_OP, OLD, NEW), run at commit. */
  postgres: string;
  /** SQLite: per event, when it fires and what it does. */
  sqlite: Record<Event, { when: string; body: string }>;
}

/** Takes the figures' lock (PostgreSQL), in a trigger function's body. */
export const LOCK_FIGURES = `PERFORM pg_advisory_xact_lock(${FIGURES_LOCK});`;

/** A set's version: a digest of its code, so that any change to it replaces the triggers. */
const versionOf = (set: TriggerSet) =>
  `v${crypto
    .createHash('sha256')
    .update(JSON.stringify([set.table, set.postgres, set.sqlite]))
    .digest('hex')
    .slice(0, 8)}`;

/** Creates or replaces a set's triggers when they are not this code's. */
export const installTriggers = async (knex: Knex, dialect: Dialect, set: TriggerSet) => {
  const VERSION = versionOf(set);
  const names = Object.fromEntries(
    EVENTS.map((event) => [event, `${set.prefix}_${VERSION}_${event.toLowerCase()}`.slice(0, 63)])
  ) as Record<Event, string>;
  const current = new Set(Object.values(names));
  const ours = (found: string[]) => found.filter((name) => name.startsWith(`${set.prefix}_`));
  if (dialect === 'sqlite') {
    const found = ours(
      (
        (await knex.raw("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", [
          set.table,
        ])) as Array<{ name: string }>
      ).map((row) => row.name)
    );
    if (found.length === current.size && found.every((name) => current.has(name))) return;
    await knex.transaction(async (trx) => {
      for (const name of found) await trx.raw('DROP TRIGGER IF EXISTS ??', [name]);
      for (const event of EVENTS)
        await trx.raw(
          `CREATE TRIGGER ?? AFTER ${event} ON ?? WHEN ${set.sqlite[event].when} BEGIN ${set.sqlite[event].body} END`,
          [names[event], set.table]
        );
    });
    return;
  }
  const fn = `${set.prefix}_${VERSION}_changed`.slice(0, 63);
  await knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [SETUP_LOCK]);
    await trx.raw(
      `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger AS $$ DECLARE changed boolean; BEGIN ${set.postgres} RETURN NULL; END $$ LANGUAGE plpgsql`
    );
    const found = ours(
      (
        (await trx.raw(
          'SELECT tgname FROM pg_trigger WHERE tgrelid = to_regclass(?) AND NOT tgisinternal',
          [set.table]
        )) as { rows: Array<{ tgname: string }> }
      ).rows.map((row) => row.tgname)
    );
    if (found.length === current.size && found.every((name) => current.has(name))) return;
    for (const name of found) await trx.raw('DROP TRIGGER IF EXISTS ?? ON ??', [name, set.table]);
    for (const event of EVENTS)
      await trx.raw(
        `CREATE CONSTRAINT TRIGGER ?? AFTER ${event} ON ?? DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
        [names[event], set.table]
      );
    // Earlier versions' functions, now used by no trigger.
    const stale = (
      (await trx.raw('SELECT proname FROM pg_proc WHERE proname ~ ? AND proname <> ?', [
        `^${set.prefix}_v[0-9a-f]+_changed$`,
        fn,
      ])) as { rows: Array<{ proname: string }> }
    ).rows;
    for (const { proname } of stale) await trx.raw('DROP FUNCTION IF EXISTS ??()', [proname]);
  });
};

/** Drops a set's triggers, whatever their version. */
export const removeTriggers = async (knex: Knex, dialect: Dialect, set: TriggerSet) => {
  const found =
    dialect === 'sqlite'
      ? (
          (await knex.raw(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
            [set.table]
          )) as Array<{ name: string }>
        ).map((row) => row.name)
      : (
          (await knex.raw(
            'SELECT tgname AS name FROM pg_trigger WHERE tgrelid = to_regclass(?) AND NOT tgisinternal',
            [set.table]
          )) as { rows: Array<{ name: string }> }
        ).rows.map((row) => row.name);
  for (const name of found.filter((n) => n.startsWith(`${set.prefix}_`)))
    await knex.raw(`DROP TRIGGER IF EXISTS ??${dialect === 'postgres' ? ' ON ??' : ''}`, [
      name,
      ...(dialect === 'postgres' ? [set.table] : []),
    ]);
};

/** Runs `work` (a recount) under the figures' lock: every write is in it, or counts after it. */
export const underFiguresLock = (
  knex: Knex,
  dialect: Dialect,
  work: (trx: Knex) => Promise<void>
) =>
  knex.transaction(async (trx) => {
    if (dialect === 'postgres') await trx.raw('SELECT pg_advisory_xact_lock(?)', [FIGURES_LOCK]);
    await work(trx);
  });

export interface KeptCount {
  /** The counts' table: one row per key. */
  name: string;
  /** The table whose rows are counted. */
  source: string;
  /** The key: the counts table's columns and the source columns they come from. */
  keys: Array<{ name: string; column: string }>;
  /** When a source row is counted, in SQL on `OLD` or `NEW`. */
  counted: (row: 'OLD' | 'NEW') => string;
}

/**
 * Where rows missing a key are counted. A reader never looks it up as a value: a filter that
 * names it (an agency coded `-`, say) is counted from the rows.
 */
export const MISSING_KEY = '-';

/** A key's value in a row (`OLD`, `NEW` or an alias): a missing one is counted under MISSING_KEY. */
const keyOf = (column: string, row: string) => `COALESCE(${row}.${column}, '${MISSING_KEY}')`;

const decrement = (count: KeptCount) =>
  `UPDATE ${count.name} SET n = n - 1 WHERE ${count.keys.map((k) => `${k.name} = ${keyOf(k.column, 'OLD')}`).join(' AND ')}`;
const increment = (count: KeptCount, select: boolean) => {
  const names = count.keys.map((k) => k.name).join(', ');
  const values = count.keys.map((k) => keyOf(k.column, 'NEW')).join(', ');
  return `INSERT INTO ${count.name} (${names}, n) ${select ? `SELECT ${values}, 1 WHERE ${count.counted('NEW')}` : `VALUES (${values}, 1)`} ON CONFLICT (${names}) DO UPDATE SET n = ${count.name}.n + 1`;
};
/** An update moves a row between keys, or in or out of the count (an edit of its text does not). */
const moved = (count: KeptCount, distinct: string) =>
  [
    `(${count.counted('OLD')}) ${distinct} (${count.counted('NEW')})`,
    ...count.keys.map((k) => `OLD.${k.column} ${distinct} NEW.${k.column}`),
  ].join(' OR ');

const countTriggers = (count: KeptCount): TriggerSet => ({
  prefix: count.name,
  table: count.source,
  postgres: `
    IF TG_OP = 'INSERT' THEN changed := ${count.counted('NEW')};
    ELSIF TG_OP = 'DELETE' THEN changed := ${count.counted('OLD')};
    ELSE changed := ((${count.counted('OLD')}) OR (${count.counted('NEW')})) AND (${moved(count, 'IS DISTINCT FROM')});
    END IF;
    IF changed THEN
      ${LOCK_FIGURES}
      IF TG_OP <> 'INSERT' THEN IF ${count.counted('OLD')} THEN ${decrement(count)}; END IF; END IF;
      IF TG_OP <> 'DELETE' THEN IF ${count.counted('NEW')} THEN ${increment(count, false)}; END IF; END IF;
    END IF;`,
  sqlite: {
    INSERT: { when: count.counted('NEW'), body: `${increment(count, true)};` },
    UPDATE: {
      when: `((${count.counted('OLD')}) OR (${count.counted('NEW')})) AND (${moved(count, 'IS NOT')})`,
      body: `${decrement(count)} AND ${count.counted('OLD')}; ${increment(count, true)};`,
    },
    DELETE: {
      when: count.counted('OLD'),
      body: `${decrement(count)} AND ${count.counted('OLD')};`,
    },
  },
});

/**
 * Creates the counts' table and triggers and counts the rows (idempotent, at every start: a
 * count that drifted is set right, and SQLite drops a table's triggers when Strapi rebuilds it).
 * Returns whether the counts hold: when they cannot be made (another database, no rights),
 * callers count the rows.
 */
export const ensureKeptCount = async (strapi: Core.Strapi, count: KeptCount): Promise<boolean> => {
  const knex = strapi.db.connection;
  const dialect = strapi.db.dialect.client;
  if (dialect !== 'sqlite' && dialect !== 'postgres') return false;
  const names = count.keys.map((k) => k.name);
  try {
    // The counts are derived: a table of another shape (an earlier version's) is made anew.
    if (await knex.schema.hasTable(count.name)) {
      const shape = Object.keys(await knex(count.name).columnInfo()).sort();
      if (shape.join() !== [...names, 'n'].sort().join())
        await knex.raw(`DROP TABLE ${count.name}`);
    }
    await knex.raw(
      `CREATE TABLE IF NOT EXISTS ${count.name} (${names.map((n) => `${n} varchar(255) NOT NULL`).join(', ')}, n bigint NOT NULL, PRIMARY KEY (${names.join(', ')}))`
    );
    await installTriggers(knex, dialect, countTriggers(count));
    const columns = count.keys.map((k) => keyOf(k.column, 's'));
    await underFiguresLock(knex, dialect, async (trx) => {
      await trx.raw(`DELETE FROM ${count.name}`);
      await trx.raw(
        `INSERT INTO ${count.name} (${names.join(', ')}, n)
         SELECT ${columns.join(', ')}, count(*) FROM ${count.source} s
         WHERE ${count.counted('NEW').replace(/\bNEW\./gu, 's.')} GROUP BY ${columns.join(', ')}`
      );
    });
    return true;
  } catch (error) {
    // No write may fail for a count: triggers left by a set-up that failed half-way go.
    await removeTriggers(knex, dialect, countTriggers(count)).catch(() => undefined);
    strapi.log.error(
      `[newsroom] the kept count ${count.name} could not be set up (${(error as Error).message}); its totals are counted from the rows instead`
    );
    return false;
  }
};
