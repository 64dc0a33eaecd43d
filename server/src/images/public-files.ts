/**
 * What API clients may list of the Media Library. Strapi lets any token that may read uploads
 * list every file with its caption and credits, which would show the photos of stories not
 * yet published. Outside the admin panel, a file used by newsroom article photos is listed
 * only when a published article uses it. Files used by nothing newsroom, or not used at all,
 * are left to Strapi's own rules. Held on the file model's queries, so REST and GraphQL alike.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ARTICLE_UID, FILE_UID } from '../platform/domain/uids';
import { articleComponentJoin } from '../workflow/published-versions';

const PHOTO_COMPONENT = 'newsroom.photo';

interface FindEvent {
  params: { where?: Record<string, unknown> };
}

type JoinTable = {
  name: string;
  joinColumn: { name: string };
  morphColumn?: { idColumn: { name: string }; typeColumn: { name: string } };
};

export const keepUnpublishedMediaPrivate = (strapi: Core.Strapi) => {
  const isAdminRequest = () => {
    const ctx = strapi.requestContext.get() as
      | { state?: { auth?: { strategy?: { name?: string } } } }
      | undefined;
    return !ctx || ctx.state?.auth?.strategy?.name === 'admin';
  };

  /** Ids of files that newsroom photos use while no published article uses them. */
  const unpublishedPhotoFiles = (): Knex.QueryBuilder => {
    const knex = strapi.db.connection;
    const related = (
      strapi.db.metadata.get(FILE_UID).attributes.related as { joinTable: JoinTable }
    ).joinTable;
    const files = {
      table: related.name,
      file: related.joinColumn.name,
      owner: related.morphColumn!.idColumn.name,
      type: related.morphColumn!.typeColumn.name,
    };
    const article = strapi.db.metadata.get(ARTICLE_UID);
    const components = articleComponentJoin(strapi);
    const column = (attribute: string) =>
      (article.attributes[attribute] as { columnName?: string }).columnName ?? attribute;

    const published = knex(`${files.table} as pf`)
      .join(`${components.table} as pc`, function joinComponents() {
        this.on(`pc.${components.componentColumn}`, '=', `pf.${files.owner}`).andOn(
          `pc.${components.typeColumn}`,
          '=',
          knex.raw('?', [PHOTO_COMPONENT])
        );
      })
      .join(`${article.tableName} as pa`, `pa.id`, `pc.${components.entityColumn}`)
      .where(`pf.${files.type}`, PHOTO_COMPONENT)
      .whereNotNull(`pa.${column('publishedAt')}`)
      .where(`pa.${column('workflowState')}`, 'published')
      .select(`pf.${files.file}`);
    return knex(`${files.table} as uf`)
      .where(`uf.${files.type}`, PHOTO_COMPONENT)
      .whereNotIn(`uf.${files.file}`, published)
      .select(`uf.${files.file}`);
  };

  const hide = async (event: FindEvent) => {
    if (isAdminRequest()) return;
    event.params.where = {
      $and: [event.params.where ?? {}, { id: { $notIn: unpublishedPhotoFiles() } }],
    };
  };

  strapi.db.lifecycles.subscribe({
    models: [FILE_UID],
    beforeFindMany: hide,
    beforeFindOne: hide,
    beforeCount: hide,
  });
};
