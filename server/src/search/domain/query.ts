/**
 * A reader's or editor's search words, parsed once into what both engines match: every word
 * must be found, as any of its stems (Russian, English, as written) or, for longer words, as
 * the beginning of a stem. The prefix is what lets `Алиев` find `Алиева`: Snowball stems the
 * surname itself to `ал` but its case forms to `алиев`.
 */
import { Refusal } from '../../platform/domain/refusal';
import { stemOf } from './stemming';
import { wordsOf } from './text';

export const MAX_QUERY_LENGTH = 200;
export const MAX_QUERY_WORDS = 8;
/** Shorter words match whole stems only: a two-letter prefix would match half the index. */
const MIN_PREFIX = 4;

export interface QueryWord {
  /** The word folded (lower case, `ё` as `е`), as typed. */
  word: string;
  /** Stems that match it whole: its Russian and English stems and itself. */
  stems: string[];
  /** A stem beginning with this matches too (absent for short words). */
  prefix?: string;
}

export interface SearchQuery {
  text: string;
  words: QueryWord[];
}

/** Parses `q`. Throws Refusal 400 naming the problem: empty, too long, too many words. */
export const parseQuery = (q: string): SearchQuery => {
  const text = q.trim();
  if (text.length > MAX_QUERY_LENGTH)
    throw new Refusal(400, `q must be at most ${MAX_QUERY_LENGTH} characters`);
  const seen = new Set<string>();
  const words: QueryWord[] = [];
  for (const { folded } of wordsOf(text)) {
    if (seen.has(folded)) continue;
    seen.add(folded);
    const stems = [...new Set([stemOf(folded, 'russian'), stemOf(folded, 'english'), folded])];
    words.push({ word: folded, stems, ...(folded.length >= MIN_PREFIX ? { prefix: folded } : {}) });
  }
  if (!words.length) throw new Refusal(400, 'q must contain a word (letters or digits)');
  if (words.length > MAX_QUERY_WORDS)
    throw new Refusal(400, `q may hold at most ${MAX_QUERY_WORDS} different words`);
  return { text, words };
};

/** Whether an indexed stem matches a query word. */
export const stemMatches = (stem: string, word: QueryWord) =>
  word.stems.includes(stem) || (word.prefix !== undefined && stem.startsWith(word.prefix));

/**
 * The FTS5 MATCH expression (SQLite). Words hold only letters and digits, so quoting them is
 * enough to keep every FTS5 operator out of a reader's hands.
 */
export const fts5Match = (query: SearchQuery) =>
  query.words
    .map(
      (w) =>
        `(${[...w.stems.map((s) => `"${s}"`), ...(w.prefix ? [`"${w.prefix}"*`] : [])].join(' OR ')})`
    )
    .join(' AND ');

/**
 * The PostgreSQL tsquery as SQL with its bindings: each word as PostgreSQL's own Russian and
 * English stemmers read it (`configs`: the configurations the index was built with), or as a
 * prefix; `simple` keeps the prefix as typed.
 */
export const tsQuerySql = (
  query: SearchQuery,
  configs: { russian: string; english: string }
): { sql: string; bindings: string[] } => {
  const stems = `plainto_tsquery('${configs.russian}', ?) || plainto_tsquery('${configs.english}', ?)`;
  const parts = query.words.map((w) =>
    w.prefix
      ? {
          sql: `(${stems} || to_tsquery('simple', ?))`,
          bindings: [w.word, w.word, `'${w.prefix}':*`],
        }
      : { sql: `(${stems} || plainto_tsquery('simple', ?))`, bindings: [w.word, w.word, w.word] }
  );
  return {
    sql: parts.map((p) => p.sql).join(' && '),
    bindings: parts.flatMap((p) => p.bindings),
  };
};
