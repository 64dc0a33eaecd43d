/**
 * What readers are served changes only when a published article row, an agency, a rubric or a
 * media file changes. Database triggers count those changes in one row, in the transaction that
 * makes them, whoever writes (the workflow, the Content Manager, the Media Library, plain SQL):
 * the delivery routes read that one row to know whether an answer they keep is current, at the
 * same cost however many articles are published. On PostgreSQL the count is taken at commit
 * (deferred triggers), so the row is locked only while a change commits, never across the work
 * of a transaction that could wait on another.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { AGENCY_UID, ARTICLE_UID, RUBRIC_UID } from '../platform/domain/uids';

export const GENERATION_TABLE = 'newsroom_public_generation';
/** Published articles per locale, kept by the same triggers: the readers' list's total. */
export const COUNTS_TABLE = 'newsroom_public_counts';
const FUNCTION = 'newsroom_public_changed';
const ARTICLE_FUNCTION = 'newsroom_public_article_changed';
/** Any fixed number: the advisory lock that lets one process at a time create the triggers. */
const TRIGGER_LOCK = 7_227_015;

type Event = 'INSERT' | 'UPDATE' | 'DELETE';

const articleColumn = (strapi: Core.Strapi, attribute: string) =>
  (strapi.db.metadata.get(ARTICLE_UID).attributes[attribute] as { columnName?: string })
    .columnName ?? attribute;

/** A served row, as delivery reads them (`PUBLIC` and published), in a trigger's OLD or NEW. */
const served = (strapi: Core.Strapi, row: 'OLD' | 'NEW') =>
  `${row}.${articleColumn(strapi, 'publishedAt')} IS NOT NULL AND ${row}.${articleColumn(strapi, 'workflowState')} = 'published'`;

/** The count changes of an article row's event, as statements (each only when its row is served). */
const countChanges = (strapi: Core.Strapi, event: Event, dialect: 'sqlite' | 'postgres') => {
  const locale = articleColumn(strapi, 'locale');
  const statements: string[] = [];
  if (event !== 'INSERT') {
    const remove = `UPDATE ${COUNTS_TABLE} SET articles = articles - 1 WHERE locale = OLD.${locale}`;
    statements.push(
      dialect === 'postgres'
        ? `IF ${served(strapi, 'OLD')} THEN ${remove}; END IF;`
        : `${remove} AND ${served(strapi, 'OLD')};`
    );
  }
  if (event !== 'DELETE') {
    const upsert = `ON CONFLICT (locale) DO UPDATE SET articles = ${COUNTS_TABLE}.articles + 1`;
    statements.push(
      dialect === 'postgres'
        ? `IF ${served(strapi, 'NEW')} THEN INSERT INTO ${COUNTS_TABLE} (locale, articles) VALUES (NEW.${locale}, 1) ${upsert}; END IF;`
        : `INSERT INTO ${COUNTS_TABLE} (locale, articles) SELECT NEW.${locale}, 1 WHERE ${served(strapi, 'NEW')} ${upsert};`
    );
  }
  return statements.join(' ');
};

/** Which rows' changes count, per table and event: a condition on OLD and NEW, or every row. */
const watched = (strapi: Core.Strapi) => {
  const table = (uid: string) => strapi.db.metadata.get(uid).tableName;
  const column = articleColumn(strapi, 'publishedAt');
  const everyRow: Record<Event, string | null> = { INSERT: null, UPDATE: null, DELETE: null };
  return [
    {
      table: table(ARTICLE_UID),
      counts: true,
      when: {
        INSERT: `NEW.${column} IS NOT NULL`,
        UPDATE: `OLD.${column} IS NOT NULL OR NEW.${column} IS NOT NULL`,
        DELETE: `OLD.${column} IS NOT NULL`,
      } as Record<Event, string | null>,
    },
    { table: table(AGENCY_UID), counts: false, when: everyRow },
    { table: table(RUBRIC_UID), counts: false, when: everyRow },
    { table: table('plugin::upload.file'), counts: false, when: everyRow },
  ];
};

// Named for what they do: a start that finds an older kind under another name makes the new one.
const triggerName = (table: string, event: Event, counts = false) =>
  `${table}_public_${counts ? 'counted_' : ''}${event.toLowerCase()}`.slice(0, 63);

const ensureSqlite = async (knex: Knex, strapi: Core.Strapi) => {
  for (const { table, when, counts } of watched(strapi))
    for (const event of ['INSERT', 'UPDATE', 'DELETE'] as Event[])
      await knex.raw(
        `CREATE TRIGGER IF NOT EXISTS ?? AFTER ${event} ON ?? ${when[event] ? `WHEN ${when[event]}` : ''}
         BEGIN UPDATE ${GENERATION_TABLE} SET generation = generation + 1 WHERE id = 1; ${counts ? countChanges(strapi, event, 'sqlite') : ''} END`,
        [triggerName(table, event, counts), table]
      );
};

const ensurePostgres = (knex: Knex, strapi: Core.Strapi) =>
  knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [TRIGGER_LOCK]);
    await trx.raw(
      `CREATE OR REPLACE FUNCTION ${FUNCTION}() RETURNS trigger AS $$ BEGIN UPDATE ${GENERATION_TABLE} SET generation = generation + 1 WHERE id = 1; RETURN NULL; END $$ LANGUAGE plpgsql`
    );
    // The counter row first, then the counts: every transaction takes them in that order.
    await trx.raw(
      `CREATE OR REPLACE FUNCTION ${ARTICLE_FUNCTION}() RETURNS trigger AS $$ BEGIN
         UPDATE ${GENERATION_TABLE} SET generation = generation + 1 WHERE id = 1;
         IF TG_OP IN ('UPDATE', 'DELETE') THEN ${countChanges(strapi, 'DELETE', 'postgres')} END IF;
         IF TG_OP IN ('INSERT', 'UPDATE') THEN ${countChanges(strapi, 'INSERT', 'postgres')} END IF;
         RETURN NULL; END $$ LANGUAGE plpgsql`
    );
    for (const { table, when, counts } of watched(strapi))
      for (const event of ['INSERT', 'UPDATE', 'DELETE'] as Event[]) {
        const name = triggerName(table, event, counts);
        // Constraint triggers (the deferrable kind) have no CREATE OR REPLACE.
        const { rows } = (await trx.raw(
          'SELECT 1 FROM pg_trigger WHERE tgname = ? AND tgrelid = to_regclass(?)',
          [name, table]
        )) as { rows: unknown[] };
        if (rows.length) continue;
        await trx.raw(
          `CREATE CONSTRAINT TRIGGER ?? AFTER ${event} ON ?? DEFERRABLE INITIALLY DEFERRED FOR EACH ROW ${when[event] ? `WHEN (${when[event]})` : ''} EXECUTE FUNCTION ${counts ? ARTICLE_FUNCTION : FUNCTION}()`,
          [name, table]
        );
      }
  });

/**
 * Counts the served articles again, at every start (a count that drifted, say while the
 * triggers were missing, is set right). In one transaction under the triggers' lock: a
 * publication committing meanwhile counts itself after this count, or is in it.
 */
const recount = (knex: Knex, strapi: Core.Strapi) =>
  knex.transaction(async (trx) => {
    if (strapi.db.dialect.client === 'postgres')
      await trx.raw('SELECT pg_advisory_xact_lock(?)', [TRIGGER_LOCK]);
    await trx.raw(`DELETE FROM ${COUNTS_TABLE}`);
    await trx.raw(
      `INSERT INTO ${COUNTS_TABLE} (locale, articles) SELECT ??, count(*) FROM ?? WHERE ?? IS NOT NULL AND ?? = 'published' GROUP BY ??`,
      [
        articleColumn(strapi, 'locale'),
        strapi.db.metadata.get(ARTICLE_UID).tableName,
        articleColumn(strapi, 'publishedAt'),
        articleColumn(strapi, 'workflowState'),
        articleColumn(strapi, 'locale'),
      ]
    );
  });

/**
 * Creates the generation row and its triggers (idempotent, and again at every start: a table
 * that SQLite rebuilt for a schema change lost its triggers). Returns whether they hold: when
 * they cannot be made (another database, no rights), the delivery cache reads the published rows
 * themselves, as before, and stays correct.
 */
export const ensurePublicGeneration = async (strapi: Core.Strapi): Promise<boolean> => {
  const knex = strapi.db.connection;
  const client = strapi.db.dialect.client;
  if (client !== 'sqlite' && client !== 'postgres') return false;
  try {
    await knex.raw(
      `CREATE TABLE IF NOT EXISTS ${GENERATION_TABLE} (id integer PRIMARY KEY, generation bigint NOT NULL)`
    );
    await knex.raw(
      `INSERT INTO ${GENERATION_TABLE} (id, generation) VALUES (1, 0) ON CONFLICT DO NOTHING`
    );
    await knex.raw(
      `CREATE TABLE IF NOT EXISTS ${COUNTS_TABLE} (locale varchar(255) PRIMARY KEY, articles bigint NOT NULL)`
    );
    // Triggers of an earlier kind (without the counts) are dropped for the new ones.
    for (const { table, counts } of watched(strapi))
      if (counts)
        for (const event of ['INSERT', 'UPDATE', 'DELETE'] as Event[])
          await knex.raw(`DROP TRIGGER IF EXISTS ?? ${client === 'postgres' ? 'ON ??' : ''}`, [
            triggerName(table, event),
            ...(client === 'postgres' ? [table] : []),
          ]);
    if (client === 'sqlite') await ensureSqlite(knex, strapi);
    else await ensurePostgres(knex, strapi);
    await recount(knex, strapi);
    return true;
  } catch (error) {
    strapi.log.error(
      `[newsroom] the delivery cache's change counter could not be set up (${(error as Error).message}); it counts the published rows on each request instead`
    );
    return false;
  }
};
