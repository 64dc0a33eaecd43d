import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ARTICLE_UID, WIRE_ITEM_UID } from '../domain/uids';
import type { WireStory } from '../domain/wire/story';
import { leadImageFor } from './article-drafts';
import { getService } from '../utils';
import type { StoredWireItem } from './wire-ingest';

export interface InboxQuery {
  status?: StoredWireItem['status'];
  agency?: string;
  page: number;
  pageSize: number;
}

const LIST_FIELDS = ['id', 'documentId', 'headline', 'agencyGuid', 'agencyVersion', 'format', 'receivedAt', 'status', 'articleDocumentId'];
/** Marks a wire item while its article is being made, so that two takes make one article. */
const CLAIM_PREFIX = 'claim:';

/** The editors' view of the wire: list, take into a draft, ignore. */
const wireInboxService = ({ strapi }: { strapi: Core.Strapi }) => {
  const items = () => strapi.db.query(WIRE_ITEM_UID);

  const findArticle = (documentId: string) =>
    strapi.db.query(ARTICLE_UID).findOne({ where: { documentId, publishedAt: null } });

  return {
    /** Wire items newest first, with the agency, filtered by status and agency code. */
    async list(query: InboxQuery) {
      const where = {
        ...(query.status ? { status: query.status } : {}),
        ...(query.agency ? { agency: { code: query.agency } } : {}),
      };
      const [results, total] = await Promise.all([
        items().findMany({
          select: LIST_FIELDS,
          where,
          populate: { agency: { select: ['id', 'name', 'code'] } },
          orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
          offset: (query.page - 1) * query.pageSize,
          limit: query.pageSize,
        }),
        items().count({ where }),
      ]);
      return {
        results,
        pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total },
      };
    },

    /** One wire item with its parsed story. Throws NotFoundError. */
    async findOne(id: number) {
      const item = await items().findOne({ where: { id }, populate: { agency: { select: ['id', 'name', 'code'] } } });
      if (!item) throw new errors.NotFoundError(`Wire item ${id} not found`);
      return item;
    },

    /**
     * Makes a draft article from a wire item and marks the item taken; taking it again
     * returns the same article. Throws NotFoundError, or ApplicationError while another
     * take of the same item is still running.
     */
    async take(id: number, userId?: number) {
      const item = (await this.findOne(id)) as StoredWireItem & { agency: { code: string } | null };
      const existing = item.articleDocumentId && !item.articleDocumentId.startsWith(CLAIM_PREFIX)
        ? await findArticle(item.articleDocumentId)
        : null;
      if (existing) return { created: false, article: existing, item, warnings: [] as string[] };

      // Fetched before the transaction: a slow agency server must not hold the database.
      const lead = await leadImageFor(strapi, item.story as WireStory);
      const warnings = lead.problem ? [lead.problem] : [];
      return strapi.db.transaction(async () => {
        const claim = `${CLAIM_PREFIX}${crypto.randomBytes(8).toString('hex')}`;
        const claimed = await items().updateMany({
          where: { id, $or: [{ articleDocumentId: null }, { articleDocumentId: item.articleDocumentId ?? null }] },
          data: { articleDocumentId: claim },
        });
        if (claimed.count !== 1) {
          throw new errors.ApplicationError(`Wire item ${id} is being taken by someone else; try again`);
        }
        const article = await getService('article-drafts', strapi).createFromStory(item.story as WireStory, {
          agency: item.agency?.code,
          wireItemId: item.id,
          userId,
          leadImage: lead.image,
        });
        await items().update({ where: { id }, data: { status: 'taken', articleDocumentId: article.documentId } });
        return { created: true, article, item: { ...item, status: 'taken' as const, articleDocumentId: article.documentId }, warnings };
      });
    },

    /** Sets a wire item aside. Throws NotFoundError. */
    async ignore(id: number) {
      await this.findOne(id);
      return items().update({ where: { id }, data: { status: 'ignored' }, select: LIST_FIELDS });
    },
  };
};

export type WireInboxService = ReturnType<typeof wireInboxService>;
export default wireInboxService;
