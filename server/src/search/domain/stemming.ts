/**
 * Stems for the SQLite index, which has no stemmer of its own (no ICU, no Snowball): the same
 * Snowball algorithms PostgreSQL's `russian` and `english` configurations run, applied in code
 * at index and at query time. As in PostgreSQL's `russian` configuration, Latin words in Russian
 * copy are stemmed as English.
 */
import { newStemmer } from 'snowball-stemmers';
import { foldedWordsOf, scriptOf } from './text';

const russian = newStemmer('russian');
const english = newStemmer('english');

/** The search configuration a row is indexed under: PostgreSQL's names, SQLite's rules. */
export type SearchConfig = 'russian' | 'english' | 'simple';

/** The configuration for a language tag: Russian, English, else no stemming at all. */
export const configFor = (language: string | null | undefined): SearchConfig => {
  const base = (language ?? '').toLowerCase().split(/[-_]/u)[0];
  return base === 'ru' ? 'russian' : base === 'en' ? 'english' : 'simple';
};

// Snowball's stemmers expect lower-case words; they return short words unchanged.
const MAX_STEMMED = 64;

const stem = (word: string, config: SearchConfig): string => {
  const script = scriptOf(word);
  if (script === 'latin') return english.stem(word);
  if (script === 'cyrillic' && config === 'russian') return russian.stem(word);
  return word;
};

/**
 * Stems already computed: news copy repeats its words (names, places, "said"), and the lookup
 * costs a fraction of the Snowball run. Bounded: emptied when it reaches MEMO_SIZE words.
 */
const MEMO_SIZE = 50_000;
const memo: Record<'russian' | 'english', Map<string, string>> = {
  russian: new Map(),
  english: new Map(),
};

/** A folded word's stem under `config` (words too long for any language are kept whole). */
export const stemOf = (word: string, config: SearchConfig): string => {
  if (config === 'simple' || word.length > MAX_STEMMED) return word;
  const known = memo[config];
  let stemmed = known.get(word);
  if (stemmed === undefined) {
    if (known.size >= MEMO_SIZE) known.clear();
    stemmed = stem(word, config);
    known.set(word, stemmed);
  }
  return stemmed;
};

/** The text as the SQLite index holds it: its words' stems, space-separated. */
export const stemmedText = (text: string, config: SearchConfig): string =>
  foldedWordsOf(text)
    .map((word) => stemOf(word, config))
    .join(' ');
