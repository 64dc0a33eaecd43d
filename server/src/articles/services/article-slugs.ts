import type { Core } from '@strapi/strapi';
import { Refusal } from '../../platform/domain/refusal';
import { firstFreeSlug, isDerivedFrom, slugFromHeadline } from '../domain/slug';
import { articleRepository, type ArticleRow } from '../repository';
import { defaultLocale } from '../../platform/locales';

type ArticleData = { headline?: unknown; slug?: unknown } & Record<string, unknown>;

type StoredSlug = Pick<ArticleRow, 'headline' | 'slug' | 'firstPublishedAt'>;

/**
 * Keeps article slugs unique per locale and stable once an article has been published:
 * derived from the headline until then (following headline edits unless an editor chose
 * a slug of their own), frozen afterwards.
 */
const articleSlugsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const takenSlugs = async (base: string, locale: string, documentId?: string) => {
    const rows = await articleRepository(strapi).rows(
      {
        locale,
        slug: { $startsWith: base },
        ...(documentId ? { documentId: { $ne: documentId } } : {}),
      },
      { select: ['slug'] }
    );
    return rows.map((r) => r.slug).filter((s): s is string => Boolean(s));
  };

  const uniqueSlug = async (wanted: string, locale: string, documentId?: string) => {
    const base = slugFromHeadline(wanted);
    if (!base) {
      throw new Refusal(400, 'The headline or slug must contain at least one letter or digit');
    }
    return firstFreeSlug(base, await takenSlugs(base, locale, documentId));
  };

  const storedDraft = async (documentId: string, locale: string): Promise<StoredSlug | null> =>
    articleRepository(strapi).draft(documentId, locale, {
      select: ['headline', 'slug', 'firstPublishedAt'],
    });

  return {
    /** Sets `data.slug` for a new article. Throws Refusal 400 when no slug can be made. */
    async onCreate(data: ArticleData, locale?: string) {
      const explicit = typeof data.slug === 'string' && data.slug.trim() !== '';
      const source = explicit ? (data.slug as string) : data.headline;
      if (typeof source !== 'string' || source.trim() === '') return; // Strapi's validator reports the missing headline
      data.slug = await uniqueSlug(source, locale ?? (await defaultLocale(strapi)));
    },

    /** Sets or keeps `data.slug` on an update. Throws Refusal 400 when a published slug would change. */
    async onUpdate(documentId: string, data: ArticleData, locale?: string) {
      const loc = locale ?? (await defaultLocale(strapi));
      const stored = await storedDraft(documentId, loc);
      if (!stored) return this.onCreate(data, loc); // a new locale of an existing document

      const slugGiven = typeof data.slug === 'string' && data.slug.trim() !== '';
      if (stored.firstPublishedAt) {
        if (slugGiven && data.slug !== stored.slug) {
          throw new Refusal(
            400,
            'The slug of an article cannot change once it has been published',
            {
              slug: stored.slug,
            }
          );
        }
        if (stored.slug) data.slug = stored.slug;
        return;
      }

      if (slugGiven && data.slug !== stored.slug) {
        data.slug = await uniqueSlug(data.slug as string, loc, documentId);
        return;
      }
      const headline = typeof data.headline === 'string' ? data.headline : stored.headline;
      const followsHeadline =
        !stored.slug ||
        (stored.headline !== null && isDerivedFrom(stored.slug, slugFromHeadline(stored.headline)));
      if (headline && followsHeadline && (headline !== stored.headline || !stored.slug)) {
        data.slug = await uniqueSlug(headline, loc, documentId);
      }
    },

    /** Records the first publication time; from then on the slug is frozen. */
    async onPublished(documentId: string, locale?: string) {
      const where: Record<string, unknown> = { documentId, firstPublishedAt: null };
      if (locale && locale !== '*') where.locale = locale;
      await articleRepository(strapi).updateRows(where, { firstPublishedAt: new Date() });
    },
  };
};

export type ArticleSlugsService = ReturnType<typeof articleSlugsService>;
export default articleSlugsService;
