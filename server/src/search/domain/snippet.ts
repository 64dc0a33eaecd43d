/**
 * The passage shown under a hit: the original words, HTML-escaped, with the matched words in
 * `<mark>`. Nothing of the stored text reaches the page as markup.
 */
import { stemMatches, type SearchQuery } from './query';
import { stemOf, type SearchConfig } from './stemming';
import { wordsOf } from './text';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/gu, (c) => ESCAPES[c]);

const BEFORE = 8;
const LENGTH = 30;

/**
 * Up to 30 words of `text` around its first match (from the start when only other fields
 * matched), with `…` where it is cut. Linear in the text's length.
 */
export const snippetOf = (text: string, query: SearchQuery, config: SearchConfig): string => {
  const words = wordsOf(text);
  if (!words.length) return '';
  const hit = words.map((w) => {
    const stem = stemOf(w.folded, config);
    // The stem under the row's own language, or as typed: the query's forms cover both.
    return query.words.some((q) => stemMatches(stem, q) || stemMatches(w.folded, q));
  });
  const first = hit.indexOf(true);
  const from = first > BEFORE ? first - BEFORE : 0;
  const to = Math.min(words.length, from + LENGTH);
  let out = from > 0 ? '…' : '';
  let at = words[from].start;
  for (let i = from; i < to; i += 1) {
    out += escapeHtml(text.slice(at, words[i].start));
    const word = escapeHtml(text.slice(words[i].start, words[i].end));
    out += hit[i] ? `<mark>${word}</mark>` : word;
    at = words[i].end;
  }
  if (to < words.length) out += '…';
  else out += escapeHtml(text.slice(at));
  return out.replace(/\s+/gu, ' ').trim();
};
