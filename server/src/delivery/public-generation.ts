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
const FUNCTION = 'newsroom_public_changed';
/** Any fixed number: the advisory lock that lets one process at a time create the triggers. */
const TRIGGER_LOCK = 7_227_015;

type Event = 'INSERT' | 'UPDATE' | 'DELETE';

/** Which rows' changes count, per table and event: a condition on OLD and NEW, or every row. */
const watched = (strapi: Core.Strapi) => {
  const table = (uid: string) => strapi.db.metadata.get(uid).tableName;
  const published = (
    strapi.db.metadata.get(ARTICLE_UID).attributes.publishedAt as { columnName?: string }
  ).columnName;
  const column = published ?? 'published_at';
  const everyRow: Record<Event, string | null> = { INSERT: null, UPDATE: null, DELETE: null };
  return [
    {
      table: table(ARTICLE_UID),
      when: {
        INSERT: `NEW.${column} IS NOT NULL`,
        UPDATE: `OLD.${column} IS NOT NULL OR NEW.${column} IS NOT NULL`,
        DELETE: `OLD.${column} IS NOT NULL`,
      } as Record<Event, string | null>,
    },
    { table: table(AGENCY_UID), when: everyRow },
    { table: table(RUBRIC_UID), when: everyRow },
    { table: table('plugin::upload.file'), when: everyRow },
  ];
};

const triggerName = (table: string, event: Event) =>
  `${table}_public_${event.toLowerCase()}`.slice(0, 63);

const ensureSqlite = async (knex: Knex, strapi: Core.Strapi) => {
  for (const { table, when } of watched(strapi))
    for (const event of ['INSERT', 'UPDATE', 'DELETE'] as Event[])
      await knex.raw(
        `CREATE TRIGGER IF NOT EXISTS ?? AFTER ${event} ON ?? ${when[event] ? `WHEN ${when[event]}` : ''}
         BEGIN UPDATE ${GENERATION_TABLE} SET generation = generation + 1 WHERE id = 1; END`,
        [triggerName(table, event), table]
      );
};

const ensurePostgres = (knex: Knex, strapi: Core.Strapi) =>
  knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [TRIGGER_LOCK]);
    await trx.raw(
      `CREATE OR REPLACE FUNCTION ${FUNCTION}() RETURNS trigger AS $$ BEGIN UPDATE ${GENERATION_TABLE} SET generation = generation + 1 WHERE id = 1; RETURN NULL; END $$ LANGUAGE plpgsql`
    );
    for (const { table, when } of watched(strapi))
      for (const event of ['INSERT', 'UPDATE', 'DELETE'] as Event[]) {
        const name = triggerName(table, event);
        // Constraint triggers (the deferrable kind) have no CREATE OR REPLACE.
        const { rows } = (await trx.raw(
          'SELECT 1 FROM pg_trigger WHERE tgname = ? AND tgrelid = to_regclass(?)',
          [name, table]
        )) as { rows: unknown[] };
        if (rows.length) continue;
        await trx.raw(
          `CREATE CONSTRAINT TRIGGER ?? AFTER ${event} ON ?? DEFERRABLE INITIALLY DEFERRED FOR EACH ROW ${when[event] ? `WHEN (${when[event]})` : ''} EXECUTE FUNCTION ${FUNCTION}()`,
          [name, table]
        );
      }
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
    if (client === 'sqlite') await ensureSqlite(knex, strapi);
    else await ensurePostgres(knex, strapi);
    return true;
  } catch (error) {
    strapi.log.error(
      `[newsroom] the delivery cache's change counter could not be set up (${(error as Error).message}); it counts the published rows on each request instead`
    );
    return false;
  }
};
