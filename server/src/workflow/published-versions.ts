/**
 * The second hold on what readers see: in the database, a published version of an article
 * (the row with `publishedAt` set, and the components it owns) is written only by the
 * workflow. This catches the paths the document service's middlewares never see —
 * `strapi.db.query()`, `strapi.documents(uid).updateComponents()`, `status: 'published'`
 * inside Strapi's own create and update — whoever calls them.
 */
import type { Core } from '@strapi/strapi';
import { Refusal } from '../platform/domain/refusal';
import { COMPONENT_SCHEMAS } from '../components';
import { ARTICLE_UID } from '../platform/domain/uids';
import { articleRepository, PUBLISHED_ROWS } from '../articles/repository';
import { inWorkflow } from '../platform/writers';

type Where = Record<string, unknown> | undefined;

interface LifecycleEvent {
  model: { uid: string };
  params: { where?: Where; data?: Record<string, unknown> | Array<Record<string, unknown>> };
}

const refusal = () =>
  new Refusal(
    403,
    'Published articles change only through the newsroom workflow (POST /newsroom/articles/:documentId/transition)'
  );

const COMPONENT_UIDS = Object.keys(COMPONENT_SCHEMAS).map((name) => `newsroom.${name}`);

interface ComponentJoin {
  table: string;
  entityColumn: string;
  componentColumn: string;
  typeColumn: string;
}

/** Where the article table links to its components: one join table for every component field, with the component's type in a column. */
export const articleComponentJoin = (strapi: Core.Strapi): ComponentJoin => {
  const { joinTable } = strapi.db.metadata.get(ARTICLE_UID).attributes.body as unknown as {
    joinTable: {
      name: string;
      joinColumn: { name: string };
      inverseJoinColumn: { name: string };
      on: { field: string };
      pivotColumns: string[];
    };
  };
  const entityColumn = joinTable.joinColumn.name;
  const componentColumn = joinTable.inverseJoinColumn.name;
  // The pivot columns are the two ids, the field name and the component type.
  const typeColumn =
    joinTable.pivotColumns.find(
      (c) => c !== entityColumn && c !== componentColumn && c !== 'field'
    ) ?? 'component_type';
  return { table: joinTable.name, entityColumn, componentColumn, typeColumn };
};

export const holdPublishedVersions = (strapi: Core.Strapi) => {
  const articles = articleRepository(strapi);

  const touchesPublished = async (where: Where) => (await articles.countPublished(where ?? {})) > 0;

  /** Rows that reached readers once: a published version, or a working copy that has been published or killed. */
  const deletesPublished = async (where: Where) =>
    (await articles.count({
      $and: [
        where ?? {},
        {
          $or: [
            PUBLISHED_ROWS,
            { firstPublishedAt: { $notNull: true } },
            { workflowState: { $in: ['published', 'killed'] } },
          ],
        },
      ],
    })) > 0;

  const setsPublished = (data: LifecycleEvent['params']['data']) =>
    (Array.isArray(data) ? data : [data]).some(
      (d) => d && d.publishedAt !== undefined && d.publishedAt !== null
    );

  /** Whether any component row matched by `where` belongs to a published article version. */
  const componentOfPublished = async (uid: string, where: Where) => {
    const rows: Array<{ id: number }> = await strapi.db
      .query(uid)
      .findMany({ where: where ?? {}, select: ['id'] });
    if (!rows.length) return false;
    const { table, entityColumn, componentColumn, typeColumn } = articleComponentJoin(strapi);
    const meta = strapi.db.metadata.get(ARTICLE_UID);
    const articleTable = meta.tableName;
    const publishedAt =
      (meta.attributes.publishedAt as { columnName?: string }).columnName ?? 'published_at';
    // On the surrounding transaction's connection: SQLite has only one.
    const owned = await strapi.db.transaction(async ({ trx }) =>
      trx(table)
        .join(articleTable, `${articleTable}.id`, `${table}.${entityColumn}`)
        .whereIn(
          `${table}.${componentColumn}`,
          rows.map((r) => r.id)
        )
        .andWhere(`${table}.${typeColumn}`, uid)
        .whereNotNull(`${articleTable}.${publishedAt}`)
        .first(`${table}.${componentColumn}`)
    );
    return Boolean(owned);
  };

  strapi.db.lifecycles.subscribe({
    models: [ARTICLE_UID],
    async beforeCreate(event: LifecycleEvent) {
      if (!inWorkflow() && setsPublished(event.params.data)) throw refusal();
    },
    async beforeCreateMany(event: LifecycleEvent) {
      if (!inWorkflow() && setsPublished(event.params.data)) throw refusal();
    },
    async beforeUpdate(event: LifecycleEvent) {
      if (
        !inWorkflow() &&
        (setsPublished(event.params.data) || (await touchesPublished(event.params.where)))
      )
        throw refusal();
    },
    async beforeUpdateMany(event: LifecycleEvent) {
      if (
        !inWorkflow() &&
        (setsPublished(event.params.data) || (await touchesPublished(event.params.where)))
      )
        throw refusal();
    },
    // A story that reached readers keeps its record (a kill keeps its notice): no deletion takes it, a locale's included.
    async beforeDelete(event: LifecycleEvent) {
      if (!inWorkflow() && (await deletesPublished(event.params.where))) throw refusal();
    },
    async beforeDeleteMany(event: LifecycleEvent) {
      if (!inWorkflow() && (await deletesPublished(event.params.where))) throw refusal();
    },
  });

  const guardComponent = async (event: LifecycleEvent) => {
    if (!inWorkflow() && (await componentOfPublished(event.model.uid, event.params.where)))
      throw refusal();
  };
  strapi.db.lifecycles.subscribe({
    models: COMPONENT_UIDS,
    beforeUpdate: guardComponent,
    beforeUpdateMany: guardComponent,
    beforeDelete: guardComponent,
    beforeDeleteMany: guardComponent,
  });
};
