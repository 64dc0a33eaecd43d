/**
 * Keeps the search indexes current on every write, whoever makes it (ingest, workflow, the
 * Content Manager, the document service, the query engine): database lifecycles run in the
 * writer's transaction, so an entry changes exactly when its row does. The body is in
 * component tables, which no generated column can read; reading the row back after the write
 * sees them.
 */
import type { Core } from '@strapi/strapi';
import { ARTICLE_UID, WIRE_ITEM_UID } from '../platform/domain/uids';
import { getService } from '../platform/services';

interface Event {
  params: { where?: Record<string, unknown>; data?: Record<string, unknown> };
  result?: Record<string, unknown> | null;
  state: Record<string, unknown>;
}

/** A wire item's searchable fields; an update of anything else (its status) leaves the entry be. */
const WIRE_TEXT = ['story', 'language', 'subjects', 'receivedAt', 'headline'];
const touchesWireText = (data: Record<string, unknown> | undefined) =>
  !data || WIRE_TEXT.some((field) => field in data);

type ArticleKey = { documentId: string; locale: string };

/** Article fields no index reads: a write of these alone (a claim, a version, a trail) leaves the entries be. */
const ARTICLE_PLUMBING = new Set([
  'contentVersion',
  'workflowVersion',
  'editTrail',
  'approvedDigest',
  'publicVersion',
  'wireUpdate',
  'agencyAlert',
  'scheduledAt',
  'embargoUntil',
  'killNotice',
  'corrections',
  'updatedBy',
  'updatedAt',
]);
const touchesArticleText = (data: Record<string, unknown> | undefined) =>
  !data || Object.keys(data).some((field) => !ARTICLE_PLUMBING.has(field));

export const keepSearchCurrent = (strapi: Core.Strapi) => {
  const index = () => getService('search-index', strapi);
  const wireItems = () => strapi.db.query(WIRE_ITEM_UID);
  const articles = () => strapi.db.query(ARTICLE_UID);

  const idsWhere = async (where: Record<string, unknown> | undefined) =>
    (
      (await wireItems().findMany({ select: ['id'], where: where ?? {} })) as Array<{ id: number }>
    ).map((row) => row.id);

  const keysWhere = async (where: Record<string, unknown> | undefined) => {
    const rows = (await articles().findMany({
      select: ['documentId', 'locale'],
      where: where ?? {},
    })) as ArticleKey[];
    return [...new Map(rows.map((r) => [`${r.documentId}\u0000${r.locale}`, r])).values()];
  };

  const keyOf = async (
    row: Record<string, unknown> | null | undefined
  ): Promise<ArticleKey | null> => {
    if (!row) return null;
    if (typeof row.documentId === 'string' && typeof row.locale === 'string')
      return { documentId: row.documentId, locale: row.locale };
    if (typeof row.id !== 'number') return null;
    return (await articles().findOne({
      select: ['documentId', 'locale'],
      where: { id: row.id },
    })) as ArticleKey | null;
  };

  const reindexArticles = async (keys: Array<ArticleKey | null>) => {
    for (const key of keys) if (key) await index().indexArticle(key.documentId, key.locale);
  };

  strapi.db.lifecycles.subscribe({
    models: [WIRE_ITEM_UID],
    async afterCreate(event: Event) {
      if (typeof event.result?.id !== 'number') return;
      const data = event.params.data ?? {};
      // The ingest writes the whole item at once: index what it wrote; anything else reads back.
      if ('story' in data) await index().indexNewWireItem(event.result.id, data);
      else await index().indexWireItem(event.result.id);
    },
    async afterCreateMany(event: Event) {
      const ids = (event.result as { ids?: number[] } | undefined)?.ids ?? [];
      for (const id of ids) await index().indexWireItem(id);
    },
    async afterUpdate(event: Event) {
      if (typeof event.result?.id === 'number' && touchesWireText(event.params.data))
        await index().indexWireItem(event.result.id);
    },
    async beforeUpdateMany(event: Event) {
      if (touchesWireText(event.params.data)) event.state.ids = await idsWhere(event.params.where);
    },
    async afterUpdateMany(event: Event) {
      for (const id of (event.state.ids as number[] | undefined) ?? [])
        await index().indexWireItem(id);
    },
    async afterDelete(event: Event) {
      if (typeof event.result?.id === 'number') await index().removeWireItem(event.result.id);
    },
    async beforeDeleteMany(event: Event) {
      event.state.ids = await idsWhere(event.params.where);
    },
    async afterDeleteMany(event: Event) {
      for (const id of (event.state.ids as number[] | undefined) ?? [])
        await index().removeWireItem(id);
    },
  });

  strapi.db.lifecycles.subscribe({
    models: [ARTICLE_UID],
    async afterCreate(event: Event) {
      await reindexArticles([await keyOf(event.result)]);
    },
    async afterCreateMany(event: Event) {
      const ids = (event.result as { ids?: number[] } | undefined)?.ids ?? [];
      await reindexArticles(await keysWhere({ id: { $in: ids } }));
    },
    async afterUpdate(event: Event) {
      if (touchesArticleText(event.params.data)) await reindexArticles([await keyOf(event.result)]);
    },
    async beforeUpdateMany(event: Event) {
      if (touchesArticleText(event.params.data))
        event.state.keys = await keysWhere(event.params.where);
    },
    async afterUpdateMany(event: Event) {
      await reindexArticles((event.state.keys as ArticleKey[] | undefined) ?? []);
    },
    async afterDelete(event: Event) {
      await reindexArticles([await keyOf(event.result)]);
    },
    async beforeDeleteMany(event: Event) {
      event.state.keys = await keysWhere(event.params.where);
    },
    async afterDeleteMany(event: Event) {
      await reindexArticles((event.state.keys as ArticleKey[] | undefined) ?? []);
    },
  });
};
