/**
 * What readers are served changes only when a published article row, an agency, a rubric or a
 * media file changes. Database triggers count those changes in one row, in the transaction that
 * makes them, whoever writes (the workflow, the Content Manager, the Media Library, plain SQL):
 * the delivery routes read that one row to know whether an answer they keep is current, at the
 * same cost however many articles are published. The same way, the database keeps how many
 * articles each locale serves: the readers' list's total. See platform/kept-counts.ts for how
 * the triggers run (on PostgreSQL at commit, under one lock) and are kept current.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { AGENCY_UID, ARTICLE_UID, RUBRIC_UID } from '../platform/domain/uids';
import {
  EVENTS,
  FIGURES_LOCK,
  LOCK_FIGURES,
  ensureKeptCount,
  installTriggers,
  type Dialect,
  type KeptCount,
  type TriggerSet,
} from '../platform/kept-counts';

export const GENERATION_TABLE = 'newsroom_public_generation';
/** Served articles per locale (`locale`, `n`): the readers' list's total. */
export const COUNTS_TABLE = 'newsroom_public_counts';

const BUMP = `UPDATE ${GENERATION_TABLE} SET generation = generation + 1 WHERE id = 1;`;

const articleColumn = (strapi: Core.Strapi, attribute: string) =>
  (strapi.db.metadata.get(ARTICLE_UID).attributes[attribute] as { columnName?: string })
    .columnName ?? attribute;

/** Articles readers are served: published rows in the `published` state, per locale. */
const servedCount = (strapi: Core.Strapi): KeptCount => ({
  name: COUNTS_TABLE,
  source: strapi.db.metadata.get(ARTICLE_UID).tableName,
  keys: [{ name: 'locale', column: articleColumn(strapi, 'locale') }],
  counted: (row) =>
    `${row}.${articleColumn(strapi, 'publishedAt')} IS NOT NULL AND ${row}.${articleColumn(strapi, 'workflowState')} = 'published'`,
});

/** The counter's triggers on one table: every change, or (articles) every change of a published row. */
const generationTriggers = (table: string, published?: string): TriggerSet => {
  const always = { when: '1', body: BUMP };
  return {
    prefix: `${table}_public`,
    table,
    postgres: published
      ? `changed := false;
         IF TG_OP <> 'INSERT' THEN changed := OLD.${published} IS NOT NULL; END IF;
         IF TG_OP <> 'DELETE' THEN changed := changed OR NEW.${published} IS NOT NULL; END IF;
         IF changed THEN ${LOCK_FIGURES} ${BUMP} END IF;`
      : `${LOCK_FIGURES} ${BUMP}`,
    sqlite: published
      ? {
          INSERT: { when: `NEW.${published} IS NOT NULL`, body: BUMP },
          UPDATE: {
            when: `OLD.${published} IS NOT NULL OR NEW.${published} IS NOT NULL`,
            body: BUMP,
          },
          DELETE: { when: `OLD.${published} IS NOT NULL`, body: BUMP },
        }
      : (Object.fromEntries(EVENTS.map((event) => [event, always])) as TriggerSet['sqlite']),
  };
};

/** The Strapi instances whose counter is set up (touchPublic does nothing before). */
const ready = new WeakSet<Core.Strapi>();

/**
 * Bumps the counter by hand, in `trx`: for a change to what readers are served that no watched
 * row shows (the public search index rebuilt, say). On PostgreSQL under the figures' lock, as
 * the triggers take it. Before the counter is set up nothing is kept to go stale.
 */
export const touchPublic = async (strapi: Core.Strapi, trx: Knex) => {
  if (!ready.has(strapi)) return;
  if (strapi.db.dialect.client === 'postgres')
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [FIGURES_LOCK]);
  await trx.raw(BUMP);
};

/**
 * Creates the counter row, its triggers and the served counts (idempotent, at every start).
 * Returns whether they hold: when they cannot be made (another database, no rights), the
 * delivery cache reads the published rows themselves, as before, and stays correct.
 */
export const ensurePublicGeneration = async (strapi: Core.Strapi): Promise<boolean> => {
  const knex = strapi.db.connection;
  const dialect = strapi.db.dialect.client as Dialect;
  if (dialect !== 'sqlite' && dialect !== 'postgres') return false;
  try {
    await knex.raw(
      `CREATE TABLE IF NOT EXISTS ${GENERATION_TABLE} (id integer PRIMARY KEY, generation bigint NOT NULL)`
    );
    await knex.raw(
      `INSERT INTO ${GENERATION_TABLE} (id, generation) VALUES (1, 0) ON CONFLICT DO NOTHING`
    );
    const table = (uid: string) => strapi.db.metadata.get(uid).tableName;
    await installTriggers(
      knex,
      dialect,
      generationTriggers(table(ARTICLE_UID), articleColumn(strapi, 'publishedAt'))
    );
    for (const uid of [AGENCY_UID, RUBRIC_UID, 'plugin::upload.file'])
      await installTriggers(knex, dialect, generationTriggers(table(uid)));
    ready.add(strapi);
    return await ensureKeptCount(strapi, servedCount(strapi));
  } catch (error) {
    strapi.log.error(
      `[newsroom] the delivery cache's change counter could not be set up (${(error as Error).message}); it counts the published rows on each request instead`
    );
    return false;
  }
};
