/**
 * What a wire item or an article gives the search index: the headline, the standfirst, and the
 * rest (byline, dateline place, body text with subheads, photo captions), in its language.
 */
import type { WireStory } from '../../wire/domain/story';
import { configFor, type SearchConfig } from './stemming';

export interface SearchDocument {
  config: SearchConfig;
  language: string | null;
  headline: string;
  standfirst: string;
  /** Everything else searchable, one part per line. */
  text: string;
}

/**
 * Stored text is bounded: a story longer than this is searched by its first part (PostgreSQL
 * refuses a tsvector over 1 MB, and nobody searches past a story's first 150,000 characters).
 */
export const MAX_INDEXED_CHARS = 150_000;
const MAX_HEADLINE_CHARS = 2_000;
const MAX_STANDFIRST_CHARS = 20_000;

const clip = (text: string) =>
  text.length > MAX_INDEXED_CHARS ? text.slice(0, MAX_INDEXED_CHARS) : text;
const lines = (parts: Array<string | null | undefined>) =>
  clip(parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join('\n'));

/** The text of any Strapi blocks value, however it nests; whatever is not text is skipped. */
export const textOfBlocks = (value: unknown): string => {
  const out: string[] = [];
  const visit = (node: unknown, depth: number) => {
    if (depth > 32 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, depth + 1);
      return;
    }
    const { text, children } = node as { text?: unknown; children?: unknown };
    if (typeof text === 'string') out.push(text);
    if (children !== undefined) visit(children, depth + 1);
    // Blocks (paragraphs, list items, headings) read as separate lines.
    if ((node as { type?: unknown }).type !== 'text') out.push('\n');
  };
  visit(value, 0);
  return out
    .join('')
    .replace(/\n{2,}/gu, '\n')
    .trim();
};

/** A wire story's searchable text. */
export const wireDocument = (story: WireStory, language: string | null): SearchDocument => ({
  config: configFor(language),
  language,
  headline: (story.headline ?? '').slice(0, MAX_HEADLINE_CHARS),
  standfirst: (story.standfirst ?? '').slice(0, MAX_STANDFIRST_CHARS),
  text: lines([
    story.byline,
    story.dateline?.place,
    ...story.sections.flatMap((s) => [s.subhead, ...s.paragraphs]),
    ...(story.pictures ?? []).map((p) => p.caption),
  ]),
});

/** An article row as read with its components. */
export interface IndexedArticleRow {
  headline?: string | null;
  standfirst?: string | null;
  byline?: string | null;
  language?: string | null;
  locale?: string | null;
  dateline?: { place?: string | null } | null;
  body?: Array<{ subhead?: string | null; text?: unknown }> | null;
  leadPhoto?: { caption?: string | null } | null;
  gallery?: Array<{ caption?: string | null }> | null;
}

/** An article's searchable text, in its language (its locale when the language is unset). */
export const articleDocument = (row: IndexedArticleRow): SearchDocument => {
  const language = row.language || row.locale || null;
  return {
    config: configFor(language),
    language,
    headline: (row.headline ?? '').slice(0, MAX_HEADLINE_CHARS),
    standfirst: (row.standfirst ?? '').slice(0, MAX_STANDFIRST_CHARS),
    text: lines([
      row.byline,
      row.dateline?.place,
      ...(row.body ?? []).flatMap((s) => [s.subhead, textOfBlocks(s.text)]),
      row.leadPhoto?.caption,
      ...(row.gallery ?? []).map((p) => p?.caption),
    ]),
  };
};
