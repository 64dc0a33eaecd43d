/**
 * The archive is the legal record of what readers were served: a snapshot is written once, by
 * the workflow, and never changed or deleted — not through the document service, not through
 * `strapi.db.query()`, and not in SQL either: database triggers refuse UPDATE, DELETE and
 * TRUNCATE on its table whoever connects.
 */
import type { Core } from '@strapi/strapi';
import { Refusal } from '../platform/domain/refusal';
import { PUBLISHED_VERSION_UID } from '../platform/domain/uids';
import { DOCUMENT_READS } from '../platform/records';
import { inWorkflow } from '../platform/writers';

const REFUSED =
  'Published versions are the legal record of what readers were served: they are never changed or deleted';

const refusal = () => new Refusal(403, REFUSED);

export const holdArchive = (strapi: Core.Strapi) => {
  strapi.documents.use(async (context, next) => {
    // Snapshots are read through the archive's routes alone, behind their own permission.
    if (context.uid === PUBLISHED_VERSION_UID)
      throw DOCUMENT_READS.has(context.action)
        ? new Refusal(
            403,
            'Published versions are read in the article panel (GET /newsroom/articles/:documentId/versions)'
          )
        : refusal();
    return next();
  });
  strapi.db.lifecycles.subscribe({
    models: [PUBLISHED_VERSION_UID],
    async beforeCreate() {
      if (!inWorkflow()) throw refusal();
    },
    async beforeCreateMany() {
      if (!inWorkflow()) throw refusal();
    },
    beforeUpdate: async () => {
      throw refusal();
    },
    beforeUpdateMany: async () => {
      throw refusal();
    },
    beforeDelete: async () => {
      throw refusal();
    },
    beforeDeleteMany: async () => {
      throw refusal();
    },
  });
};

/** Any fixed number: the advisory lock that lets one process at a time (re)create the triggers. */
const TRIGGER_LOCK = 7_227_014;

/**
 * Creates the triggers that hold the archive's table in the database itself (idempotent). Several
 * processes start at once behind a load balancer: on PostgreSQL an advisory lock takes them one
 * at a time (concurrent `CREATE OR REPLACE` of one function fails), and a failure is logged, not
 * fatal: the plugin's own holds stay.
 */
export const ensureArchiveTriggers = async (strapi: Core.Strapi) => {
  const knex = strapi.db.connection;
  const table = strapi.db.metadata.get(PUBLISHED_VERSION_UID).tableName;
  const client = strapi.db.dialect.client;
  try {
    if (client === 'sqlite') {
      for (const event of ['UPDATE', 'DELETE']) {
        await knex.raw(
          `CREATE TRIGGER IF NOT EXISTS ?? BEFORE ${event} ON ?? BEGIN SELECT RAISE(ABORT, '${REFUSED}'); END`,
          [`${table}_no_${event.toLowerCase()}`, table]
        );
      }
      return;
    }
    if (client === 'postgres') {
      await knex.transaction(async (trx) => {
        await trx.raw('SELECT pg_advisory_xact_lock(?)', [TRIGGER_LOCK]);
        await trx.raw(
          `CREATE OR REPLACE FUNCTION newsroom_refuse_archive_change() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '${REFUSED}' USING ERRCODE = 'insufficient_privilege'; END $$ LANGUAGE plpgsql`
        );
        await trx.raw(
          `CREATE OR REPLACE TRIGGER ?? BEFORE UPDATE OR DELETE ON ?? FOR EACH ROW EXECUTE FUNCTION newsroom_refuse_archive_change()`,
          [`${table}_immutable`, table]
        );
        await trx.raw(
          `CREATE OR REPLACE TRIGGER ?? BEFORE TRUNCATE ON ?? FOR EACH STATEMENT EXECUTE FUNCTION newsroom_refuse_archive_change()`,
          [`${table}_no_truncate`, table]
        );
      });
      return;
    }
    strapi.log.warn(
      `[newsroom] the ${client} database gets no triggers on ${table}; the archive is held by the plugin only`
    );
  } catch (error) {
    strapi.log.error(
      `[newsroom] the archive's database triggers could not be created (${(error as Error).message}); the plugin's own holds stay, and the next start tries again`
    );
  }
};
