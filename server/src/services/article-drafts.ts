import type { Core } from '@strapi/strapi';
import { draftFromStory } from '../domain/article-draft';
import { ARTICLE_UID } from '../domain/uids';
import type { WireStory } from '../domain/wire/story';
import { getService } from '../utils';

export interface DraftOptions {
  /** Agency code or name when the copy does not name one. */
  agency?: string;
  locale?: string;
  wireItemId?: number;
}

/** Turns parsed wire stories into draft articles. */
const articleDraftsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Creates a draft article from a story, with agency attribution and rubric from its label. */
  async createFromStory(story: WireStory, options: DraftOptions = {}) {
    const agencyName = story.agencyName ?? options.agency;
    const agency = agencyName ? await getService('agencies', strapi).findOrCreate(agencyName) : null;
    const rubric = story.label ? await getService('rubrics', strapi).findOrCreate(story.label) : null;

    const draft = draftFromStory(story, agency ? getService('agencies', strapi).attributionLine(agency) : undefined);
    const data = {
      ...draft,
      ...(draft.attribution && agency ? { attribution: { ...draft.attribution, agency: agency.id } } : {}),
      ...(draft.leadPhoto && agency?.usageTerms ? { leadPhoto: { ...draft.leadPhoto, usageTerms: agency.usageTerms } } : {}),
      ...(rubric ? { rubric: rubric.id } : {}),
      ...(options.wireItemId ? { wireItem: options.wireItemId } : {}),
    };
    return strapi.documents(ARTICLE_UID).create({
      data: data as never,
      ...(options.locale ? { locale: options.locale } : {}),
      populate: ['dateline', 'body', 'attribution', 'leadPhoto', 'rubric'],
    });
  },
});

export type ArticleDraftsService = ReturnType<typeof articleDraftsService>;
export default articleDraftsService;
