/**
 * The passage shown under a hit: the original words, HTML-escaped, with the matched words in
 * `<mark>`. Nothing of the stored text reaches the page as markup.
 */
import { stemMatches, type SearchQuery } from './query';
import { stemOf, type SearchConfig } from './stemming';
import { wordsIn, type Word } from './text';

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
/** A hit further in than this is not looked for: the snippet then shows the text's start. */
const SCANNED_CHARS = 50_000;

type Shown = Word & { hit: boolean };

/**
 * Up to 30 words of `text` around its first match (from the start when only other fields
 * matched), with `…` where it is cut. Reads only as far as the first match and its window,
 * and never past the first 50,000 characters.
 */
export const snippetOf = (text: string, query: SearchQuery, config: SearchConfig): string => {
  const isHit = (folded: string) => {
    const stem = stemOf(folded, config);
    // The stem under the row's own language, or as typed: the query's forms cover both.
    return query.words.some((q) => stemMatches(stem, q) || stemMatches(folded, q));
  };
  const scanned = text.slice(0, SCANNED_CHARS);
  const head: Word[] = []; // the first words, shown when nothing here matches
  const recent: Word[] = []; // the words just before the current one
  let window: Shown[] | null = null;
  for (const word of wordsIn(scanned)) {
    if (head.length <= LENGTH) head.push(word);
    if (window) {
      if (window.length > LENGTH) break; // one word past the window says that more follows
      window.push({ ...word, hit: isHit(word.folded) });
    } else if (isHit(word.folded)) {
      window = [...recent.map((w) => ({ ...w, hit: false })), { ...word, hit: true }];
    } else {
      recent.push(word);
      if (recent.length > BEFORE) recent.shift();
    }
  }
  const shown: Shown[] = window ?? head.map((w) => ({ ...w, hit: false }));
  if (!shown.length) return '';
  const cut = shown.length > LENGTH || scanned.length < text.length;
  if (shown.length > LENGTH) shown.length = LENGTH;

  let out = head.length && shown[0].start > head[0].start ? '…' : '';
  let at = shown[0].start;
  for (const word of shown) {
    out += escapeHtml(text.slice(at, word.start));
    const written = escapeHtml(text.slice(word.start, word.end));
    out += word.hit ? `<mark>${written}</mark>` : written;
    at = word.end;
  }
  out += cut ? '…' : escapeHtml(text.slice(at));
  return out.replace(/\s+/gu, ' ').trim();
};
