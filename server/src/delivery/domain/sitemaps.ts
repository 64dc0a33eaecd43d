/**
 * Sitemaps for search engines: a news sitemap (Google's `news:` extension) of what was first
 * published lately, and a sitemap of every published article, split by a sitemap index past
 * the protocol's 50,000 URLs per file.
 */

export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
/** The protocol's limit of URLs in one sitemap file. */
export const SITEMAP_MAX_URLS = 50_000;
/** Google's limits for a news sitemap: articles of the last two days, at most 1,000. */
export const NEWS_SITEMAP_HOURS = 48;
export const NEWS_SITEMAP_MAX_URLS = 1000;

const escape = (text: string) => text.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);

/** Drops what XML 1.0 cannot hold at all (control characters other than tab and line ends). */
const xmlText = (text: string) =>
  escape(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu, ''));

/** The address readers reach an article at: `<siteUrl>/<locale>/<slug>` (slugs are unique per locale only). */
export const canonicalUrl = (siteUrl: string, locale: string, slug: string) =>
  `${siteUrl.replace(/\/+$/u, '')}/${encodeURIComponent(locale)}/${encodeURIComponent(slug)}`;

export interface NewsEntry {
  url: string;
  title: string;
  language: string;
  firstPublishedAt: string;
}

/** A news sitemap of the given entries (already limited to the last 48 hours and 1,000). */
export const newsSitemap = (publicationName: string, entries: NewsEntry[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">\n${entries
    .map(
      (e) =>
        `<url><loc>${xmlText(e.url)}</loc><news:news><news:publication><news:name>${xmlText(publicationName)}</news:name><news:language>${xmlText(newsLanguage(e.language))}</news:language></news:publication><news:publication_date>${xmlText(e.firstPublishedAt)}</news:publication_date><news:title>${xmlText(e.title)}</news:title></news:news></url>`
    )
    .join('\n')}\n</urlset>\n`;

/** Google reads ISO 639 codes, with `zh-cn`/`zh-tw` as the only region forms. */
export const newsLanguage = (language: string) => {
  const lower = language.toLowerCase();
  return lower === 'zh-cn' || lower === 'zh-tw' ? lower : lower.split('-')[0];
};

export interface SitemapEntry {
  url: string;
  lastModified: string;
}

/** A sitemap of up to `SITEMAP_MAX_URLS` entries. */
export const sitemap = (entries: SitemapEntry[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NS}">\n${entries
    .map(
      (e) => `<url><loc>${xmlText(e.url)}</loc><lastmod>${xmlText(e.lastModified)}</lastmod></url>`
    )
    .join('\n')}\n</urlset>\n`;

/** A sitemap index naming the pages of a sitemap too large for one file. */
export const sitemapIndex = (pages: Array<{ url: string; lastModified?: string | null }>) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${SITEMAP_NS}">\n${pages
    .map(
      (p) =>
        `<sitemap><loc>${xmlText(p.url)}</loc>${p.lastModified ? `<lastmod>${xmlText(p.lastModified)}</lastmod>` : ''}</sitemap>`
    )
    .join('\n')}\n</sitemapindex>\n`;
