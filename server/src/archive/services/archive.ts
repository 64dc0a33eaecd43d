import type { Core } from '@strapi/strapi';
import type { NewsroomConfig } from '../../config';
import type { Actor } from '../../platform/actors';
import { Refusal } from '../../platform/domain/refusal';
import { PUBLISHED_VERSION_UID } from '../../platform/domain/uids';
import { refusalBody } from '../../platform/http-errors';
import { asWorkflow } from '../../platform/writers';
import { articleRepository } from '../../articles/repository';
import {
  articleDetail,
  articleDetailBody,
  type ArticleRow,
} from '../../delivery/domain/article-view';
import { getService } from '../../platform/services';
import { articlePage, killedPage } from '../../delivery/domain/article-page';
import { killedNinjs, toNinjs } from '../../delivery/domain/ninjs';
import { DETAIL_POPULATE } from '../../delivery/services/delivery';
import { factsOf, type ChangeFacts } from '../../push/domain/subscriptions';
import { wordDiff } from '../domain/word-diff';
import { contentHash } from '../domain/content-hash';
import { SNAPSHOT_FIELDS, snapshotText } from '../domain/snapshot-text';
import type {
  PublishedVersion,
  PublishedVersionSummary,
  SnapshotAction,
  VersionDiff,
} from '../../../../shared/contracts/versions';

interface SnapshotRow extends Omit<PublishedVersion, 'documentId' | 'locale'> {
  id: number;
  articleDocumentId: string;
  articleLocale: string;
}

const SUMMARY_COLUMNS = [
  'number',
  'action',
  'actorId',
  'actorName',
  'at',
  'slug',
  'headline',
  'contentHash',
] as const;

const summary = (row: SnapshotRow): PublishedVersionSummary => ({
  number: row.number,
  action: row.action,
  actorId: row.actorId ?? null,
  actorName: row.actorName ?? '',
  at: new Date(row.at).toISOString(),
  slug: row.slug ?? null,
  headline: row.headline ?? null,
  contentHash: row.contentHash,
});

/**
 * The archive of published versions: after every publication, correction, kill and scheduled
 * publication, what the public routes then serve is stored, numbered per article locale. The
 * rows are written here alone and never changed or deleted (see immutable-record.ts).
 */
const archiveService = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(PUBLISHED_VERSION_UID);
  const articles = articleRepository(strapi);
  const deliveryConfig = () => (strapi.config.get('plugin::newsroom') as NewsroomConfig).delivery;

  /**
   * Where file URLs in a snapshot point: the configured public URL (`server.url`), never a
   * request's Host header, which the requester chooses. Without it they stay relative.
   */
  const origin = () =>
    (strapi.config.get('server.url') as string | undefined)?.replace(/\/$/u, '') ?? '';

  const one = async (documentId: string, locale: string, number: number) => {
    const row = (await rows().findOne({
      where: { articleDocumentId: documentId, articleLocale: locale, number },
    })) as SnapshotRow | null;
    if (!row)
      throw new Refusal(
        404,
        `Article ${documentId} (${locale}) has no published version ${number}`
      );
    return row;
  };

  return {
    /** The number the next snapshot of this article locale gets (1 for the first). */
    async nextNumber(documentId: string, locale: string) {
      const last = (await rows().findOne({
        select: ['number'],
        where: { articleDocumentId: documentId, articleLocale: locale },
        orderBy: { number: 'desc' },
      })) as { number: number } | null;
      return (last?.number ?? 0) + 1;
    },

    /**
     * Stores what the public routes serve now for the article locale as snapshot `number`.
     * Called inside the workflow's transaction, after the change, so the snapshot and the
     * change are one: both stored, or neither.
     */
    async record(input: {
      documentId: string;
      locale: string;
      number: number;
      action: SnapshotAction;
      actor: Actor;
      at: Date;
      eventId?: number;
    }) {
      const { uriBase } = deliveryConfig();
      const at = input.at.toISOString();
      let delivery: unknown;
      let ninjs: unknown;
      let html: string;
      let slug: string | null;
      let headline: string | null;
      // What subscribers filter by: a kill's rubric and agency are those of what it withdrew.
      let facts: ChangeFacts;
      if (input.action === 'kill') {
        const draft = (await articles.draft(input.documentId, input.locale, {
          select: ['slug', 'headline', 'killNotice', 'language'],
        })) as {
          slug: string | null;
          headline: string;
          killNotice: string | null;
          language: string | null;
        } | null;
        // What readers last saw names the story; the working copy may hold edits never published.
        const served = (await rows().findOne({
          select: ['headline', 'slug', 'delivery'],
          where: {
            articleDocumentId: input.documentId,
            articleLocale: input.locale,
            action: { $ne: 'kill' },
          },
          orderBy: { number: 'desc' },
        })) as Pick<SnapshotRow, 'headline' | 'slug' | 'delivery'> | null;
        const notice = draft?.killNotice ?? 'This article has been withdrawn.';
        headline = served ? served.headline : (draft?.headline ?? null);
        slug = served ? served.slug : (draft?.slug ?? null);
        const language =
          ((served?.delivery as { data?: { language?: string } } | null)?.data?.language ??
            draft?.language) ||
          input.locale;
        delivery = refusalBody(new Refusal(410, notice));
        ninjs = killedNinjs(uriBase, {
          documentId: input.documentId,
          locale: input.locale,
          version: input.number,
          at,
          headline: headline ?? '',
          notice,
          language,
        });
        html = killedPage(headline ?? '', notice, language);
        facts = factsOf(served?.delivery ?? null);
      } else {
        const row = await articles.onePublished<ArticleRow>(
          { documentId: input.documentId, locale: input.locale, workflowState: 'published' },
          { populate: DETAIL_POPULATE }
        );
        if (!row)
          throw new Error(
            `The published version of ${input.documentId} (${input.locale}) is missing`
          );
        const view = articleDetail(row, origin());
        delivery = articleDetailBody(row, origin(), getService('delivery', strapi).site());
        ninjs = toNinjs(row, view, uriBase);
        html = articlePage(view);
        slug = row.slug;
        headline = row.headline;
        facts = factsOf(delivery);
      }
      await asWorkflow('archive', () =>
        rows().create({
          data: {
            articleDocumentId: input.documentId,
            articleLocale: input.locale,
            number: input.number,
            action: input.action,
            eventId: input.eventId ?? null,
            actorId: input.actor.id,
            actorName: input.actor.name.slice(0, 200),
            at: input.at,
            slug: slug?.slice(0, 255) ?? null,
            headline: headline?.slice(0, 255) ?? null,
            contentHash: contentHash(delivery, html, ninjs),
            delivery,
            ninjs,
            html,
          },
        })
      );
      // The outbox: in this transaction, so subscribers are told of a change exactly when it happened.
      await getService('push', strapi).enqueue(
        input.action,
        {
          documentId: input.documentId,
          locale: input.locale,
          version: input.number,
          at,
          delivery,
          ninjs,
        },
        facts,
        input.eventId
      );
    },

    /**
     * Archives what is served now for published articles that have no snapshot number yet
     * (published before the archive existed), as `Archived at upgrade (system)`. Returns how many.
     */
    async archiveUnarchived() {
      let archived = 0;
      for (;;) {
        const batch = await articles.published<ArticleRow>(
          { workflowState: 'published', publicVersion: null },
          { select: ['documentId', 'locale', 'publishedAt'], limit: 200 }
        );
        if (!batch.length) return archived;
        for (const row of batch) {
          const done = await strapi.db.transaction(() =>
            asWorkflow('archive', async () => {
              const number = await this.nextNumber(row.documentId, row.locale);
              // The claim: of processes starting together, the one whose UPDATE finds the rows unnumbered archives them.
              const claimed = await articles.updateRows(
                { documentId: row.documentId, locale: row.locale, publicVersion: null },
                { publicVersion: number }
              );
              if (!claimed) return false;
              await this.record({
                documentId: row.documentId,
                locale: row.locale,
                number,
                action: 'publish',
                actor: { id: null, name: 'Archived at upgrade (system)' },
                at: new Date(row.publishedAt),
              });
              return true;
            })
          );
          if (done) archived += 1;
        }
      }
    },

    /** The article locale's snapshots, newest first, without their bodies. */
    async list(documentId: string, locale: string): Promise<PublishedVersionSummary[]> {
      const found = (await rows().findMany({
        select: [...SUMMARY_COLUMNS],
        where: { articleDocumentId: documentId, articleLocale: locale },
        orderBy: { number: 'desc' },
      })) as SnapshotRow[];
      return found.map(summary);
    },

    /** One snapshot, whole. Throws Refusal 404. */
    async find(documentId: string, locale: string, number: number): Promise<PublishedVersion> {
      const row = await one(documentId, locale, number);
      return {
        ...summary(row),
        documentId: row.articleDocumentId,
        locale: row.articleLocale,
        delivery: row.delivery,
        ninjs: row.ninjs,
        html: row.html,
      };
    },

    /** A word-level diff of snapshot `a` against `b`, field by field. Throws Refusal 404. */
    async diff(documentId: string, locale: string, a: number, b: number): Promise<VersionDiff> {
      const [from, to] = await Promise.all([
        one(documentId, locale, a),
        one(documentId, locale, b),
      ]);
      const before = snapshotText(from.delivery);
      const after = snapshotText(to.delivery);
      return {
        from: a,
        to: b,
        fields: SNAPSHOT_FIELDS.filter((field) => before[field] || after[field]).map((field) => ({
          field,
          changed: before[field] !== after[field],
          parts: wordDiff(before[field], after[field]),
        })),
      };
    },
  };
};

export type ArchiveService = ReturnType<typeof archiveService>;
export default archiveService;
