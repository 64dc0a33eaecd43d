import type { Core } from '@strapi/strapi';
import type { ARTICLE_UID, WIRE_ITEM_UID, WORKFLOW_EVENT_UID } from './domain/uids';

type NewsroomUid = typeof ARTICLE_UID | typeof WIRE_ITEM_UID | typeof WORKFLOW_EVENT_UID;

/** A document's fields as the document service takes them (components and relations as Strapi writes them). */
export type DocumentData = Record<string, unknown>;

/**
 * The document service for one of the newsroom's own types. Strapi types document data from
 * the host app's generated content types, which never list a plugin's: this is the one place
 * that says so, instead of a cast at every write.
 */
export const newsroomDocuments = (strapi: Core.Strapi, uid: NewsroomUid) => {
  const documents = () => strapi.documents(uid);
  return {
    /** Creates a document; `Row` is what the caller knows the stored row holds. */
    create: <Row extends { id: number; documentId: string } = { id: number; documentId: string }>(
      data: DocumentData,
      options: { locale?: string; populate?: string[] } = {}
    ) => documents().create({ ...options, data } as never) as Promise<Row>,
    update: (documentId: string, locale: string, data: DocumentData) =>
      documents().update({ documentId, locale, data } as never),
    publish: (documentId: string, locale: string) => documents().publish({ documentId, locale }),
    unpublish: (documentId: string, locale: string) =>
      documents().unpublish({ documentId, locale }),
  };
};
