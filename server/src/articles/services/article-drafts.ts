import type { NewsroomConfig } from '../../config';
import type { Core } from '@strapi/strapi';
import { draftFromStory } from '../domain/article-draft';
import { articleRepository } from '../repository';
import type { WireStory } from '../../wire/domain/story';
import { uploadWirePicture } from '../../images/wire-pictures';
import { getService } from '../../platform/services';
import { grantNewLocale } from '../../workflow/roles';
import type { Agency } from '../../wire/services/agencies';
import type { Rubric } from '../../wire/services/rubrics';

export interface DraftOptions {
  /** Agency code or name when the copy does not name one. */
  agency?: string;
  locale?: string;
  wireItemId?: number;
  /** The admin user making the draft: recorded as its creator, so roles limited to their own articles can work on it. */
  userId?: number;
  /** The lead picture, already uploaded (see `uploadWirePicture`). */
  leadImage?: { id: number; creditLine?: string };
  /** The agency and rubric, already found or made (see `references`). */
  references?: StoryReferences;
}

export interface StoryReferences {
  agency: Agency | null;
  rubric: Rubric | null;
}

/**
 * Creates the i18n locale `code` when missing, named in English (`Russian (ru)`, as i18n names
 * its own), and opens it to the newsroom roles that had every locale.
 */
export const ensureLocale = async (strapi: Core.Strapi, code: string): Promise<string> => {
  const locales = strapi.plugin('i18n').service('locales');
  const before = ((await locales.find()) as Array<{ code: string }>).map((l) => l.code);
  if (before.includes(code)) return code;
  let name = code;
  try {
    name = `${new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code} (${code})`;
  } catch {
    // A code Intl does not know keeps its code as its name.
  }
  try {
    await locales.create({ code, name });
    strapi.log.info(`[newsroom] created the locale ${code} for a story in that language`);
  } catch (error) {
    // Another take may have created it meanwhile; anything else is a real failure.
    const again = (await locales.findByCode(code)) as { code: string } | null;
    if (!again) throw error;
  }
  await grantNewLocale(strapi, code, before);
  return code;
};

/** Turns parsed wire stories into draft articles. */
const articleDraftsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The i18n locale for a story's language: the language itself or its base (`en` for `en-GB`);
   * when there is neither, created first if `wire.createMissingLocales` says so, else the default.
   */
  /** Creates a locale when missing and opens it to the newsroom roles that had every locale. */
  ensureLocale: (code: string) => ensureLocale(strapi, code),

  async localeFor(language?: string): Promise<string | undefined> {
    const i18n = strapi.plugin('i18n');
    if (!i18n) return undefined;
    const locales = i18n.service('locales');
    const codes = ((await locales.find()) as Array<{ code: string }>).map((l) => l.code);
    const base = language?.split('-')[0];
    // Locale codes are compared as BCP 47 does: without regard to case.
    const found = [language, base]
      .filter((c): c is string => Boolean(c))
      .map((c) => codes.find((code) => code.toLowerCase() === c.toLowerCase()))
      .find((c): c is string => Boolean(c));
    if (found) return found;
    const config = strapi.config.get('plugin::newsroom') as NewsroomConfig;
    // Only a language i18n itself offers becomes a locale: a wire tag cannot invent one.
    const offered = (i18n.service('iso-locales').getIsoLocales() as Array<{ code: string }>).some(
      (l) => l.code === base
    );
    if (base && offered && config.wire.createMissingLocales) return ensureLocale(strapi, base);
    return locales.getDefaultLocale();
  },

  /**
   * The agency and the rubric (from the series label) a story names, made when new. Call it
   * outside a transaction: they are created under unique indexes.
   */
  async references(story: WireStory, agencyFallback?: string): Promise<StoryReferences> {
    const agencyName = story.agencyName ?? agencyFallback;
    return {
      agency: agencyName ? await getService('agencies', strapi).findOrCreate(agencyName) : null,
      rubric: story.label ? await getService('rubrics', strapi).findOrCreate(story.label) : null,
    };
  },

  /** Creates a draft article from a story, with agency attribution, photo credit and rubric from its label. */
  async createFromStory(story: WireStory, options: DraftOptions = {}) {
    const agencies = getService('agencies', strapi);
    const { agency, rubric } = options.references ?? (await this.references(story, options.agency));

    const draft = draftFromStory(story, {
      attributionLine: agency ? agencies.attributionLine(agency) : undefined,
      usageTerms: agency?.usageTerms ?? story.usageTerms,
    });
    const fetched = options.leadImage;
    const leadPhoto =
      draft.leadPhoto || fetched
        ? { ...draft.leadPhoto, ...(fetched ? { image: fetched.id } : {}) }
        : undefined;
    const data = {
      ...draft,
      ...(leadPhoto ? { leadPhoto } : {}),
      ...(draft.attribution && agency
        ? { attribution: { ...draft.attribution, agency: agency.id } }
        : {}),
      // The agency's default credit is the last resort: the picture's own metadata comes first.
      ...(leadPhoto && !leadPhoto.creditLine && !fetched?.creditLine && agency?.defaultCredit
        ? { leadPhoto: { ...leadPhoto, creditLine: agency.defaultCredit } }
        : {}),
      ...(rubric ? { rubric: rubric.id } : {}),
      ...(options.wireItemId ? { wireItem: options.wireItemId } : {}),
      ...(options.userId ? { createdBy: options.userId, updatedBy: options.userId } : {}),
    };
    return articleRepository(strapi).create(
      data,
      options.locale ?? (await this.localeFor(story.language)),
      ['dateline', 'body', 'attribution', 'leadPhoto', 'rubric']
    );
  },
});

export type ArticleDraftsService = ReturnType<typeof articleDraftsService>;
export default articleDraftsService;

/**
 * Uploads the story's first picture when it names one; with `problem` saying why not when
 * it could not be added (the draft is made either way).
 */
export const leadImageFor = async (
  strapi: Core.Strapi,
  story: WireStory
): Promise<{ image?: { id: number; creditLine?: string }; problem?: string }> => {
  const picture = story.pictures?.[0];
  if (!picture?.href) return {};
  const result = await uploadWirePicture(strapi, picture);
  return 'id' in result ? { image: result } : { problem: result.problem };
};
