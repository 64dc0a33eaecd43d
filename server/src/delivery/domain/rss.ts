import { MEDIA_TOPIC_URI, mediaTopicUri } from '../../subjects/domain/subjects';
import type { ArticleSummary } from './article-view';
import { escapeHtml } from './blocks-html';

/** A subject's taxonomy as RSS names it: IPTC's Media Topics by their scheme URI, other schemes by their alias. */
const subjectDomain = (code: string) =>
  mediaTopicUri(code) ? MEDIA_TOPIC_URI : code.slice(0, code.indexOf(':'));

export interface FeedChannel {
  title: string;
  link: string;
  description: string;
  selfUrl: string;
  language?: string;
}

/** RSS 2.0: one item per article, with its attribution and the lead image as an enclosure. */
export const toRss = (
  channel: FeedChannel,
  items: Array<ArticleSummary & { link: string; imageBytes?: number | null }>
): string => {
  // Built from the content alone (no clock), so the same feed has the same ETag.
  const lastBuild = items.reduce(
    (latest, i) => (i.updatedAt > latest ? i.updatedAt : latest),
    '1970-01-01T00:00:00.000Z'
  );
  const x = escapeHtml;
  const itemXml = items.map((item) => {
    const description = [item.standfirst, item.attribution?.line].filter(Boolean).join(' — ');
    const image = item.leadPhoto?.image;
    return [
      '    <item>',
      `      <title>${x(item.headline)}</title>`,
      `      <link>${x(item.link)}</link>`,
      `      <guid isPermaLink="false">${x(`${item.documentId}:${item.locale}`)}</guid>`,
      `      <pubDate>${new Date(item.firstPublishedAt ?? item.updatedAt).toUTCString()}</pubDate>`,
      description ? `      <description>${x(description)}</description>` : '',
      item.attribution?.line ? `      <dc:rights>${x(item.attribution.line)}</dc:rights>` : '',
      item.byline ? `      <dc:creator>${x(item.byline)}</dc:creator>` : '',
      item.rubric ? `      <category>${x(item.rubric.name)}</category>` : '',
      ...item.tags.map((t) => `      <category>${x(t)}</category>`),
      ...item.subjects.map(
        (s) =>
          `      <category domain="${x(subjectDomain(s.code))}">${x(s.name ?? s.code)}</category>`
      ),
      image
        ? `      <enclosure url="${x(image.url)}" length="${item.imageBytes ?? 0}" type="${x(image.mime ?? 'image/jpeg')}"/>`
        : '',
      '    </item>',
    ]
      .filter(Boolean)
      .join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '  <channel>',
    `    <title>${x(channel.title)}</title>`,
    `    <link>${x(channel.link)}</link>`,
    `    <description>${x(channel.description)}</description>`,
    channel.language ? `    <language>${x(channel.language)}</language>` : '',
    `    <lastBuildDate>${new Date(lastBuild).toUTCString()}</lastBuildDate>`,
    `    <atom:link href="${x(channel.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...itemXml,
    '  </channel>',
    '</rss>',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
};
