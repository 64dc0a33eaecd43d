/**
 * Retention of wire copy: untaken agency copy older than `wire.retentionDays` is purged by a
 * daily job. Taken copy is the source of articles and stays, with every version of its story
 * (an article's "wire update" and its diff point at them).
 *
 * "With their pictures": wire items hold no files. Pictures named in the copy are fetched and
 * uploaded only when an item is taken (`images/picture-fetch.ts`), and then belong to the
 * article, whose item is kept. The purge refuses to run if a wire item ever gets a relation
 * to uploaded files (`layoutOf`), so that such files are not left behind unnoticed.
 *
 * The rows go with Knex, beneath the records hold (`platform/records.ts`) that keeps every
 * other writer from deleting agency copy, and without document-service events per item: a
 * million of them would be a million webhooks.
 */
import { getService } from '../platform/services';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { NewsroomConfig } from '../config';
import { FILE_UID, WIRE_ITEM_UID } from '../platform/domain/uids';
import { retentionCutoff } from './domain/retention';

export interface PurgeOptions {
  /** Item ids per delete statement: bounds memory and how long each transaction holds rows. */
  batchSize?: number;
  /** Overrides `wire.retentionDays` (0: nothing is purged). */
  retentionDays?: number;
}

interface JoinTableMeta {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn?: { name: string };
}
interface AttributeMeta {
  type: string;
  columnName?: string;
  target?: string;
  joinTable?: JoinTableMeta;
}
interface ModelMeta {
  uid: string;
  tableName: string;
  attributes: Record<string, AttributeMeta>;
}

/** A link table and its column holding the wire item's id. */
interface Link {
  table: string;
  itemColumn: string;
}

/** Table and column names as Strapi laid them out (read from its metadata, never assumed). */
const layoutOf = (strapi: Core.Strapi) => {
  const models = [...strapi.db.metadata.values()] as unknown as ModelMeta[];
  const item = strapi.db.metadata.get(WIRE_ITEM_UID) as unknown as ModelMeta;
  const column = (attribute: string) => item.attributes[attribute].columnName ?? attribute;
  const relations = Object.values(item.attributes).filter((a) => a.type === 'relation');
  if (
    relations.some((a) => a.target === FILE_UID) ||
    Object.values(item.attributes).some((a) => a.type === 'media')
  ) {
    throw new Error(
      'Wire items hold uploaded files now: purge them through the upload service before deleting the items'
    );
  }
  // The item's own links (its agency): they go with the item.
  const owned: Link[] = relations
    .filter((a) => a.joinTable)
    .map((a) => ({ table: a.joinTable!.name, itemColumn: a.joinTable!.joinColumn.name }));
  // Other records' links to an item (an article's source): an item something links to is kept.
  const linkedFrom: Link[] = models.flatMap((model) =>
    Object.values(model.attributes)
      .filter(
        (a) =>
          a.type === 'relation' &&
          a.target === WIRE_ITEM_UID &&
          a.joinTable?.inverseJoinColumn &&
          !owned.some((link) => link.table === a.joinTable!.name)
      )
      .map((a) => ({ table: a.joinTable!.name, itemColumn: a.joinTable!.inverseJoinColumn!.name }))
  );
  return {
    table: item.tableName,
    id: column('id'),
    receivedAt: column('receivedAt'),
    status: column('status'),
    articleDocumentId: column('articleDocumentId'),
    agencyCode: column('agencyCode'),
    agencyGuid: column('agencyGuid'),
    owned,
    linkedFrom,
  };
};

type Layout = ReturnType<typeof layoutOf>;

/**
 * Limits `query` (on the wire item table as `w`) to the items that may go. An item counts as
 * taken when its status says so or when it carries an article link: a taken item that a newer
 * agency version superseded keeps its `articleDocumentId` but not its status, and an item
 * being taken carries a claim. A story (agency code and guid) with any taken item is kept whole.
 */
const purgeable = (knex: Knex, query: Knex.QueryBuilder, layout: Layout, cutoff: Date) => {
  const w = (column: string) => `w.${column}`;
  const t = (column: string) => `t.${column}`;
  query
    .where(w(layout.receivedAt), '<', cutoff)
    .whereNot(w(layout.status), 'taken')
    .whereNull(w(layout.articleDocumentId))
    .whereNotExists(
      knex
        .select(knex.raw('1'))
        .from({ t: layout.table })
        .whereNotNull(w(layout.agencyGuid)) // copy without a guid is a story of its own
        .where(t(layout.agencyCode), knex.ref(w(layout.agencyCode)))
        .where(t(layout.agencyGuid), knex.ref(w(layout.agencyGuid)))
        .where((taken) =>
          taken.where(t(layout.status), 'taken').orWhereNotNull(t(layout.articleDocumentId))
        )
    );
  for (const link of layout.linkedFrom) {
    query.whereNotExists(
      knex
        .select(knex.raw('1'))
        .from({ l: link.table })
        .where(`l.${link.itemColumn}`, knex.ref(w(layout.id)))
    );
  }
  return query;
};

/** Lets requests in between batches (better-sqlite3 answers synchronously). */
const yieldToRequests = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Deletes the wire items that are past retention at `now`, and their agency links; returns
 * how many went. Batches of `batchSize` ids, each deleted in a short transaction of its own,
 * so a million items never sit in memory and no lock is held for long. Each batch checks the
 * item again as it deletes: an item taken meanwhile stays. Running it in several processes at
 * once is harmless (a row deleted twice is deleted once). Throws when wire items hold files.
 */
export const purgeWireItems = async (
  strapi: Core.Strapi,
  now: Date,
  options: PurgeOptions = {}
): Promise<number> => {
  const config = (strapi.config.get('plugin::newsroom') as NewsroomConfig).wire;
  const cutoff = retentionCutoff(now, options.retentionDays ?? config.retentionDays);
  if (!cutoff) return 0;
  const batchSize = options.batchSize ?? 5000;
  const layout = layoutOf(strapi);
  const knex = strapi.db.connection;

  let purged = 0;
  let after = 0; // ids only grow: rows kept are passed once, not read again each batch
  for (;;) {
    const rows: Array<{ id: number }> = await purgeable(
      knex,
      knex({ w: layout.table }).select({ id: `w.${layout.id}` }),
      layout,
      cutoff
    )
      .where(`w.${layout.id}`, '>', after)
      .orderBy(`w.${layout.id}`)
      .limit(batchSize);
    if (!rows.length) return purged;
    const ids = rows.map((row) => Number(row.id));
    after = ids[ids.length - 1];
    purged += await knex.transaction(async (trx) => {
      // The item's own columns are checked again, as a take claims the item by them: an item
      // taken since the select stays. (The story is not checked again: its probe of the whole
      // table per batch made PostgreSQL hash the table each time.)
      const deleted: number = await trx(layout.table)
        .whereIn(layout.id, ids)
        .where(layout.receivedAt, '<', cutoff)
        .whereNot(layout.status, 'taken')
        .whereNull(layout.articleDocumentId)
        .del();
      const stayed = new Set(
        (await trx(layout.table).whereIn(layout.id, ids).pluck(layout.id)).map(Number)
      );
      const gone = ids.filter((id) => !stayed.has(id));
      // Deleted here without the query engine, so without its lifecycles: the search entries go too.
      await getService('search-index', strapi).removeWireItems(gone, trx);
      // Strapi's foreign keys may have removed them already; the rule does not count on it.
      for (const link of layout.owned) await trx(link.table).whereIn(link.itemColumn, gone).del();
      return deleted;
    });
    await yieldToRequests();
  }
};

/**
 * Registers the daily purge with Strapi's cron (03:30 server time). Runs where `wire.purgeJob`
 * is on and `wire.retentionDays` is above 0; several processes may run it at once.
 */
export const registerWirePurge = (strapi: Core.Strapi) => {
  const { purgeJob, retentionDays } = (strapi.config.get('plugin::newsroom') as NewsroomConfig)
    .wire;
  if (!purgeJob || retentionDays === 0) return;
  let running = false;
  strapi.cron.add({
    'newsroom-wire-purge': {
      options: { rule: '0 30 3 * * *' },
      task: async () => {
        if (running) return; // a purge still going a day later is not overlapped by the next
        running = true;
        const started = Date.now();
        try {
          const purged = await purgeWireItems(strapi, new Date());
          strapi.log.info(
            `[newsroom] wire retention purged ${purged} wire item(s) older than ${retentionDays} day(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`
          );
        } catch (error) {
          strapi.log.error(`[newsroom] wire retention purge failed: ${(error as Error).message}`);
        } finally {
          running = false;
        }
      },
    },
  });
};
