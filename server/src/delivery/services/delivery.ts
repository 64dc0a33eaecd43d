import type { Core } from '@strapi/strapi';
import type { NewsroomConfig } from '../../config';
import type { ArticleRow, SiteFacts } from '../domain/article-view';
import { articleRepository, PUBLISHED_ROWS } from '../../articles/repository';
import { getService } from '../../platform/services';
import { narrowerCodes } from '../../subjects/domain/subjects';
import type { SearchQuery } from '../../search/domain/query';

export interface ArticleQuery {
  locale: string;
  rubric?: string;
  agency?: string;
  tag?: string;
  /** A subject code; a parent Media Topic takes in its narrower ones. */
  subject?: string;
  /** Search words, parsed: published text only, best matches first (or newest with `sort: 'time'`). */
  search?: SearchQuery;
  sort?: 'relevance' | 'time';
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
  /** False: the total is not wanted (a feed), and not counted. */
  counted?: boolean;
  /** The public generation the request read (see delivery-cache), for the kept total. */
  generation?: string;
}

const PHOTO = {
  populate: {
    image: {
      select: ['url', 'width', 'height', 'mime', 'size', 'alternativeText', 'formats', 'newsroom'],
    },
  },
};
/** The article's own columns a summary shows: none of its working fields (edit trail, wire update). */
const SUMMARY_FIELDS = [
  'id',
  'documentId',
  'locale',
  'slug',
  'headline',
  'standfirst',
  'byline',
  'subjects',
  'urgency',
  'firstPublishedAt',
  'publishedAt',
];
const SUMMARY_POPULATE = {
  dateline: true,
  attribution: { populate: { agency: { select: ['name', 'code', 'usageTerms'] } } },
  rubric: { select: ['name', 'slug'] },
  tags: true,
  leadPhoto: PHOTO,
};
export const DETAIL_POPULATE = {
  ...SUMMARY_POPULATE,
  body: true,
  gallery: PHOTO,
  corrections: true,
  // For syndication: whether the words are still the agency's.
  wireItem: { select: ['story', 'agencyGuid'] },
};

/** Only what may be read: the published version (see `published`) of an article in the published state. */
const PUBLIC = { workflowState: 'published' };

/** Reads for headless consumers: only published, non-embargoed, non-killed articles. */
const deliveryService = ({ strapi }: { strapi: Core.Strapi }) => {
  const articles = articleRepository(strapi);

  return {
    config: () => (strapi.config.get('plugin::newsroom') as NewsroomConfig).delivery,

    /** What the site says of itself in canonical URLs and structured data. */
    site(): SiteFacts {
      const config = (strapi.config.get('plugin::newsroom') as NewsroomConfig).delivery;
      return {
        siteUrl: config.siteUrl ?? '',
        publisherName: config.publisherName || config.feedTitle,
        publisherLogoUrl: config.publisherLogoUrl,
        freeToRead: config.freeToRead,
        markSyndicated: config.markSyndicated,
      };
    },

    /**
     * Published articles, newest first by first publication; with `search`, the best matches
     * first, each with its snippet. Only the public index is searched: unpublished words can
     * match nothing, nor weigh on a count or a rank.
     */
    async list(
      query: ArticleQuery
    ): Promise<{ rows: Array<ArticleRow & { snippet?: string }>; total: number }> {
      const search = getService('search', strapi);
      const firstPublishedAt = {
        ...(query.from ? { $gte: query.from } : {}),
        ...(query.to ? { $lte: query.to } : {}),
      };
      const where = {
        ...PUBLIC,
        locale: query.locale,
        ...(query.rubric ? { rubric: { slug: query.rubric } } : {}),
        ...(query.agency ? { attribution: { agency: { code: query.agency } } } : {}),
        ...(query.tag ? { tags: { label: query.tag } } : {}),
        ...(query.subject
          ? search.articlesWithSubjects('public', [...narrowerCodes(query.subject)], query.locale)
          : {}),
        ...(Object.keys(firstPublishedAt).length ? { firstPublishedAt } : {}),
      };
      if (query.search) {
        const ranked = await search.articles(
          'public',
          query.search,
          query.locale,
          { $and: [where, PUBLISHED_ROWS] },
          query.sort ?? 'relevance',
          query
        );
        const rows = ranked.hits.length
          ? await articles.published<ArticleRow>(
              { ...where, documentId: { $in: ranked.hits.map((h) => h.key) } },
              { select: SUMMARY_FIELDS, populate: SUMMARY_POPULATE }
            )
          : [];
        const byId = new Map(rows.map((row) => [row.documentId, row]));
        return {
          rows: ranked.hits.flatMap((hit) => {
            const row = byId.get(hit.key);
            return row ? [{ ...row, snippet: hit.snippet }] : [];
          }),
          total: ranked.total,
        };
      }
      // Unfiltered, the total is the count the database keeps: no count of the whole archive.
      const unfiltered = !(
        query.rubric ||
        query.agency ||
        query.tag ||
        query.subject ||
        query.from ||
        query.to
      );
      const total = async () =>
        (unfiltered
          ? await getService('delivery-cache', strapi).servedIn(query.locale, query.generation)
          : null) ?? articles.countPublished(where);
      const [rows, count] = await Promise.all([
        articles.published<ArticleRow>(where, {
          select: SUMMARY_FIELDS,
          populate: SUMMARY_POPULATE,
          orderBy: [{ firstPublishedAt: 'desc' }, { id: 'desc' }],
          offset: (query.page - 1) * query.pageSize,
          limit: query.pageSize,
        }),
        query.counted === false ? Promise.resolve(NaN) : total(),
      ]);
      return { rows, total: count };
    },

    /** Articles first published since `since`, newest first, every locale: the news sitemap's. */
    async firstPublishedSince(since: Date, limit: number) {
      return articles.published<ArticleRow>(
        { ...PUBLIC, firstPublishedAt: { $gte: since } },
        {
          select: ['documentId', 'locale', 'slug', 'headline', 'language', 'firstPublishedAt'],
          orderBy: [{ firstPublishedAt: 'desc' }, { id: 'desc' }],
          limit,
        }
      );
    },

    /** How many published articles there are, every locale: the sitemap's size. */
    countPublic: () => articles.countPublished(PUBLIC),

    /**
     * One page of every published article, by first publication (a page's URLs stay put as
     * articles are added or corrected: a correction makes a new row, not a new first publication).
     */
    async publicPage(page: number, pageSize: number) {
      return articles.published<ArticleRow>(PUBLIC, {
        select: ['locale', 'slug', 'publishedAt'],
        orderBy: [{ firstPublishedAt: 'asc' }, { documentId: 'asc' }, { locale: 'asc' }],
        offset: (page - 1) * pageSize,
        limit: pageSize,
      });
    },

    /** The published article with this slug, or why there is none: killed (with its notice) or not found. */
    async findBySlug(
      slug: string,
      locale: string
    ): Promise<{ row: ArticleRow } | { killed: string } | null> {
      const row = await articles.onePublished<ArticleRow>(
        { ...PUBLIC, slug, locale },
        { populate: DETAIL_POPULATE }
      );
      if (row) return { row };
      const [killed] = await articles.drafts(
        { slug, locale, workflowState: 'killed' },
        { select: ['killNotice'], limit: 1 }
      );
      return killed ? { killed: killed.killNotice ?? 'This article has been withdrawn.' } : null;
    },
  };
};

export type DeliveryService = ReturnType<typeof deliveryService>;
export default deliveryService;
