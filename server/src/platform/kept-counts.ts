/**
 * Counts the database keeps by key (a locale and a state, say), so that a list's total costs
 * one row read however large the table grows. Triggers change them in the transaction of every
 * write, whoever writes (the plugin, the Content Manager, plain SQL); on PostgreSQL at commit
 * (deferred), each transaction first taking the count's gate row, so that two transactions never
 * wait on each other's counts in opposite orders. Counted again at every start: a count that
 * drifted (while the triggers were missing, say) is set right.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

export interface KeptCount {
  /** The counts' table: one row per key, and the gate (every key ''). */
  name: string;
  /** The table whose rows are counted. */
  source: string;
  /** The key: the counts table's columns and the source columns they come from. */
  keys: Array<{ name: string; column: string }>;

  /** When a source row is counted, in SQL on `OLD` or `NEW`. */
  counted: (row: 'OLD' | 'NEW') => string;
  /** The advisory lock under which starts set it up one at a time (any fixed number). */
  lock: number;
}

type Event = 'INSERT' | 'UPDATE' | 'DELETE';
const EVENTS: Event[] = ['INSERT', 'UPDATE', 'DELETE'];

/** A key's value in a row (`OLD`, `NEW` or an alias): a missing one is counted under '-'. */
const keyOf = (column: string, row: string) => `COALESCE(${row}.${column}, '-')`;

const triggerName = (count: KeptCount, event: Event) =>
  `${count.name}_${event.toLowerCase()}`.slice(0, 63);

/** The statements of one event: a decrement of the old row's key, an increment of the new one's. */
const changes = (count: KeptCount, event: Event, dialect: 'sqlite' | 'postgres') => {
  const names = count.keys.map((k) => k.name);
  const statements: string[] = [];
  if (event !== 'INSERT') {
    const match = count.keys.map((k) => `${k.name} = ${keyOf(k.column, 'OLD')}`).join(' AND ');
    const remove = `UPDATE ${count.name} SET n = n - 1 WHERE ${match}`;
    statements.push(
      dialect === 'postgres'
        ? `IF ${count.counted('OLD')} THEN ${remove}; END IF;`
        : `${remove} AND ${count.counted('OLD')};`
    );
  }
  if (event !== 'DELETE') {
    const values = count.keys.map((k) => keyOf(k.column, 'NEW')).join(', ');
    const upsert = `ON CONFLICT (${names.join(', ')}) DO UPDATE SET n = ${count.name}.n + 1`;
    statements.push(
      dialect === 'postgres'
        ? `IF ${count.counted('NEW')} THEN INSERT INTO ${count.name} (${names.join(', ')}, n) VALUES (${values}, 1) ${upsert}; END IF;`
        : `INSERT INTO ${count.name} (${names.join(', ')}, n) SELECT ${values}, 1 WHERE ${count.counted('NEW')} ${upsert};`
    );
  }
  return statements.join(' ');
};

/**
 * When an event can change a count: a counted row, before or after; for an update, only when it
 * moves the row between keys or in or out of the count (an edit of its text fires nothing).
 */
const whenOf = (count: KeptCount, event: Event, dialect: 'sqlite' | 'postgres') => {
  if (event === 'INSERT') return count.counted('NEW');
  if (event === 'DELETE') return count.counted('OLD');
  const distinct = dialect === 'postgres' ? 'IS DISTINCT FROM' : 'IS NOT';
  const moved = [
    `(${count.counted('OLD')}) ${distinct} (${count.counted('NEW')})`,
    ...count.keys.map((k) => `OLD.${k.column} ${distinct} NEW.${k.column}`),
  ].join(' OR ');
  return `((${count.counted('OLD')}) OR (${count.counted('NEW')})) AND (${moved})`;
};

const recount = (trx: Knex, count: KeptCount) => {
  const names = count.keys.map((k) => k.name);
  const columns = count.keys.map((k) => keyOf(k.column, 's'));
  const gate = count.keys.map(() => "''").join(', ');
  return trx
    .raw(`DELETE FROM ${count.name}`)
    .then(() => trx.raw(`INSERT INTO ${count.name} (${names.join(', ')}, n) VALUES (${gate}, 0)`))
    .then(() =>
      trx.raw(
        `INSERT INTO ${count.name} (${names.join(', ')}, n)
         SELECT ${columns.join(', ')}, count(*) FROM ${count.source} s
         WHERE ${count.counted('NEW').replace(/\bNEW\./gu, 's.')} GROUP BY ${columns.join(', ')}`
      )
    );
};

/**
 * Creates the counts' table and triggers and counts the rows (idempotent). Returns whether the
 * counts hold: when they cannot be made (another database, no rights), callers count the rows.
 */
export const ensureKeptCount = async (strapi: Core.Strapi, count: KeptCount): Promise<boolean> => {
  const knex = strapi.db.connection;
  const client = strapi.db.dialect.client;
  if (client !== 'sqlite' && client !== 'postgres') return false;
  const names = count.keys.map((k) => k.name);
  try {
    await knex.raw(
      `CREATE TABLE IF NOT EXISTS ${count.name} (${names.map((n) => `${n} varchar(255) NOT NULL`).join(', ')}, n bigint NOT NULL, PRIMARY KEY (${names.join(', ')}))`
    );
    if (client === 'sqlite') {
      for (const event of EVENTS)
        await knex.raw(
          `CREATE TRIGGER IF NOT EXISTS ${triggerName(count, event)} AFTER ${event} ON ${count.source}
           WHEN ${whenOf(count, event, 'sqlite')} BEGIN ${changes(count, event, 'sqlite')} END`
        );
      await knex.transaction((trx) => recount(trx, count));
      return true;
    }
    const gate = count.keys.map((k) => `${k.name} = ''`).join(' AND ');
    await knex.transaction(async (trx) => {
      await trx.raw('SELECT pg_advisory_xact_lock(?)', [count.lock]);
      await trx.raw(
        `CREATE OR REPLACE FUNCTION ${count.name}_changed() RETURNS trigger AS $$ BEGIN
           UPDATE ${count.name} SET n = n WHERE ${gate};
           IF TG_OP IN ('UPDATE', 'DELETE') THEN ${changes(count, 'DELETE', 'postgres')} END IF;
           IF TG_OP IN ('INSERT', 'UPDATE') THEN ${changes(count, 'INSERT', 'postgres')} END IF;
           RETURN NULL; END $$ LANGUAGE plpgsql`
      );
      for (const event of EVENTS) {
        const { rows } = (await trx.raw(
          'SELECT 1 FROM pg_trigger WHERE tgname = ? AND tgrelid = to_regclass(?)',
          [triggerName(count, event), count.source]
        )) as { rows: unknown[] };
        // Constraint triggers (the deferrable kind) have no CREATE OR REPLACE.
        if (!rows.length)
          await trx.raw(
            `CREATE CONSTRAINT TRIGGER ${triggerName(count, event)} AFTER ${event} ON ${count.source}
             DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (${whenOf(count, event, 'postgres')})
             EXECUTE FUNCTION ${count.name}_changed()`
          );
      }
      // Under the gate: a transaction committing meanwhile counts itself after this, or is in it.
      await recount(trx, count);
    });
    return true;
  } catch (error) {
    strapi.log.error(
      `[newsroom] the kept count ${count.name} could not be set up (${(error as Error).message}); its totals are counted from the rows instead`
    );
    return false;
  }
};
