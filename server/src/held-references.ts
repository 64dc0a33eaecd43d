/**
 * What an article shows from other records — its photos' files, its agency, its rubric — is
 * part of what readers get and of what an approval covers. While an article is published, or
 * approved or scheduled, those records cannot change under it: a different picture is picked
 * in the article's form, where the workflow sees it.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { AGENCY_UID, ARTICLE_UID, FILE_UID, RUBRIC_UID } from './domain/uids';
import { httpError } from './http-errors';
import { articleComponentJoin } from './published-versions';
import { inWorkflow } from './workflow-context';

const PHOTO_COMPONENT = 'newsroom.photo';
/** Working copies in these states carry an approval; published versions are what readers see. */
const HELD_STATES = ['approved', 'scheduled'];

interface Holder {
  documentId: string;
  workflowState: string;
  published: boolean;
}

type StoredFile = { id: number; alternativeText?: string | null; focalPoint?: unknown };
type UploadService = Record<string, (...args: never[]) => Promise<unknown>>;

const describe = (holder: Holder) =>
  `article ${holder.documentId} (${holder.published ? 'published' : holder.workflowState})`;

export const holdArticleReferences = (strapi: Core.Strapi) => {
  const column = (attribute: string) =>
    (strapi.db.metadata.get(ARTICLE_UID).attributes[attribute] as { columnName?: string }).columnName ?? attribute;

  /** The first published or approved article whose photos use one of these files, if any. */
  const fileHolder = async (fileIds: number[]): Promise<Holder | null> => {
    if (!fileIds.length) return null;
    const related = (strapi.db.metadata.get(FILE_UID).attributes.related as unknown as {
      joinTable: { name: string; joinColumn: { name: string }; morphColumn: { idColumn: { name: string }; typeColumn: { name: string } } };
    }).joinTable;
    const components = articleComponentJoin(strapi);
    const articles = strapi.db.metadata.get(ARTICLE_UID).tableName;
    const [publishedAt, state, documentId] = [column('publishedAt'), column('workflowState'), column('documentId')];
    return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
      const row = await trx(`${related.name} as f`)
        .join(`${components.table} as c`, function joinPhotos(this: Knex.JoinClause) {
          this.on(`c.${components.componentColumn}`, '=', `f.${related.morphColumn.idColumn.name}`).andOn(
            `c.${components.typeColumn}`,
            '=',
            trx.raw('?', [PHOTO_COMPONENT])
          );
        })
        .join(`${articles} as a`, 'a.id', `c.${components.entityColumn}`)
        .where(`f.${related.morphColumn.typeColumn.name}`, PHOTO_COMPONENT)
        .whereIn(`f.${related.joinColumn.name}`, fileIds)
        .andWhere((q: Knex.QueryBuilder) => q.whereNotNull(`a.${publishedAt}`).orWhereIn(`a.${state}`, HELD_STATES))
        .first({ documentId: `a.${documentId}`, workflowState: `a.${state}`, publishedAt: `a.${publishedAt}` });
      return row ? { documentId: row.documentId, workflowState: row.workflowState, published: row.publishedAt !== null } : null;
    });
  };

  const refuseFileChange = async (fileId: number, what: string) => {
    const holder = await fileHolder([fileId]);
    if (holder) {
      throw httpError(409, `${what}: file ${fileId} is a photo of ${describe(holder)}; upload a new file and pick it in the article instead`, {
        file: fileId,
        article: holder.documentId,
      });
    }
  };

  /** Strapi's upload links a file to a record through `ref`/`refId`/`field`; articles get their photos through their own form. */
  const refuseLinkToNewsroom = (target: unknown) => {
    if (typeof target === 'string' && (target.startsWith('newsroom.') || target.startsWith('plugin::newsroom.'))) {
      throw httpError(403, `Files are attached to newsroom records in their own forms, not by upload (ref "${target}")`, { ref: target });
    }
  };

  strapi.get('services').extend('plugin::upload.upload', (stock: UploadService) => ({
    ...stock,

    async upload(request: { data?: { ref?: unknown } }, opts?: unknown) {
      refuseLinkToNewsroom(request?.data?.ref);
      return (stock.upload as (r: unknown, o?: unknown) => Promise<unknown>)(request, opts);
    },

    async replace(id: number | string, request: { data?: { ref?: unknown } }, opts?: unknown) {
      refuseLinkToNewsroom(request?.data?.ref);
      await refuseFileChange(Number(id), 'The file cannot be replaced');
      return (stock.replace as (i: unknown, r: unknown, o?: unknown) => Promise<unknown>)(id, request, opts);
    },

    // Readers see a photo file's alternative text and its crops (around the focal point); its name and folder are the desk's own.
    async updateFileInfo(id: number | string, info: { alternativeText?: unknown; focalPoint?: unknown }, opts?: unknown) {
      const stored = (await strapi.db.query(FILE_UID).findOne({ where: { id }, select: ['id', 'alternativeText', 'focalPoint'] })) as StoredFile | null;
      const changes =
        stored &&
        ((info?.alternativeText !== undefined && (info.alternativeText ?? null) !== (stored.alternativeText ?? null)) ||
          (info?.focalPoint !== undefined && JSON.stringify(info.focalPoint ?? null) !== JSON.stringify(stored.focalPoint ?? null)));
      if (changes) await refuseFileChange(stored.id, "The file's alternative text and focal point cannot change");
      return (stock.updateFileInfo as (i: unknown, f: unknown, o?: unknown) => Promise<unknown>)(id, info, opts);
    },

    async remove(file: StoredFile) {
      await refuseFileChange(file.id, 'The file cannot be deleted');
      return (stock.remove as (f: unknown) => Promise<unknown>)(file);
    },
  }));

  // The same holds in the database, for writers that never pass through the upload service.
  const refuseRelatedToNewsroom = (data: unknown) => {
    const related = (data as { related?: unknown } | undefined)?.related;
    for (const link of Array.isArray(related) ? related : related ? [related] : []) {
      refuseLinkToNewsroom((link as { __type?: unknown }).__type);
    }
  };
  const refuseHeldDelete = async (where: unknown) => {
    const rows: Array<{ id: number }> = await strapi.db.query(FILE_UID).findMany({ where: where ?? {}, select: ['id'] });
    const holder = await fileHolder(rows.map((r) => r.id));
    if (holder) throw httpError(409, `The file cannot be deleted: it is a photo of ${describe(holder)}`, { article: holder.documentId });
  };
  strapi.db.lifecycles.subscribe({
    models: [FILE_UID],
    async beforeCreate(event: { params: { data?: unknown } }) {
      refuseRelatedToNewsroom(event.params.data);
    },
    async beforeUpdate(event: { params: { data?: unknown } }) {
      if (!inWorkflow()) refuseRelatedToNewsroom(event.params.data);
    },
    async beforeDelete(event: { params: { where?: unknown } }) {
      if (!inWorkflow()) await refuseHeldDelete(event.params.where);
    },
    async beforeDeleteMany(event: { params: { where?: unknown } }) {
      if (!inWorkflow()) await refuseHeldDelete(event.params.where);
    },
  } as never);

  // An agency or rubric that a published or approved article names stays while the article does.
  strapi.documents.use(async (context, next) => {
    if (context.action !== 'delete' || (context.uid !== AGENCY_UID && context.uid !== RUBRIC_UID)) return next();
    const { documentId } = context.params as { documentId?: string };
    const record = documentId ? await strapi.db.query(context.uid).findOne({ where: { documentId }, select: ['id'] }) : null;
    if (record) {
      const named = context.uid === RUBRIC_UID ? { rubric: { id: record.id } } : { attribution: { agency: { id: record.id } } };
      const holder = await strapi.db.query(ARTICLE_UID).findOne({
        select: ['documentId', 'workflowState', 'publishedAt'],
        where: { ...named, $or: [{ publishedAt: { $notNull: true } }, { workflowState: { $in: HELD_STATES } }] },
      });
      if (holder) {
        const kind = context.uid === RUBRIC_UID ? 'rubric' : 'agency';
        throw httpError(409, `The ${kind} cannot be deleted: ${describe({ ...holder, published: holder.publishedAt !== null })} names it`, {
          article: holder.documentId,
        });
      }
    }
    return next();
  });
};
