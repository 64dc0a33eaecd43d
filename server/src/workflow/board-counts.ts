/**
 * The board's column counts, kept by the database (see platform/kept-counts.ts): working copies
 * per locale and state. A column of a large archive (Published, Killed) is then one row read,
 * not a count of every story ever published.
 */
import type { Core } from '@strapi/strapi';
import { MISSING_KEY, ensureKeptCount, type KeptCount } from '../platform/kept-counts';
import { ARTICLE_UID } from '../platform/domain/uids';

/** The Strapi instances whose counts hold. */
const holding = new WeakSet<Core.Strapi>();

const boardCount = (strapi: Core.Strapi): KeptCount => {
  const meta = strapi.db.metadata.get(ARTICLE_UID);
  const column = (attribute: string) =>
    (meta.attributes[attribute] as { columnName?: string }).columnName ?? attribute;
  return {
    name: 'newsroom_board_counts',
    source: meta.tableName,
    keys: [
      { name: 'locale', column: column('locale') },
      { name: 'state', column: column('workflowState') },
    ],
    // The board shows working copies: the rows that are not a published version.
    counted: (row) => `${row}.${column('publishedAt')} IS NULL`,
  };
};

/** Sets the counts up at bootstrap; until then, and where they cannot be made, columns are counted. */
export const keepBoardCounts = async (strapi: Core.Strapi) => {
  if (await ensureKeptCount(strapi, boardCount(strapi))) holding.add(strapi);
  else holding.delete(strapi);
};

/** Working copies of `locale` per state, from the kept counts; null where they do not hold. */
export const boardCounts = async (
  strapi: Core.Strapi,
  locale: string
): Promise<Map<string, number> | null> => {
  if (!holding.has(strapi) || locale === MISSING_KEY) return null;
  const count = boardCount(strapi);
  const rows = (await strapi.db
    .connection(count.name)
    .select('state', 'n')
    .where({ locale })) as Array<{ state: string; n: number | string }>;
  return new Map(rows.map((row) => [row.state, Number(row.n)]));
};
