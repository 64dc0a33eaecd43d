/**
 * What an article shows from other records — its photos' files, its agency, its rubric — is
 * part of what readers get and of what an approval covers. While an article is published, or
 * approved or scheduled, those records cannot change under it: a different picture is picked
 * in the article's form, where the workflow sees it.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  AGENCY_UID,
  ARTICLE_UID,
  FILE_UID,
  RUBRIC_UID,
  WIRE_ITEM_UID,
} from '../platform/domain/uids';
import { AGENCY_SHOWN, RUBRIC_SHOWN } from '../workflow/domain/approval';
import { Refusal } from '../platform/domain/refusal';
import { articleComponentJoin } from '../workflow/published-versions';
import { inWorkflow } from '../platform/writers';
import { getService } from '../platform/services';
import { articleRepository, PUBLISHED_ROWS } from './repository';

const PHOTO_COMPONENT = 'newsroom.photo';
/** Working copies in these states carry an approval; published versions are what readers see. */
const HELD_STATES = ['approved', 'scheduled'];

interface Holder {
  documentId: string;
  locale: string;
  workflowState: string;
  published: boolean;
}

type StoredFile = { id: number; alternativeText?: string | null; focalPoint?: unknown };
type UploadService = Record<string, (...args: never[]) => Promise<unknown>>;

const describe = (holder: Holder) =>
  `article ${holder.documentId} (${holder.published ? 'published' : holder.workflowState})`;

export const holdArticleReferences = (strapi: Core.Strapi) => {
  const column = (attribute: string) =>
    (strapi.db.metadata.get(ARTICLE_UID).attributes[attribute] as { columnName?: string })
      .columnName ?? attribute;

  /** Every article row whose photos use one of these files: its id, document, state, and whether it is a published version. */
  const fileUsers = async (
    fileIds: number[]
  ): Promise<Array<Holder & { id: number; workflowVersion: number }>> => {
    if (!fileIds.length) return [];
    const related = (
      strapi.db.metadata.get(FILE_UID).attributes.related as unknown as {
        joinTable: {
          name: string;
          joinColumn: { name: string };
          morphColumn: { idColumn: { name: string }; typeColumn: { name: string } };
        };
      }
    ).joinTable;
    const components = articleComponentJoin(strapi);
    const articles = strapi.db.metadata.get(ARTICLE_UID).tableName;
    const [publishedAt, state, documentId, version, locale] = [
      column('publishedAt'),
      column('workflowState'),
      column('documentId'),
      column('workflowVersion'),
      column('locale'),
    ];
    return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
      const rows: Array<{
        id: number;
        documentId: string;
        locale: string;
        workflowState: string;
        workflowVersion: number;
        publishedAt: unknown;
      }> = await trx(`${related.name} as f`)
        .join(`${components.table} as c`, function joinPhotos(this: Knex.JoinClause) {
          this.on(
            `c.${components.componentColumn}`,
            '=',
            `f.${related.morphColumn.idColumn.name}`
          ).andOn(`c.${components.typeColumn}`, '=', trx.raw('?', [PHOTO_COMPONENT]));
        })
        .join(`${articles} as a`, 'a.id', `c.${components.entityColumn}`)
        .where(`f.${related.morphColumn.typeColumn.name}`, PHOTO_COMPONENT)
        .whereIn(`f.${related.joinColumn.name}`, fileIds)
        .distinct({
          id: 'a.id',
          documentId: `a.${documentId}`,
          locale: `a.${locale}`,
          workflowState: `a.${state}`,
          workflowVersion: `a.${version}`,
          publishedAt: `a.${publishedAt}`,
        });
      return rows.map((r) => ({
        ...r,
        published: r.publishedAt !== null && r.publishedAt !== undefined,
      }));
    });
  };

  /** The first published version or approved working copy among those users: what may not change under it. */
  const fileHolder = async (fileIds: number[]): Promise<Holder | null> =>
    (await fileUsers(fileIds)).find((u) => u.published || HELD_STATES.includes(u.workflowState)) ??
    null;

  /**
   * A working copy that shows a file which changed is not the text anyone saw any more: its
   * version moves on, so a review or correction taken on what was seen before is stale (409).
   */
  const moveVersionsOfUsers = async (fileId: number) => {
    for (const user of await fileUsers([fileId])) {
      if (user.published) continue;
      await articleRepository(strapi).updateDrafts(
        { id: user.id, workflowVersion: user.workflowVersion },
        { workflowVersion: user.workflowVersion + 1 }
      );
    }
  };

  /** A file shown by a working copy someone else has open is that article's too: their lock holds it (409). */
  const refuseUnderLocks = async (fileIds: number[]) => {
    for (const user of await fileUsers(fileIds))
      if (!user.published)
        await getService('edit-locks', strapi).refuseWriteUnlessHolder(
          user.documentId,
          user.locale
        );
  };

  const refuseFileChange = async (fileId: number, what: string) => {
    await refuseUnderLocks([fileId]);
    const holder = await fileHolder([fileId]);
    if (holder) {
      throw new Refusal(
        409,
        `${what}: file ${fileId} is a photo of ${describe(holder)}; upload a new file and pick it in the article instead`,
        {
          file: fileId,
          article: holder.documentId,
        }
      );
    }
  };

  /** Strapi's upload links a file to a record through `ref`/`refId`/`field`; articles get their photos through their own form. */
  const refuseLinkToNewsroom = (target: unknown) => {
    if (
      typeof target === 'string' &&
      (target.startsWith('newsroom.') || target.startsWith('plugin::newsroom.'))
    ) {
      throw new Refusal(
        403,
        `Files are attached to newsroom records in their own forms, not by upload (ref "${target}")`,
        { ref: target }
      );
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
      const replaced = await (
        stock.replace as (i: unknown, r: unknown, o?: unknown) => Promise<unknown>
      )(id, request, opts);
      await moveVersionsOfUsers(Number(id));
      return replaced;
    },

    // Readers see a photo file's alternative text and its crops (around the focal point); its name and folder are the desk's own.
    async updateFileInfo(
      id: number | string,
      info: { alternativeText?: unknown; focalPoint?: unknown },
      opts?: unknown
    ) {
      const stored = (await strapi.db.query(FILE_UID).findOne({
        where: { id },
        select: ['id', 'alternativeText', 'focalPoint'],
      })) as StoredFile | null;
      const changes =
        stored &&
        ((info?.alternativeText !== undefined &&
          (info.alternativeText ?? null) !== (stored.alternativeText ?? null)) ||
          (info?.focalPoint !== undefined &&
            JSON.stringify(info.focalPoint ?? null) !== JSON.stringify(stored.focalPoint ?? null)));
      if (changes)
        await refuseFileChange(
          stored.id,
          "The file's alternative text and focal point cannot change"
        );
      const updated = await (
        stock.updateFileInfo as (i: unknown, f: unknown, o?: unknown) => Promise<unknown>
      )(id, info, opts);
      if (changes) await moveVersionsOfUsers(stored.id);
      return updated;
    },

    async remove(file: StoredFile) {
      await refuseFileChange(file.id, 'The file cannot be deleted');
      const users = await fileUsers([file.id]);
      const removed = await (stock.remove as (f: unknown) => Promise<unknown>)(file);
      for (const user of users) {
        await articleRepository(strapi).updateDrafts(
          { id: user.id, workflowVersion: user.workflowVersion },
          { workflowVersion: user.workflowVersion + 1 }
        );
      }
      return removed;
    },
  }));

  // Bulk and folder deletions remove file after file: every file is checked before the first goes.
  const refuseHeldFiles = async (fileIds: number[]) => {
    await refuseUnderLocks(fileIds);
    const holder = await fileHolder(fileIds);
    if (holder)
      throw new Refusal(409, `Nothing was deleted: a file is a photo of ${describe(holder)}`, {
        article: holder.documentId,
      });
  };
  strapi.get('services').extend('plugin::upload.file', (stock: UploadService) => ({
    ...stock,
    async deleteByIds(ids: number[] = []) {
      await refuseHeldFiles(ids.map(Number));
      return (stock.deleteByIds as (i: unknown) => Promise<unknown>)(ids);
    },
  }));
  strapi.get('services').extend('plugin::upload.folder', (stock: UploadService) => ({
    ...stock,
    async deleteByIds(ids: number[] = []) {
      const folders: Array<{ path: string }> = await strapi.db
        .query('plugin::upload.folder')
        .findMany({ where: { id: { $in: ids } }, select: ['path'] });
      if (folders.length) {
        const files: Array<{ id: number }> = await strapi.db.query(FILE_UID).findMany({
          select: ['id'],
          where: {
            $or: folders.flatMap(({ path }) => [
              { folderPath: { $eq: path } },
              { folderPath: { $startsWith: `${path}/` } },
            ]),
          },
        });
        await refuseHeldFiles(files.map((f) => f.id));
      }
      return (stock.deleteByIds as (i: unknown) => Promise<unknown>)(ids);
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
    const rows: Array<{ id: number }> = await strapi.db
      .query(FILE_UID)
      .findMany({ where: where ?? {}, select: ['id'] });
    const holder = await fileHolder(rows.map((r) => r.id));
    if (holder)
      throw new Refusal(409, `The file cannot be deleted: it is a photo of ${describe(holder)}`, {
        article: holder.documentId,
      });
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
  });

  /**
   * An agency or rubric that a published or approved article names stays, and keeps what
   * readers see of it (a rubric's name and slug; an agency's name, code and usage terms),
   * while the article does. An agency whose copy is on the wire stays too: its items keep it.
   */
  const holderNaming = async (uid: string, id: number): Promise<Holder | null> => {
    const named = uid === RUBRIC_UID ? { rubric: { id } } : { attribution: { agency: { id } } };
    const [row] = await articleRepository(strapi).rows(
      { ...named, $or: [PUBLISHED_ROWS, { workflowState: { $in: HELD_STATES } }] },
      { select: ['documentId', 'locale', 'workflowState', 'publishedAt'], limit: 1 }
    );
    return row
      ? {
          documentId: row.documentId,
          locale: row.locale,
          workflowState: row.workflowState,
          published: row.publishedAt !== null,
        }
      : null;
  };
  strapi.documents.use(async (context, next) => {
    if (context.uid !== AGENCY_UID && context.uid !== RUBRIC_UID) return next();
    if (context.action !== 'delete' && context.action !== 'update') return next();
    const { documentId, data } = context.params as {
      documentId?: string;
      data?: Record<string, unknown>;
    };
    const record = documentId
      ? await strapi.db.query(context.uid).findOne({ where: { documentId } })
      : null;
    if (!record) return next();
    const kind = context.uid === RUBRIC_UID ? 'rubric' : 'agency';
    if (context.action === 'update') {
      const shown: readonly string[] = context.uid === RUBRIC_UID ? RUBRIC_SHOWN : AGENCY_SHOWN;
      const changed = shown.filter(
        (field) => data && field in data && (data[field] ?? null) !== (record[field] ?? null)
      );
      if (!changed.length) return next();
      const holder = await holderNaming(context.uid, record.id);
      if (holder) {
        throw new Refusal(
          409,
          `The ${kind}'s ${changed.join(', ')} cannot change: readers see it on ${describe(holder)}`,
          { article: holder.documentId }
        );
      }
      return next();
    }
    const holder = await holderNaming(context.uid, record.id);
    if (holder)
      throw new Refusal(409, `The ${kind} cannot be deleted: ${describe(holder)} names it`, {
        article: holder.documentId,
      });
    if (
      context.uid === AGENCY_UID &&
      (await strapi.db.query(WIRE_ITEM_UID).count({ where: { agency: { id: record.id } } }))
    ) {
      throw new Refusal(409, 'The agency cannot be deleted: wire items it sent name it', {
        agency: record.code,
      });
    }
    return next();
  });
};
