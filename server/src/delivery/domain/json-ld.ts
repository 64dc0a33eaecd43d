/**
 * schema.org `NewsArticle` for an article's detail, as search engines read article structured
 * data: headline, dates, author, publisher, images in the 16:9, 4:3 and 1:1 crops already
 * rendered, whether it is free to read, and the agency as the source organization.
 */
import type { ArticleDetail, PhotoView, Rendition } from './article-view';

type Json = Record<string, unknown>;

export interface Publisher {
  name: string;
  url?: string | null;
  logoUrl?: string | null;
}

/** The crops search engines ask for, widest first. */
export const JSON_LD_CROPS = ['16x9', '4x3', '1x1'] as const;

/** The widest rendition of a crop, JPEG first (the format every crawler reads). */
const widest = (photo: PhotoView, crop: string): Rendition | null => {
  const byMime = photo.image?.renditions[crop];
  if (!byMime) return null;
  const lists = [byMime['image/jpeg'], ...Object.values(byMime)].filter(Boolean) as Rendition[][];
  for (const list of lists) {
    const best = [...list].sort((a, b) => (b.width ?? 0) - (a.width ?? 0))[0];
    if (best) return best;
  }
  return null;
};

/** One image URL per crop that is rendered; the original when none is. */
export const jsonLdImages = (photo: PhotoView | null): string[] => {
  if (!photo?.image) return [];
  const urls = JSON_LD_CROPS.map((crop) => widest(photo, crop)?.url).filter((url): url is string =>
    Boolean(url)
  );
  return urls.length ? urls : [photo.image.url];
};

/** At most 110 characters, as search engines ask; cut between code points, never inside one. */
const shortHeadline = (headline: string) => {
  const points = Array.from(headline);
  return points.length > 110 ? `${points.slice(0, 109).join('')}…` : headline;
};

const compact = (o: Json): Json =>
  Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)
    )
  );

/** The article as a schema.org `NewsArticle`. `url` is its canonical address. */
export const newsArticleJsonLd = (
  view: ArticleDetail,
  options: {
    url: string | null;
    publisher: Publisher;
    freeToRead: boolean;
    /** Set for agency copy run unchanged: the agency's item it is. */
    syndicatedFrom?: { guid: string | null } | null;
  }
): Json => {
  const agency = view.attribution?.agency;
  return compact({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: shortHeadline(view.headline),
    description: view.standfirst ?? undefined,
    url: options.url ?? undefined,
    mainEntityOfPage: options.url ? { '@type': 'WebPage', '@id': options.url } : undefined,
    datePublished: view.firstPublishedAt,
    dateModified: view.updatedAt,
    inLanguage: view.language,
    image: jsonLdImages(view.leadPhoto),
    author: view.byline
      ? [{ '@type': 'Person', name: view.byline }]
      : [{ '@type': 'Organization', name: agency?.name ?? options.publisher.name }],
    publisher: compact({
      '@type': 'NewsMediaOrganization',
      name: options.publisher.name,
      url: options.publisher.url ?? undefined,
      logo: options.publisher.logoUrl
        ? { '@type': 'ImageObject', url: options.publisher.logoUrl }
        : undefined,
    }),
    sourceOrganization: agency
      ? { '@type': 'NewsMediaOrganization', name: agency.name, alternateName: agency.code }
      : undefined,
    creditText: view.attribution?.line ?? undefined,
    dateline: [view.dateline?.place, view.dateline?.date].filter(Boolean).join(', ') || undefined,
    articleSection: view.rubric?.name,
    keywords: view.tags.length ? view.tags.join(', ') : undefined,
    isAccessibleForFree: options.freeToRead,
    isBasedOn: options.syndicatedFrom
      ? compact({
          '@type': 'NewsArticle',
          identifier: options.syndicatedFrom.guid ?? undefined,
          publisher: agency ? { '@type': 'NewsMediaOrganization', name: agency.name } : undefined,
        })
      : undefined,
  });
};
