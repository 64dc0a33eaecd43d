import type { Core } from '@strapi/strapi';
import { RENDITION_JOB_UID, WIRE_ITEM_UID } from './domain/uids';

/** Lookups the wire ingest makes for every item; without indexes each one scans the table. */
const INDEXES: Array<{ uid: string; name: string; attributes: string[] }> = [
  { uid: WIRE_ITEM_UID, name: 'newsroom_wire_items_guid_idx', attributes: ['agencyGuid', 'agencyVersion'] },
  { uid: WIRE_ITEM_UID, name: 'newsroom_wire_items_hash_idx', attributes: ['contentHash'] },
  { uid: WIRE_ITEM_UID, name: 'newsroom_wire_items_received_idx', attributes: ['receivedAt'] },
  { uid: RENDITION_JOB_UID, name: 'newsroom_rendition_jobs_status_idx', attributes: ['status', 'id'] },
  { uid: RENDITION_JOB_UID, name: 'newsroom_rendition_jobs_run_idx', attributes: ['runId'] },
];

/** Creates the plugin's secondary indexes when missing (SQLite and PostgreSQL both know IF NOT EXISTS). */
export const ensureIndexes = async (strapi: Core.Strapi) => {
  for (const index of INDEXES) {
    const meta = strapi.db.metadata.get(index.uid);
    const columns = index.attributes.map((a) => (meta.attributes[a] as { columnName?: string }).columnName ?? a);
    await strapi.db.connection.raw(
      `CREATE INDEX IF NOT EXISTS ?? ON ?? (${columns.map(() => '??').join(', ')})`,
      [index.name, meta.tableName, ...columns]
    );
  }
};
