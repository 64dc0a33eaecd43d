import { articleDetail, type ArticleRow } from '../../../server/src/delivery/domain/article-view';
import { jsonLdImages, newsArticleJsonLd } from '../../../server/src/delivery/domain/json-ld';

const formats = (crop: string) =>
  Object.fromEntries(
    [640, 1600].flatMap((width) => [
      [
        `${crop}_${width}_jpeg`,
        { url: `/uploads/${crop}_${width}.jpg`, width, mime: 'image/jpeg' },
      ],
      [
        `${crop}_${width}_webp`,
        { url: `/uploads/${crop}_${width}.webp`, width, mime: 'image/webp' },
      ],
    ])
  );

const row: ArticleRow = {
  documentId: 'doc1',
  locale: 'en',
  slug: 'talks',
  headline: 'Talks begin in Sochi',
  standfirst: 'Leaders meet for the first time in a year',
  byline: 'Anna Petrova',
  language: 'en',
  dateline: { place: 'SOCHI', date: '2026-11-28' },
  attribution: { line: 'Associated Press', agency: { name: 'Associated Press', code: 'AP' } },
  rubric: { name: 'World', slug: 'world' },
  tags: [{ label: 'diplomacy' }, { label: 'russia' }],
  leadPhoto: {
    caption: 'Leaders meet',
    creditLine: 'AP Photo/Ivan Ivanov',
    image: {
      url: '/uploads/original.jpg',
      width: 4000,
      height: 3000,
      mime: 'image/jpeg',
      formats: { ...formats('16x9'), ...formats('4x3'), ...formats('1x1') },
    },
  },
  workflowVersion: 5,
  publicVersion: 2,
  firstPublishedAt: '2026-11-28T09:00:00.000Z',
  publishedAt: '2026-11-28T10:00:00.000Z',
};

describe('NewsArticle JSON-LD', () => {
  const view = articleDetail(row, 'https://news.example');

  test('carries what article structured data asks for', () => {
    expect(
      newsArticleJsonLd(view, {
        url: 'https://site.example/en/talks',
        publisher: {
          name: 'Daily Wire Desk',
          url: 'https://site.example',
          logoUrl: 'https://site.example/logo.png',
        },
        freeToRead: true,
      })
    ).toEqual({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Talks begin in Sochi',
      description: 'Leaders meet for the first time in a year',
      url: 'https://site.example/en/talks',
      mainEntityOfPage: { '@type': 'WebPage', '@id': 'https://site.example/en/talks' },
      datePublished: '2026-11-28T09:00:00.000Z',
      dateModified: '2026-11-28T10:00:00.000Z',
      inLanguage: 'en',
      image: [
        'https://news.example/uploads/16x9_1600.jpg',
        'https://news.example/uploads/4x3_1600.jpg',
        'https://news.example/uploads/1x1_1600.jpg',
      ],
      author: [{ '@type': 'Person', name: 'Anna Petrova' }],
      publisher: {
        '@type': 'NewsMediaOrganization',
        name: 'Daily Wire Desk',
        url: 'https://site.example',
        logo: { '@type': 'ImageObject', url: 'https://site.example/logo.png' },
      },
      sourceOrganization: {
        '@type': 'NewsMediaOrganization',
        name: 'Associated Press',
        alternateName: 'AP',
      },
      creditText: 'Associated Press',
      dateline: 'SOCHI, 2026-11-28',
      articleSection: 'World',
      keywords: 'diplomacy, russia',
      isAccessibleForFree: true,
    });
  });

  test('an article with no renditions offers its original; none without a photo', () => {
    const bare = articleDetail({ ...row, leadPhoto: { image: { url: '/uploads/a.jpg' } } }, '');
    expect(jsonLdImages(bare.leadPhoto)).toEqual(['/uploads/a.jpg']);
    expect(jsonLdImages(null)).toEqual([]);
  });
});
