/**
 * A newer agency version of a story that is already an article: editors see its diff on
 * the article and either apply it to the draft or dismiss it.
 */
import type { Core } from '@strapi/strapi';
import { draftFromStory } from '../../articles/domain/article-draft';
import { WIRE_ITEM_UID } from '../../platform/domain/uids';
import { articleRepository } from '../../articles/repository';
import type { WireStory } from '../domain/story';
import { Refusal } from '../../platform/domain/refusal';
import { defaultLocale } from '../../platform/locales';
import { updatedClassification } from '../domain/classification';

/** The parts of the copy an update replaces; attribution, rubric, photos and workflow stay as edited. */
const COPY_FIELDS = ['headline', 'standfirst', 'dateline', 'body', 'byline'] as const;

const wireUpdatesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const articles = articleRepository(strapi);
  const waiting = async (documentId: string, locale?: string) => {
    const loc = locale ?? (await defaultLocale(strapi));
    const draft = await articles.draft(documentId, loc);
    if (!draft) throw new Refusal(404, `Article ${documentId} not found`);
    if (!draft.wireUpdate) throw new Refusal(409, 'No wire update is waiting for this article');
    if (draft.workflowState === 'killed')
      throw new Refusal(409, 'A killed article takes no wire updates');
    return { draft, locale: loc };
  };

  /** Clears the flag with a direct write: `wireUpdate` belongs to the plugin, not to document writers. */
  const clear = (id: number) => articles.updateRow(id, { wireUpdate: null });

  return {
    /** Replaces the draft's copy with the newer version's and links the article to it. */
    async apply(documentId: string, locale?: string) {
      const { draft, locale: loc } = await waiting(documentId, locale);
      const item = (await strapi.db
        .query(WIRE_ITEM_UID)
        .findOne({ where: { id: draft.wireUpdate!.wireItemId } })) as {
        id: number;
        story: WireStory;
        agencyStatus?: 'usable' | 'withheld' | 'canceled';
      } | null;
      if (!item) throw new Refusal(409, 'The wire item of this update no longer exists');
      // A kill or withhold is the agency's word to editors, not copy for readers.
      if (item.agencyStatus && item.agencyStatus !== 'usable') {
        throw new Refusal(
          409,
          `This version is the agency's ${item.agencyStatus === 'canceled' ? 'kill' : 'withhold'}, not copy to apply; dismiss it`
        );
      }
      const copy = draftFromStory(item.story);
      const data = Object.fromEntries(
        COPY_FIELDS.filter((f) => copy[f] !== undefined).map((f) => [f, copy[f]])
      );
      // The new copy, the cleared flag and the item's link: all or nothing.
      await strapi.db.transaction(async () => {
        await articles.update(documentId, loc, {
          ...data,
          ...updatedClassification(draft as { subjects?: unknown; urgency?: number | null }, copy),
          wireItem: item.id,
        });
        await clear(draft.id);
        await strapi.db.query(WIRE_ITEM_UID).update({
          where: { id: item.id },
          data: { status: 'taken', articleDocumentId: documentId },
        });
      });
      return { applied: true, wireItemId: item.id };
    },

    /** Leaves the copy as it is and drops the flag. */
    async dismiss(documentId: string, locale?: string) {
      const { draft } = await waiting(documentId, locale);
      await clear(draft.id);
      return { applied: false, wireItemId: draft.wireUpdate!.wireItemId };
    },
  };
};

export type WireUpdatesService = ReturnType<typeof wireUpdatesService>;
export default wireUpdatesService;
