import type { Core } from '@strapi/strapi';
import type { HistoryAction } from '../../../shared/contracts/workflow';
import { WORKFLOW_EVENT_UID } from '../platform/domain/uids';

export interface LastMove {
  action: HistoryAction;
  actorName: string;
  at: string;
  note: string | null;
}

/**
 * Who moved each story last, in `locale`: one event per story, the newest (events only grow,
 * so the highest id), read in two bounded queries however long the stories' histories are.
 */
export const lastMoves = async (
  strapi: Core.Strapi,
  documentIds: string[],
  locale: string
): Promise<Map<string, LastMove>> => {
  const moves = new Map<string, LastMove>();
  if (!documentIds.length) return moves;
  const meta = strapi.db.metadata.get(WORKFLOW_EVENT_UID);
  const column = (attribute: string) =>
    (meta.attributes[attribute] as { columnName?: string }).columnName ?? attribute;
  const newest = (await strapi.db
    .connection(meta.tableName)
    .max({ id: 'id' })
    .whereIn(column('articleDocumentId'), [...new Set(documentIds)])
    .andWhere(column('articleLocale'), locale)
    .groupBy(column('articleDocumentId'))) as Array<{ id: number }>;
  if (!newest.length) return moves;
  const rows = (await strapi.db.query(WORKFLOW_EVENT_UID).findMany({
    select: ['articleDocumentId', 'action', 'actorName', 'at', 'note'],
    where: { id: { $in: newest.map((row) => row.id) } },
  })) as Array<LastMove & { articleDocumentId: string }>;
  for (const { articleDocumentId, action, actorName, at, note } of rows)
    moves.set(articleDocumentId, { action, actorName, at, note });
  return moves;
};
