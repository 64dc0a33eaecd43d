/** The Snowball project's stemmers, compiled to JavaScript (package `snowball-stemmers`). */
declare module 'snowball-stemmers' {
  export interface Stemmer {
    stem(word: string): string;
  }
  export function newStemmer(language: string): Stemmer;
  export function algorithms(): string[];
}
