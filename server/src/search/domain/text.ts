/**
 * Words as search sees them, on both engines: Unicode letters and digits, lower case, `ё`
 * folded into `е` (Russian copy writes either). Positions point into the original text, so a
 * snippet can show the words as written.
 */

/** A word of the text: its folded form and where it stands in the original. */
export interface Word {
  folded: string;
  start: number;
  end: number;
}

// Letters with their combining marks, and digits; everything else separates words.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** Lower case, NFC, `ё` as `е`: the one spelling index and query share, on both engines. */
export const fold = (text: string) => text.normalize('NFC').toLowerCase().replace(/ё/gu, 'е');

/** The words of `text` in order, with their positions, one at a time (a reader may stop early). */
export function* wordsIn(text: string): Generator<Word> {
  for (const match of text.matchAll(WORD)) {
    const folded = fold(match[0]);
    if (folded) yield { folded, start: match.index, end: match.index + match[0].length };
  }
}

/** The words of `text` in order, with their positions. Linear in the text's length. */
export const wordsOf = (text: string): Word[] => [...wordsIn(text)];

/**
 * The folded words of `text` in order, without positions: the text folded once, then split.
 * The same words as `wordsOf` gives (folding keeps letters letters and separators separators),
 * at half the cost: what an index writes for every item it takes in.
 */
export const foldedWordsOf = (text: string): string[] =>
  Array.from(fold(text).matchAll(WORD), (match) => match[0]);

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/** Which script a folded word is written in, as the stemmers divide the work. */
export const scriptOf = (word: string): 'cyrillic' | 'latin' | 'other' =>
  CYRILLIC.test(word) ? 'cyrillic' : LATIN.test(word) ? 'latin' : 'other';
