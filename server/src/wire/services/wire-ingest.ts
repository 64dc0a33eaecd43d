import type { Core } from '@strapi/strapi';
import type { NewsroomConfig } from '../../config';
import { WIRE_ITEM_UID } from '../../platform/domain/uids';
import { articleRepository } from '../../articles/repository';
import { newsroomDocuments } from '../../platform/documents';
import { diffStories } from '../domain/diff';
import { WireParseError } from '../domain/errors';
import {
  contentHash,
  decodePayload,
  formatForContentType,
  parseWire,
  type WireFormat,
} from '../domain/payload';
import type { WireStory } from '../domain/story';
import { agencyCodeFor } from '../domain/agency-code';
import { getService } from '../../platform/services';
import { isUniqueViolation } from '../../platform/database-errors';
import { asIngest } from '../../platform/writers';
import { Refusal } from '../../platform/domain/refusal';
import { advisoryOf } from '../domain/agency-status';
import { feedItems } from '../domain/feed-items';
import { applyAdvisory } from '../agency-advisories';
import type { Agency, WireSender } from './agencies';
import type { WireUpdate } from '../../../../shared/contracts/workflow';
import type { WireItem } from '../../../../shared/contracts/wire';

/** A NewsML-G2 envelope of several items, as agencies send them (any namespace prefix). */
const NEWS_MESSAGE = /<(?:[\w.-]+:)?newsMessage\b/u;

/** An ISO time the database can hold, or null. */
const isoTime = (value: string | undefined) => {
  const time = value ? new Date(value) : null;
  return time && !Number.isNaN(time.getTime()) ? time.toISOString() : null;
};

export type IngestOutcome = 'new' | 'duplicate' | 'updated' | 'stale';

/** A wire item as stored: what the inbox lists, with the parsed story and the copy's fingerprint. */
export interface StoredWireItem extends Omit<WireItem, 'agency'> {
  contentHash: string;
  story: WireStory;
}

export interface IngestRequest {
  payload: Buffer;
  contentType?: string;
  /** Agency code for copy that does not name its agency. */
  agency?: string;
  /** The API token that sent the copy; a token bound to agencies speaks for those only. */
  sender?: WireSender;
  receivedAt?: Date;
}

export interface IngestResult {
  outcome: IngestOutcome;
  item: StoredWireItem;
  /** The article flagged with "wire update available", when a taken story got a newer version. */
  flaggedArticle?: string;
  /** What the agency's kill or withhold did: articles flagged, and published ones killed (`documentId:locale`). */
  advisory?: { status: 'canceled' | 'withheld'; flagged: string[]; killed: string[] };
}

/** What the article is told when its wire story moves on. */
export type { WireUpdate };

/** The columns the inbox lists. */
export const LISTED_FIELDS = [
  'id',
  'documentId',
  'headline',
  'agencyGuid',
  'agencyVersion',
  'format',
  'receivedAt',
  'status',
  'articleDocumentId',
  'agencyStatus',
  'language',
  'urgency',
  'subjects',
];
const ITEM_FIELDS = [...LISTED_FIELDS, 'contentHash', 'story'];

/** Takes agency copy in: parses, deduplicates, versions, and stores it as a wire item. */
const wireIngestService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::newsroom') as NewsroomConfig;
  const items = () => strapi.db.query(WIRE_ITEM_UID);

  /** The agency the copy names (or `fallback`), made on first sight when configured so. Throws WireParseError 422. */
  const findAgency = async (story: WireStory, fallback?: string): Promise<Agency> => {
    const name = story.agencyName ?? fallback;
    if (!name) {
      throw new WireParseError('The copy does not name its agency; pass ?agency=CODE', 422);
    }
    const agencies = getService('agencies', strapi);
    const known = await agencies.findByCode(agencyCodeFor(name));
    if (known) return known;
    if (!config().wire.createUnknownAgencies) {
      throw new WireParseError(
        `Unknown agency "${name}"; create it in the Content Manager first`,
        422,
        { agency: name }
      );
    }
    return agencies.findOrCreate(name);
  };

  const warnedUnbound = new Set<number>();

  /**
   * The agency a bound sender's copy belongs to, or undefined when no binding applies (no
   * token, or a token bound to no agency: it keeps working, with a warning in the log).
   * Structured copy claims its agency (ninjs copyright holder or info source, NewsML-G2
   * provider); plain copy only credits one in its attribution line, which is no claim, so it
   * belongs to `?agency=` or to the token's agency. Throws Refusal 403 for a claim the token
   * may not make, before anything is stored or any agency made.
   */
  const speakerAgency = async (story: WireStory, format: WireFormat, request: IngestRequest) => {
    const { sender } = request;
    if (!sender) return undefined;
    const bound =
      'tokenId' in sender
        ? await getService('agencies', strapi).speakingFor(sender)
        : sender.agencies;
    if (!bound.length && !('tokenId' in sender))
      // A feed whose agencies were all deleted speaks for none, never for any.
      throw new Refusal(
        403,
        `The feed "${sender.feed}" speaks for no agency; give it its agencies again`
      );
    if (!bound.length) {
      if ('tokenId' in sender && !warnedUnbound.has(sender.tokenId)) {
        warnedUnbound.add(sender.tokenId);
        strapi.log.warn(
          `[newsroom] API token ${sender.tokenId} sends wire copy for any agency; list it in an agency's ingestTokens to bind it`
        );
      }
      return undefined;
    }
    const who = 'tokenId' in sender ? 'This token' : `The feed "${sender.feed}"`;
    const codes = bound.map((agency) => agency.code);
    const requested = request.agency ? agencyCodeFor(request.agency) : undefined;
    const claimed =
      format !== 'text' && story.agencyName ? agencyCodeFor(story.agencyName) : undefined;
    const credited =
      format === 'text' && story.agencyName ? agencyCodeFor(story.agencyName) : undefined;
    for (const code of [claimed, requested]) {
      if (code && !codes.includes(code)) {
        throw new Refusal(403, `${who} sends copy for ${codes.join(', ')} only, not for ${code}`, {
          agency: code,
          allowed: codes,
        });
      }
    }
    const code =
      claimed ??
      requested ??
      (codes.length === 1 ? codes[0] : credited && codes.includes(credited) ? credited : undefined);
    if (!code) {
      throw new Refusal(
        422,
        `${who} sends copy for ${codes.join(', ')}; name the agency with ?agency=CODE`
      );
    }
    return bound.find((agency) => agency.code === code)!;
  };

  const flagArticle = async (older: StoredWireItem, newer: StoredWireItem) => {
    if (!older.articleDocumentId) return undefined;
    const update: WireUpdate = {
      wireItemId: newer.id,
      fromVersion: older.agencyVersion,
      toVersion: newer.agencyVersion,
      receivedAt: newer.receivedAt,
      diff: diffStories(older.story, newer.story),
    };
    await articleRepository(strapi).updateDrafts(
      { documentId: older.articleDocumentId },
      { wireUpdate: update }
    );
    return older.articleDocumentId;
  };

  /**
   * Stores the story unless the agency's item (by guid and version, or by text) is already
   * here. The unique indexes, not this read, are what hold against concurrent resends: the
   * loser of a race gets a unique violation, and the caller reads again.
   */
  const storeOnce = async (
    story: WireStory,
    text: string,
    hash: string,
    format: WireFormat,
    receivedAt: Date,
    agency: Agency
  ): Promise<IngestResult> => {
    const version = story.version ?? 1;
    const advisory = advisoryOf(story, format !== 'text');
    const known: StoredWireItem[] = await items().findMany({
      select: ITEM_FIELDS,
      where: story.guid
        ? { agencyCode: agency.code, agencyGuid: story.guid }
        : { agencyCode: agency.code, agencyGuid: null, contentHash: hash },
      orderBy: { agencyVersion: 'desc' },
    });
    const same = story.guid ? known.find((k) => k.agencyVersion === version) : known[0];
    if (same) return { outcome: 'duplicate', item: same };

    const newest = known[0];
    const stale = newest !== undefined && newest.agencyVersion > version;
    const store = async () => {
      const created = (await asIngest(() =>
        newsroomDocuments(strapi, WIRE_ITEM_UID).create({
          headline: story.headline.slice(0, 255), // the listing column; the story keeps the whole headline
          agency: agency.id,
          agencyCode: agency.code,
          agencyGuid: story.guid ?? null,
          agencyVersion: version,
          format,
          receivedAt: receivedAt.toISOString(),
          rawPayload: text,
          story,
          language: story.language ?? null,
          subjects: story.subjects?.length ? story.subjects : null,
          urgency: story.urgency ?? null,
          contentHash: hash,
          status: stale ? 'superseded' : 'new',
          agencyStatus: advisory.status,
          agencyNotice: advisory.notice ?? null,
          expiresAt: isoTime(story.expires),
        })
      )) as unknown as StoredWireItem;
      return { ...created, story };
    };

    // The common cases are one write, which the document service makes atomic on its own.
    if (!newest) return { outcome: 'new', item: await store() };
    if (stale) return { outcome: 'stale', item: await store() };

    // A newer version: store it, supersede the older ones and flag their article, all or nothing.
    return strapi.db.transaction(async () => {
      const item = await store();
      const older = known.filter((k) => k.status !== 'superseded');
      if (older.length) {
        await items().updateMany({
          where: { id: { $in: older.map((k) => k.id) } },
          data: { status: 'superseded' },
        });
      }
      // Read again after superseding: a take that committed meanwhile has linked its article by now
      // (on PostgreSQL the update above waited for it), and that article must hear of the update.
      const current: StoredWireItem[] = older.length
        ? await items().findMany({
            select: ITEM_FIELDS,
            where: { id: { $in: known.map((k) => k.id) } },
            orderBy: { agencyVersion: 'desc' },
          })
        : known;
      const taken = current.find(
        (k) => k.articleDocumentId && !k.articleDocumentId.startsWith('claim:')
      );
      const flaggedArticle = taken ? await flagArticle(taken, item) : undefined;
      return { outcome: 'updated' as const, item, ...(flaggedArticle ? { flaggedArticle } : {}) };
    });
  };

  return {
    /**
     * Ingests a payload that may hold several items (a NewsML-G2 `newsMessage`): each item on
     * its own, so a refused one stores nothing and the others still go in. One item answers
     * as `ingest` does, refusal included.
     */
    async ingestMessage(
      request: IngestRequest
    ): Promise<Array<IngestResult | { refused: Refusal }>> {
      const format = formatForContentType(request.contentType);
      const text = decodePayload(request.payload, config().wire.maxBytes);
      if (format !== 'newsml-g2' || !NEWS_MESSAGE.test(text.slice(0, 4096)))
        return [await this.ingest(request)];
      const results: Array<IngestResult | { refused: Refusal }> = [];
      for (const item of feedItems('newsml-g2', text)) {
        try {
          results.push(
            await this.ingest({
              ...request,
              payload: Buffer.from(item.payload, 'utf8'),
              contentType: item.contentType,
            })
          );
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          results.push({ refused: error });
        }
      }
      return results;
    },

    /**
     * Ingests one payload. Throws WireParseError (400/413/415/422) naming what is wrong;
     * nothing is stored then. The same copy sent again, even at the same moment, is a
     * duplicate. Call it outside a transaction: on PostgreSQL the race's losing insert ends
     * the transaction it runs in.
     */
    async ingest(request: IngestRequest): Promise<IngestResult> {
      const receivedAt = request.receivedAt ?? new Date();
      const format = formatForContentType(request.contentType);
      const text = decodePayload(request.payload, config().wire.maxBytes);
      const story = parseWire(format, text, receivedAt);
      const hash = contentHash(text);
      const agency =
        (await speakerAgency(story, format, request)) ?? (await findAgency(story, request.agency));
      let result: IngestResult;
      try {
        result = await storeOnce(story, text, hash, format, receivedAt, agency);
      } catch (error) {
        // Another request stored the same item first: now it reads as a duplicate.
        if (!isUniqueViolation(error) || strapi.db.inTransaction()) throw error;
        result = await storeOnce(story, text, hash, format, receivedAt, agency);
      }
      // A kill sent again (even as the same version) is applied again: it must never be lost.
      const advisory = advisoryOf(story, format !== 'text');
      const applied = await applyAdvisory(strapi, agency, advisory, result.item);
      return advisory.status === 'usable'
        ? result
        : { ...result, advisory: { status: advisory.status, ...applied } };
    },
  };
};

export type WireIngestService = ReturnType<typeof wireIngestService>;
export default wireIngestService;
