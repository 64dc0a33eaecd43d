/**
 * The inbox's totals, kept by the database (see platform/kept-counts.ts): wire items per
 * status. The first page, or one status, then costs one row read however long the wire is.
 */
import type { Core } from '@strapi/strapi';
import { ensureKeptCount, type KeptCount } from '../platform/kept-counts';
import { WIRE_ITEM_UID } from '../platform/domain/uids';

/** The Strapi instances whose counts hold. */
const holding = new WeakSet<Core.Strapi>();

const inboxCount = (strapi: Core.Strapi): KeptCount => {
  const meta = strapi.db.metadata.get(WIRE_ITEM_UID);
  const status = (meta.attributes.status as { columnName?: string }).columnName ?? 'status';
  return {
    name: 'newsroom_inbox_counts',
    source: meta.tableName,
    keys: [{ name: 'status', column: status }],
    // Every item counts; an item without a status is kept under ''.
    counted: (row) => `${row}.id IS NOT NULL`,
  };
};

/** Sets the counts up at bootstrap; until then, and where they cannot be made, totals are counted. */
export const keepInboxCounts = async (strapi: Core.Strapi) => {
  if (await ensureKeptCount(strapi, inboxCount(strapi))) holding.add(strapi);
  else holding.delete(strapi);
};

/** Wire items with `status` (any status when absent), from the kept counts; null where they do not hold. */
export const inboxTotal = async (strapi: Core.Strapi, status?: string): Promise<number | null> => {
  if (!holding.has(strapi)) return null;
  const q = strapi.db.connection(inboxCount(strapi).name).sum({ n: 'n' }).whereNot('status', '');
  if (status) q.where({ status });
  const [row] = (await q) as Array<{ n: number | string | null }>;
  return Number(row?.n ?? 0);
};
