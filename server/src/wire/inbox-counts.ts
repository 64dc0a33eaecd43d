/**
 * The inbox's totals, kept by the database (see platform/kept-counts.ts): wire items per
 * status and agency. The first page, one status, one agency or both then cost a read of a few
 * rows however long the wire is.
 */
import type { Core } from '@strapi/strapi';
import { ensureKeptCount, MISSING_KEY, type KeptCount } from '../platform/kept-counts';
import { WIRE_ITEM_UID } from '../platform/domain/uids';

/** The Strapi instances whose counts hold. */
const holding = new WeakSet<Core.Strapi>();

const inboxCount = (strapi: Core.Strapi): KeptCount => {
  const meta = strapi.db.metadata.get(WIRE_ITEM_UID);
  const column = (name: string) =>
    (meta.attributes[name] as { columnName?: string }).columnName ?? name;
  return {
    name: 'newsroom_inbox_counts',
    source: meta.tableName,
    // The agency is the code the item carries: the ingest alone writes it, with the agency link,
    // and an agency's code never changes (platform/records.ts), so the two agree.
    keys: [
      { name: 'status', column: column('status') },
      { name: 'agency', column: column('agencyCode') },
    ],
    counted: (row) => `${row}.id IS NOT NULL`,
  };
};

/** Sets the counts up at bootstrap; until then, and where they cannot be made, totals are counted. */
export const keepInboxCounts = async (strapi: Core.Strapi) => {
  if (await ensureKeptCount(strapi, inboxCount(strapi))) holding.add(strapi);
  else holding.delete(strapi);
};

/**
 * Wire items with `status` and of `agency` (any when absent), from the kept counts; null where
 * they do not hold. Rows missing either are kept under '-', which no filter names.
 */
export const inboxTotal = async (
  strapi: Core.Strapi,
  filter: { status?: string; agency?: string }
): Promise<number | null> => {
  if (!holding.has(strapi) || filter.status === MISSING_KEY || filter.agency === MISSING_KEY)
    return null;
  const q = strapi.db.connection(inboxCount(strapi).name).sum({ n: 'n' });
  if (filter.status) q.where({ status: filter.status });
  if (filter.agency) q.where({ agency: filter.agency });
  const [row] = (await q) as Array<{ n: number | string | null }>;
  return Number(row?.n ?? 0);
};
