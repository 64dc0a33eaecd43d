import type { Core } from '@strapi/strapi';
import { draftFromStory } from '../domain/article-draft';
import { ARTICLE_UID } from '../domain/uids';
import type { WireStory } from '../domain/wire/story';
import { uploadWirePicture } from '../images/wire-pictures';
import { getService } from '../utils';

export interface DraftOptions {
  /** Agency code or name when the copy does not name one. */
  agency?: string;
  locale?: string;
  wireItemId?: number;
}

/** Turns parsed wire stories into draft articles. */
const articleDraftsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The i18n locale for a story's language: the language itself or its base when configured, else the default. */
  async localeFor(language?: string): Promise<string | undefined> {
    const locales = strapi.plugin('i18n')?.service('locales');
    if (!locales) return undefined;
    const codes = ((await locales.find()) as Array<{ code: string }>).map((l) => l.code);
    const wanted = [language, language?.split('-')[0]].filter((c): c is string => Boolean(c));
    return wanted.find((c) => codes.includes(c)) ?? (await locales.getDefaultLocale());
  },

  /** Creates a draft article from a story, with agency attribution, photo credit and rubric from its label. */
  async createFromStory(story: WireStory, options: DraftOptions = {}) {
    const agencyName = story.agencyName ?? options.agency;
    const agencies = getService('agencies', strapi);
    const agency = agencyName ? await agencies.findOrCreate(agencyName) : null;
    const rubric = story.label ? await getService('rubrics', strapi).findOrCreate(story.label) : null;

    const draft = draftFromStory(story, {
      attributionLine: agency ? agencies.attributionLine(agency) : undefined,
      usageTerms: agency?.usageTerms ?? story.usageTerms,
    });
    const picture = story.pictures?.[0];
    const fetched = picture?.href ? await uploadWirePicture(strapi, picture) : null;
    const leadPhoto = draft.leadPhoto || fetched ? { ...draft.leadPhoto, ...(fetched && 'id' in fetched ? { image: fetched.id } : {}) } : undefined;
    const data = {
      ...draft,
      ...(leadPhoto ? { leadPhoto } : {}),
      ...(draft.attribution && agency ? { attribution: { ...draft.attribution, agency: agency.id } } : {}),
      // The agency's default credit is the last resort: the picture's own metadata comes first.
      ...(leadPhoto && !leadPhoto.creditLine && !(fetched && 'id' in fetched && fetched.creditLine) && agency?.defaultCredit
        ? { leadPhoto: { ...leadPhoto, creditLine: agency.defaultCredit } }
        : {}),
      ...(rubric ? { rubric: rubric.id } : {}),
      ...(options.wireItemId ? { wireItem: options.wireItemId } : {}),
    };
    return strapi.documents(ARTICLE_UID).create({
      data: data as never,
      locale: options.locale ?? (await this.localeFor(story.language)),
      populate: ['dateline', 'body', 'attribution', 'leadPhoto', 'rubric'],
    });
  },
});

export type ArticleDraftsService = ReturnType<typeof articleDraftsService>;
export default articleDraftsService;
