/**
 * The one module that queries article rows. It knows which rows are working copies and
 * which are published versions, so no caller repeats the filter. Row reads and the
 * plugin-owned fields go to the query engine; content writes go through the document
 * service, and so through every guard on it.
 */
import type { Core } from '@strapi/strapi';
import { ARTICLE_UID } from '../platform/domain/uids';
import { newsroomDocuments, type DocumentData } from '../platform/documents';
import type { ArticleRow } from './domain/article-row';

export type { ArticleRow };

type Where = Record<string, unknown>;

/** What a row query may add to its filter: Strapi's query-engine options. */
export interface RowQuery {
  select?: string[];
  populate?: unknown;
  orderBy?: unknown;
  limit?: number;
  offset?: number;
}

export type ArticleData = DocumentData;

/** The working copies: one per locale. */
export const DRAFT_ROWS = { publishedAt: null } as const;
/** The published versions: what readers see. */
export const PUBLISHED_ROWS = { publishedAt: { $notNull: true } } as const;

export const articleRepository = (strapi: Core.Strapi) => {
  const rows = () => strapi.db.query(ARTICLE_UID);
  const documents = newsroomDocuments(strapi, ARTICLE_UID);
  const drafts = (where: Where) => ({ ...where, ...DRAFT_ROWS });
  const published = (where: Where) => ({ $and: [where, PUBLISHED_ROWS] });

  return {
    /** The working copy of one locale, or null. */
    draft: <Row = ArticleRow>(
      documentId: string,
      locale: string,
      query: RowQuery = {}
    ): Promise<Row | null> => rows().findOne({ ...query, where: drafts({ documentId, locale }) }),

    /** Working copies matching `where`. */
    drafts: <Row = ArticleRow>(where: Where, query: RowQuery = {}): Promise<Row[]> =>
      rows().findMany({ ...query, where: drafts(where) }),

    countDrafts: (where: Where): Promise<number> => rows().count({ where: drafts(where) }),

    /** Published versions matching `where`. */
    published: <Row = ArticleRow>(where: Where, query: RowQuery = {}): Promise<Row[]> =>
      rows().findMany({ ...query, where: published(where) }),

    onePublished: <Row = ArticleRow>(where: Where, query: RowQuery = {}): Promise<Row | null> =>
      rows().findOne({ ...query, where: published(where) }),

    countPublished: (where: Where): Promise<number> => rows().count({ where: published(where) }),

    /** Rows of either kind matching `where`. */
    count: (where: Where): Promise<number> => rows().count({ where }),

    /** Any row, draft or published, matching `where`. */
    rows: <Row = ArticleRow>(where: Where, query: RowQuery = {}): Promise<Row[]> =>
      rows().findMany({ ...query, where }),

    byId: <Row = ArticleRow>(id: number, query: RowQuery = {}): Promise<Row | null> =>
      rows().findOne({ ...query, where: { id } }),

    /**
     * Writes fields on working copies without the document service: for fields the
     * plugin owns, which document writers never set. Returns how many rows changed.
     */
    updateDrafts: async (where: Where, data: ArticleData): Promise<number> =>
      (await rows().updateMany({ where: drafts(where), data })).count,

    updateRow: (id: number, data: ArticleData) => rows().update({ where: { id }, data }),

    /** Writes plugin-owned fields on every row, draft and published, matching `where`. */
    updateRows: async (where: Where, data: ArticleData): Promise<number> =>
      (await rows().updateMany({ where, data })).count,

    /** Creates a document through the document service (and so through every guard on it). */
    create: (data: ArticleData, locale: string | undefined, populate?: string[]) =>
      documents.create<ArticleRow>(data, { locale, populate }),

    /** Updates one locale of a document through the document service. */
    update: documents.update,

    /** Copies the working copy to the published version (the workflow's effect of `publish`). */
    publish: documents.publish,

    /** Removes the published version (the workflow's effect of `kill`). */
    unpublish: documents.unpublish,
  };
};

export type ArticleRepository = ReturnType<typeof articleRepository>;
