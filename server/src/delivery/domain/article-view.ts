import { urgencyOf, validSubjects } from '../../subjects/domain/subjects';
import { blocksToHtml } from './blocks-html';
import { newsArticleJsonLd } from './json-ld';
import { runsAgencyCopyUnchanged } from './syndication';
import { canonicalUrl } from './sitemaps';

/** Article rows as the database returns them with the delivery populate. */
export interface MediaFile {
  url: string;
  width?: number | null;
  height?: number | null;
  mime?: string | null;
  size?: number | null; // kB, as Strapi stores it
  alternativeText?: string | null;
  formats?: Record<
    string,
    { url: string; width?: number; height?: number; mime?: string; size?: number }
  > | null;
  /** The plugin's data on the file; its blurred placeholder is passed on. */
  newsroom?: { placeholder?: string | null } | null;
}

export interface PhotoRow {
  image?: MediaFile | null;
  caption?: string | null;
  creditLine?: string | null;
  creator?: string | null;
  source?: string | null;
  copyrightNotice?: string | null;
  usageTerms?: string | null;
}

export interface ArticleRow {
  documentId: string;
  locale: string;
  slug: string;
  headline: string;
  standfirst?: string | null;
  byline?: string | null;
  language?: string | null;
  dateline?: { place?: string | null; date?: string | null } | null;
  body?: Array<{ subhead?: string | null; text?: unknown }> | null;
  attribution?: {
    line?: string | null;
    agency?: { name: string; code: string; usageTerms?: string | null } | null;
  } | null;
  rubric?: { name: string; slug: string | null } | null;
  tags?: Array<{ label: string }> | null;
  /** JSON as stored: `[{ code, name }]`, checked on the way out too. */
  subjects?: unknown;
  urgency?: number | null;
  leadPhoto?: PhotoRow | null;
  gallery?: PhotoRow[] | null;
  corrections?: Array<{ date: string; note: string }> | null;
  /** The wire item the article was taken from (detail only): what syndication compares with. */
  wireItem?: { story?: unknown; agencyGuid?: string | null } | null;
  workflowVersion: number;
  /** The number of the archived snapshot this row is (see the archive of published versions). */
  publicVersion?: number | null;
  firstPublishedAt?: string | null;
  publishedAt: string;
}

export interface Rendition {
  url: string;
  width: number | null;
  height: number | null;
  mime: string | null;
}

export interface PhotoView {
  caption: string | null;
  creditLine: string | null;
  creator: string | null;
  source: string | null;
  copyrightNotice: string | null;
  usageTerms: string | null;
  image: null | {
    url: string;
    width: number | null;
    height: number | null;
    mime: string | null;
    alternativeText: string | null;
    /** Per crop, per MIME type, widths ascending: ready for `srcset`. */
    renditions: Record<string, Record<string, Rendition[]>>;
    /** `srcset` strings per crop and MIME type. */
    srcset: Record<string, Record<string, string>>;
    placeholder: string | null;
  };
}

const absolute = (url: string, origin: string) =>
  /^https?:\/\//iu.test(url) ? url : `${origin}${url.startsWith('/') ? '' : '/'}${url}`;

/**
 * Strapi's `formats` hold the renditions: a key `<crop>_<width>` or a plain size name
 * (`small`, `medium`…) is grouped under its crop (`original` for plain sizes).
 */
export const photoView = (photo: PhotoRow | null | undefined, origin: string): PhotoView | null => {
  if (!photo) return null;
  const file = photo.image;
  let image: PhotoView['image'] = null;
  if (file?.url) {
    const renditions: Record<string, Record<string, Rendition[]>> = {};
    const add = (crop: string, r: Rendition) => {
      const mime = r.mime ?? 'application/octet-stream';
      ((renditions[crop] ??= {})[mime] ??= []).push(r);
    };
    add('original', {
      url: absolute(file.url, origin),
      width: file.width ?? null,
      height: file.height ?? null,
      mime: file.mime ?? null,
    });
    for (const [name, format] of Object.entries(file.formats ?? {})) {
      const crop = /^(.+)_\d+(_[a-z0-9]+)?$/iu.exec(name)?.[1] ?? 'original';
      add(crop === 'thumbnail' ? 'original' : crop, {
        url: absolute(format.url, origin),
        width: format.width ?? null,
        height: format.height ?? null,
        mime: format.mime ?? file.mime ?? null,
      });
    }
    const srcset: Record<string, Record<string, string>> = {};
    for (const [crop, byMime] of Object.entries(renditions)) {
      for (const [mime, list] of Object.entries(byMime)) {
        list.sort((a, b) => (a.width ?? 0) - (b.width ?? 0));
        (srcset[crop] ??= {})[mime] = list
          .filter((r) => r.width)
          .map((r) => `${r.url} ${r.width}w`)
          .join(', ');
      }
    }
    image = {
      url: absolute(file.url, origin),
      width: file.width ?? null,
      height: file.height ?? null,
      mime: file.mime ?? null,
      alternativeText: file.alternativeText ?? null,
      renditions,
      srcset,
      placeholder: file.newsroom?.placeholder ?? null,
    };
  }
  return {
    caption: photo.caption ?? null,
    creditLine: photo.creditLine ?? null,
    creator: photo.creator ?? null,
    source: photo.source ?? null,
    copyrightNotice: photo.copyrightNotice ?? null,
    usageTerms: photo.usageTerms ?? null,
    image,
  };
};

export const sectionsView = (row: ArticleRow) =>
  (row.body ?? []).map((s) => ({
    subhead: s.subhead ?? null,
    html: blocksToHtml(s.text),
    blocks: s.text ?? [],
  }));

/** The body as one HTML document, subheads as `<h2>`. */
export const bodyHtml = (row: ArticleRow) =>
  sectionsView(row)
    .map(
      (s) =>
        `${s.subhead ? `<h2>${s.subhead.replace(/[&<>"]/gu, (c) => `&#${c.charCodeAt(0)};`)}</h2>\n` : ''}${s.html}`
    )
    .join('\n');

const summaryFields = (row: ArticleRow, origin: string) => ({
  documentId: row.documentId,
  slug: row.slug,
  locale: row.locale,
  headline: row.headline,
  standfirst: row.standfirst ?? null,
  dateline: row.dateline
    ? { place: row.dateline.place ?? null, date: row.dateline.date ?? null }
    : null,
  byline: row.byline ?? null,
  attribution: row.attribution?.line
    ? {
        line: row.attribution.line,
        agency: row.attribution.agency
          ? { name: row.attribution.agency.name, code: row.attribution.agency.code }
          : null,
      }
    : null,
  rubric: row.rubric ? { name: row.rubric.name, slug: row.rubric.slug } : null,
  tags: (row.tags ?? []).map((t) => t.label),
  subjects: validSubjects(row.subjects).map((s) => ({ code: s.code, name: s.name ?? null })),
  urgency: urgencyOf(row.urgency) ?? null,
  leadPhoto: photoView(row.leadPhoto, origin),
  firstPublishedAt: row.firstPublishedAt ?? row.publishedAt,
  updatedAt: row.publishedAt,
});

/** An article in the list. */
export const articleSummary = (row: ArticleRow, origin: string) => summaryFields(row, origin);

/** One article, whole. */
export const articleDetail = (row: ArticleRow, origin: string) => ({
  ...summaryFields(row, origin),
  language: row.language ?? row.locale,
  sections: sectionsView(row),
  gallery: (row.gallery ?? []).map((p) => photoView(p, origin)),
  corrections: (row.corrections ?? []).map((c) => ({ date: c.date, note: c.note })),
  // The archive's snapshot number; rows published before the archive existed were archived as 1.
  version: row.publicVersion ?? 1,
});

export type ArticleDetail = ReturnType<typeof articleDetail>;
export type ArticleSummary = ReturnType<typeof articleSummary>;

/** What the site around the delivery says of itself, for canonical URLs and structured data. */
export interface SiteFacts {
  siteUrl: string;
  publisherName: string;
  publisherLogoUrl: string;
  freeToRead: boolean;
  /** Mark agency copy run unchanged as syndicated. */
  markSyndicated: boolean;
}

/**
 * The body of `GET /api/newsroom/articles/:slug`: the article, its canonical URL and its
 * schema.org `NewsArticle`. The archive stores exactly this, so both call it.
 */
export const articleDetailBody = (row: ArticleRow, origin: string, site: SiteFacts) => {
  const view = articleDetail(row, origin);
  const url = site.siteUrl ? canonicalUrl(site.siteUrl, row.locale, row.slug) : null;
  const syndicated = site.markSyndicated && runsAgencyCopyUnchanged(row);
  return {
    data: {
      ...view,
      canonicalUrl: url,
      syndicated,
      jsonLd: newsArticleJsonLd(view, {
        syndicatedFrom: syndicated ? { guid: row.wireItem?.agencyGuid ?? null } : null,
        url,
        publisher: {
          name: site.publisherName,
          url: site.siteUrl || null,
          logoUrl: site.publisherLogoUrl || null,
        },
        freeToRead: site.freeToRead,
      }),
    },
    meta: {},
  };
};
