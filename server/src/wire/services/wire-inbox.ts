import { inboxTotal } from '../inbox-counts';
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { FILE_UID, WIRE_ITEM_UID } from '../../platform/domain/uids';
import { articleRepository } from '../../articles/repository';
import { Refusal } from '../../platform/domain/refusal';
import type { WireStory } from '../domain/story';
import { leadImageFor } from '../../articles/services/article-drafts';
import { getService } from '../../platform/services';
import type { WireItem } from '../../../../shared/contracts/wire';
import { LISTED_FIELDS, type StoredWireItem } from './wire-ingest';
import { narrowerCodes } from '../../subjects/domain/subjects';

export interface InboxQuery {
  status?: StoredWireItem['status'];
  agency?: string;
  /** Search words (see search/domain/query). */
  q?: string;
  /** A subject code; a parent Media Topic takes in its narrower ones. */
  subject?: string;
  /** Received at or after / before these times. */
  from?: Date;
  to?: Date;
  sort?: 'time' | 'urgency' | 'relevance';
  page: number;
  pageSize: number;
}

/** Marks a wire item while its article is being made, so that two takes make one article. */
const CLAIM_PREFIX = 'claim:';

/** The editors' view of the wire: list, take into a draft, ignore. */
const wireInboxService = ({ strapi }: { strapi: Core.Strapi }) => {
  const items = () => strapi.db.query(WIRE_ITEM_UID);

  /** The article a wire item was taken into, when it (still) exists. */
  const articleOf = async (item: StoredWireItem) =>
    item.articleDocumentId && !item.articleDocumentId.startsWith(CLAIM_PREFIX)
      ? ((
          await articleRepository(strapi).drafts(
            { documentId: item.articleDocumentId },
            { limit: 1 }
          )
        )[0] ?? null)
      : null;

  /** Taking outdated copy would publish what the agency has since corrected: 409 naming the newest version. */
  const supersededRefusal = async (item: StoredWireItem) => {
    const newest = (await items().findOne({
      select: ['id', 'agencyVersion'],
      where: {
        agencyCode: (item as { agencyCode?: string | null }).agencyCode ?? null,
        agencyGuid: item.agencyGuid,
        status: { $ne: 'superseded' },
      },
      orderBy: { agencyVersion: 'desc' },
    })) as { id: number; agencyVersion: number } | null;
    return new Refusal(
      409,
      `Wire item ${item.id} is version ${item.agencyVersion}, and the agency has sent a newer one${newest ? ` (version ${newest.agencyVersion}, wire item ${newest.id})` : ''}; take the newest`,
      { newest: newest?.id ?? null }
    );
  };

  const removeFile = async (fileId: number) => {
    const file = await strapi.db.query(FILE_UID).findOne({ where: { id: fileId } });
    if (file) await strapi.plugin('upload').service('upload').remove(file);
  };

  return {
    /**
     * Wire items with their agency: newest first, most urgent first, or (with `q`) the best
     * matches first, each with a snippet; filtered by status, agency, subject (a parent topic
     * takes in its narrower ones) and receipt time. Throws Refusal 400 for a `q` with no word.
     */
    async list(query: InboxQuery) {
      const search = getService('search', strapi);
      const parsed = query.q ? search.parse(query.q) : null;
      const receivedAt = {
        ...(query.from ? { $gte: query.from } : {}),
        ...(query.to ? { $lt: query.to } : {}),
      };
      const where = {
        ...(query.status ? { status: query.status } : {}),
        // The code the item carries, which is its agency's (see inbox-counts.ts).
        ...(query.agency ? { agencyCode: query.agency } : {}),
        ...(Object.keys(receivedAt).length ? { receivedAt } : {}),
        ...(query.subject ? search.wireWithSubjects([...narrowerCodes(query.subject)]) : {}),
      };
      const offset = (query.page - 1) * query.pageSize;
      const read = (w: Record<string, unknown>, extra: Record<string, unknown>) =>
        items().findMany({
          select: LISTED_FIELDS,
          where: w,
          populate: { agency: { select: ['id', 'name', 'code'] } },
          ...extra,
        }) as Promise<Array<Omit<WireItem, 'articleLock'>>>;
      const NEWEST = [{ receivedAt: 'desc' }, { id: 'desc' }];

      let results: Array<Omit<WireItem, 'articleLock'>>;
      let total: number;
      if (parsed) {
        const ranked = await search.wire(
          parsed,
          where,
          query.sort === 'time' ? 'time' : 'relevance',
          query,
          { from: query.from, to: query.to }
        );
        const rows = ranked.hits.length
          ? await read({ id: { $in: ranked.hits.map((h) => h.key) } }, {})
          : [];
        const byId = new Map(rows.map((row) => [row.id, row]));
        results = ranked.hits.flatMap((hit) => {
          const row = byId.get(hit.key);
          return row ? [{ ...row, snippet: hit.snippet }] : [];
        });
        total = ranked.total;
      } else if (query.sort === 'urgency') {
        // Items with an urgency first, most urgent first; then the rest, newest first (the
        // engines disagree on where NULLs sort, so the two runs are paged one after the other).
        const urgent = { ...where, urgency: { $notNull: true } };
        const plain = { ...where, urgency: { $null: true } };
        const [urgentCount, plainCount] = await Promise.all([
          items().count({ where: urgent }),
          items().count({ where: plain }),
        ]);
        const head =
          offset < urgentCount
            ? await read(urgent, {
                orderBy: [{ urgency: 'asc' }, ...NEWEST],
                offset,
                limit: query.pageSize,
              })
            : [];
        const rest = query.pageSize - head.length;
        const tail = rest
          ? await read(plain, {
              orderBy: NEWEST,
              offset: Math.max(0, offset - urgentCount),
              limit: rest,
            })
          : [];
        results = [...head, ...tail];
        total = urgentCount + plainCount;
      } else {
        // By status and agency alone (or neither), the total is the count the database keeps.
        const kept = !query.subject && !Object.keys(receivedAt).length;
        [results, total] = await Promise.all([
          read(where, { orderBy: NEWEST, offset, limit: query.pageSize }),
          (async () =>
            (kept ? await inboxTotal(strapi, query) : null) ?? items().count({ where }))(),
        ]);
      }
      // Who has each taken story open for editing: one query for the page.
      const listed = results;
      const taken = listed
        .map((item) => item.articleDocumentId)
        .filter((id): id is string => Boolean(id) && !id!.startsWith(CLAIM_PREFIX));
      const locks = await getService('edit-locks', strapi).badges(taken);
      return {
        results: listed.map(
          (item): WireItem => ({
            ...item,
            articleLock: (item.articleDocumentId && locks.get(item.articleDocumentId)) || null,
          })
        ),
        pagination: {
          page: query.page,
          pageSize: query.pageSize,
          pageCount: Math.ceil(total / query.pageSize),
          total,
        },
      };
    },

    /** One wire item with its parsed story. Throws Refusal 404. */
    async findOne(id: number) {
      const item = await items().findOne({
        where: { id },
        populate: { agency: { select: ['id', 'name', 'code'] } },
      });
      if (!item) throw new Refusal(404, `Wire item ${id} not found`);
      return item;
    },

    /**
     * Makes a draft article from a wire item and marks the item taken; taking it again
     * returns the same article, also when several takes arrive at once (each waits for the
     * winner's article). Throws Refusal 404, or 409 when another take has
     * not finished.
     */
    async take(id: number, userId?: number) {
      const item = (await this.findOne(id)) as StoredWireItem & { agency: { code: string } | null };
      const existing = await articleOf(item);
      if (existing) return { created: false, article: existing, item, warnings: [] as string[] };
      // A killed or withheld story is not copy to publish; an article taken before keeps its flag.
      if (item.agencyStatus === 'canceled')
        throw new Refusal(409, 'The agency has killed this story; it cannot be taken', {
          agencyStatus: item.agencyStatus,
        });
      if (item.agencyStatus === 'withheld')
        throw new Refusal(
          409,
          'The agency has withheld this story; it can be taken once a newer usable version arrives',
          { agencyStatus: item.agencyStatus }
        );
      if (item.status === 'superseded') throw await supersededRefusal(item);

      // Before the transaction: a slow agency server must not hold the database, and a new
      // agency or rubric is made under a unique index, whose refusal would end it on PostgreSQL.
      const story = item.story as WireStory;
      const drafts = getService('article-drafts', strapi);
      // The code the item carries: its agency's, also if that agency has since been removed.
      const agencyCode =
        (item as { agencyCode?: string | null }).agencyCode ?? item.agency?.code ?? undefined;
      const references = await drafts.references(story, agencyCode);
      // The story's locale too: one made on first sight is made here, not in the transaction.
      const locale = await drafts.localeFor(item.language ?? story.language);
      const lead = await leadImageFor(strapi, story);
      const warnings = lead.problem ? [lead.problem] : [];
      const made = await strapi.db.transaction(async () => {
        // The conditional write is the lock: a concurrent take waits on it, then finds the item taken.
        // A newer agency version may have superseded the item since it was read: then it is not taken.
        const claimed = await items().updateMany({
          where: {
            id,
            articleDocumentId: item.articleDocumentId ?? null,
            status: { $ne: 'superseded' },
          },
          data: { articleDocumentId: `${CLAIM_PREFIX}${crypto.randomBytes(8).toString('hex')}` },
        });
        if (claimed.count !== 1) return null;
        const article = await drafts.createFromStory(story, {
          agency: agencyCode,
          wireItemId: item.id,
          userId,
          leadImage: lead.image,
          references,
          locale,
        });
        await items().update({
          where: { id },
          data: { status: 'taken', articleDocumentId: article.documentId },
        });
        return {
          created: true,
          article,
          item: { ...item, status: 'taken' as const, articleDocumentId: article.documentId },
          warnings,
        };
      });
      if (made) return made;

      // Another take won: its picture is the one kept, and its article is the answer.
      if (lead.image) await removeFile(lead.image.id);
      const current = (await this.findOne(id)) as StoredWireItem & {
        agency: { code: string } | null;
      };
      const article = await articleOf(current);
      if (article) return { created: false, article, item: current, warnings: [] as string[] };
      if (current.status === 'superseded') throw await supersededRefusal(current);
      throw new Refusal(
        409,
        `Wire item ${id} is being taken by someone else; try again in a moment`
      );
    },

    /** Sets a wire item aside. Throws Refusal 404. */
    async ignore(id: number) {
      await this.findOne(id);
      return items().update({ where: { id }, data: { status: 'ignored' }, select: LISTED_FIELDS });
    },
  };
};

export type WireInboxService = ReturnType<typeof wireInboxService>;
export default wireInboxService;
