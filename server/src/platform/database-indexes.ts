import type { Core } from '@strapi/strapi';
import {
  AGENCY_UID,
  ARTICLE_UID,
  EDIT_LOCK_UID,
  PUBLISHED_VERSION_UID,
  PUSH_DELIVERY_UID,
  RENDITION_JOB_UID,
  RUBRIC_UID,
  WIRE_ITEM_UID,
  WORKFLOW_EVENT_UID,
} from './domain/uids';
import { asIngest } from './writers';

const WIRE_FILTER_INDEX = 'newsroom_wire_items_filters_idx';

interface Index {
  uid: string;
  name: string;
  attributes: string[];
  /** Held by the database: a second equal row is refused, whatever the writers do at the same moment. */
  unique?: boolean;
  /** Partial index: only rows where this attribute is null (`null`) or set (`notNull`). */
  where?: { attribute: string; is: 'null' | 'notNull' };
}

const INDEXES: Index[] = [
  // One stored item per agency item version, and per agency text when the copy has no guid:
  // concurrent resends of the same copy cannot both be stored.
  {
    uid: WIRE_ITEM_UID,
    name: 'newsroom_wire_items_version_uq',
    attributes: ['agencyCode', 'agencyGuid', 'agencyVersion'],
    unique: true,
    where: { attribute: 'agencyGuid', is: 'notNull' },
  },
  {
    uid: WIRE_ITEM_UID,
    name: 'newsroom_wire_items_text_uq',
    attributes: ['agencyCode', 'contentHash'],
    unique: true,
    where: { attribute: 'agencyGuid', is: 'null' },
  },
  { uid: WIRE_ITEM_UID, name: 'newsroom_wire_items_received_idx', attributes: ['receivedAt'] },
  // The inbox's filters, probed per search match by id: answered from the index alone, never
  // from the item's row (on SQLite, reaching `status` in a row walks past its stored copy).
  {
    uid: WIRE_ITEM_UID,
    name: WIRE_FILTER_INDEX,
    attributes: ['id', 'status', 'receivedAt', 'urgency', 'agencyCode'],
  },
  // The inbox of one agency, or of one agency and status, newest first.
  {
    uid: WIRE_ITEM_UID,
    name: 'newsroom_wire_items_agency_idx',
    attributes: ['agencyCode', 'status', 'receivedAt', 'id'],
  },
  // Which rows of a document are published, and in what state: a search's check of each match
  // (may a reader see it?) answered from the index alone, never from the article's wide row.
  {
    uid: ARTICLE_UID,
    name: 'newsroom_articles_state_idx',
    attributes: ['documentId', 'locale', 'publishedAt', 'workflowState'],
  },
  // Readers' list, newest first per locale: the first page read from the index's end, however
  // many articles the archive holds.
  {
    uid: ARTICLE_UID,
    name: 'newsroom_articles_public_list_idx',
    attributes: ['locale', 'workflowState', 'firstPublishedAt', 'id'],
    where: { attribute: 'publishedAt', is: 'notNull' },
  },
  // An article by its address.
  {
    uid: ARTICLE_UID,
    name: 'newsroom_articles_public_slug_idx',
    attributes: ['slug', 'locale'],
    where: { attribute: 'publishedAt', is: 'notNull' },
  },
  // The board's columns: the working copies of a state, most recently changed first.
  {
    uid: ARTICLE_UID,
    name: 'newsroom_articles_board_idx',
    attributes: ['locale', 'workflowState', 'updatedAt', 'id'],
    where: { attribute: 'publishedAt', is: 'null' },
  },
  // The dashboard's window of first publications.
  {
    uid: ARTICLE_UID,
    name: 'newsroom_articles_first_published_idx',
    attributes: ['firstPublishedAt'],
    where: { attribute: 'publishedAt', is: 'null' },
  },
  // A story's history, and who moved it last.
  {
    uid: WORKFLOW_EVENT_UID,
    name: 'newsroom_workflow_events_article_idx',
    attributes: ['articleDocumentId', 'articleLocale', 'id'],
  },
  // The next scheduled change, read by every delivery request: the first entry of this index.
  {
    uid: ARTICLE_UID,
    name: 'newsroom_articles_schedule_idx',
    attributes: ['workflowState', 'scheduledAt'],
    where: { attribute: 'publishedAt', is: 'null' },
  },
  { uid: AGENCY_UID, name: 'newsroom_agencies_code_uq', attributes: ['code'], unique: true },
  { uid: RUBRIC_UID, name: 'newsroom_rubrics_name_uq', attributes: ['name'], unique: true },
  {
    uid: RENDITION_JOB_UID,
    name: 'newsroom_rendition_jobs_status_idx',
    attributes: ['status', 'id'],
  },
  { uid: RENDITION_JOB_UID, name: 'newsroom_rendition_jobs_run_idx', attributes: ['runId'] },
  // One lock per article locale: of two tabs taking a free lock at once, one insert wins.
  {
    uid: EDIT_LOCK_UID,
    name: 'newsroom_edit_locks_article_uq',
    attributes: ['articleDocumentId', 'articleLocale'],
    unique: true,
  },
  // One delivery per event per subscriber, however many processes record or resend it.
  {
    uid: PUSH_DELIVERY_UID,
    name: 'newsroom_push_deliveries_key_uq',
    attributes: ['idempotencyKey'],
    unique: true,
  },
  {
    uid: PUSH_DELIVERY_UID,
    name: 'newsroom_push_deliveries_due_idx',
    attributes: ['status', 'id'],
  },
  {
    uid: PUSH_DELIVERY_UID,
    name: 'newsroom_push_deliveries_article_idx',
    attributes: ['subscriberId', 'articleDocumentId', 'articleLocale', 'id'],
  },
  {
    uid: PUBLISHED_VERSION_UID,
    name: 'newsroom_published_versions_number_uq',
    attributes: ['articleDocumentId', 'articleLocale', 'number'],
    unique: true,
  },
];

/** Indexes of earlier versions that the unique ones above replace. */
const RETIRED = [
  'newsroom_wire_items_guid_idx',
  'newsroom_wire_items_hash_idx',
  // The filter index before it held the agency code.
  'newsroom_wire_items_filter_idx',
];

/** Wire items stored before the agency code was kept on the item itself get it from their agency. */
const backfillAgencyCodes = async (strapi: Core.Strapi) => {
  const items = strapi.db.query(WIRE_ITEM_UID);
  for (;;) {
    const batch: Array<{ id: number; agency: { code: string } | null }> = await items.findMany({
      select: ['id'],
      where: { agencyCode: null, agency: { id: { $notNull: true } } },
      populate: { agency: { select: ['code'] } },
      limit: 500,
    });
    if (!batch.length) return;
    await asIngest(async () => {
      for (const item of batch)
        await items.update({
          where: { id: item.id },
          data: { agencyCode: item.agency?.code ?? null },
        });
    });
  }
};

/**
 * SQLite's planner, knowing nothing of an index, expects ten rows per id in it and looks the
 * row up by its id instead: the filter index above would go unused. One statistics row says
 * what is true of it (one row per id), as `ANALYZE` would after reading the whole table, and
 * `ANALYZE sqlite_schema` has the planner read it. The row count in it is a fixed large one, not
 * today's: a newsroom that starts empty and fills without a restart must not be planned as a
 * table of one row (SQLite then re-reads a filter's subquery for every match).
 */
const describeFilterIndex = async (strapi: Core.Strapi) => {
  if (strapi.db.dialect.client !== 'sqlite') return;
  const knex = strapi.db.connection;
  await knex.raw('ANALYZE sqlite_schema'); // creates sqlite_stat1 when missing
  await knex('sqlite_stat1').where({ idx: WIRE_FILTER_INDEX }).delete();
  await knex('sqlite_stat1').insert({
    tbl: strapi.db.metadata.get(WIRE_ITEM_UID).tableName,
    idx: WIRE_FILTER_INDEX,
    stat: '1000000 1 1 1 1 1',
  });
  await knex.raw('ANALYZE sqlite_schema');
};

/**
 * Creates the plugin's indexes when missing (SQLite and PostgreSQL both know IF NOT EXISTS
 * and partial indexes). A unique index that existing rows break is reported, not forced.
 */
export const ensureIndexes = async (strapi: Core.Strapi) => {
  await backfillAgencyCodes(strapi);
  const knex = strapi.db.connection;
  for (const name of RETIRED) await knex.raw('DROP INDEX IF EXISTS ??', [name]);
  for (const index of INDEXES) {
    const meta = strapi.db.metadata.get(index.uid);
    const column = (a: string) => (meta.attributes[a] as { columnName?: string }).columnName ?? a;
    const columns = index.attributes.map(column);
    const where = index.where
      ? ` WHERE ?? IS ${index.where.is === 'null' ? 'NULL' : 'NOT NULL'}`
      : '';
    try {
      await knex.raw(
        `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ?? ON ?? (${columns.map(() => '??').join(', ')})${where}`,
        [
          index.name,
          meta.tableName,
          ...columns,
          ...(index.where ? [column(index.where.attribute)] : []),
        ]
      );
    } catch (error) {
      strapi.log.error(
        `[newsroom] index ${index.name} could not be created (${(error as Error).message}); remove the duplicate rows it names and restart`
      );
    }
  }
  // Only the planner's choice depends on it: a failure costs speed, never the start.
  await describeFilterIndex(strapi).catch((error: Error) =>
    strapi.log.warn(
      `[newsroom] the filter index's statistics could not be written: ${error.message}`
    )
  );
};
