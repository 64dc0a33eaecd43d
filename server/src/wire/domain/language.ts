/**
 * The language a wire story is in: as the agency's metadata names it (ninjs `language`,
 * NewsML-G2 `xml:lang`), else as its letters show.
 */
import type { WireStory } from './story';

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
/** A BCP 47 tag as agencies send them: `en`, `ru`, `en-GB`, `zh-Hans-CN`. */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/u;

/** ISO 639-2 codes agencies send for the languages of the wire, as their ISO 639-1 code. */
const TWO_LETTER: Record<string, string> = {
  rus: 'ru',
  eng: 'en',
  ukr: 'uk',
  bel: 'be',
  kaz: 'kk',
  deu: 'de',
  ger: 'de',
  fra: 'fr',
  fre: 'fr',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  zho: 'zh',
  chi: 'zh',
  ara: 'ar',
  tur: 'tr',
  pol: 'pl',
  jpn: 'ja',
  kor: 'ko',
};

/**
 * The tag as BCP 47 writes it (`EN-gb` → `en-GB`, `rus` → `ru`), or undefined when it is none:
 * anything else an agency sends as a language is dropped, never stored or made a locale.
 */
export const languageTag = (value: string | undefined): string | undefined => {
  const tag = value?.trim().replace(/_/gu, '-');
  if (!tag || tag.length > 35 || !LANGUAGE_TAG.test(tag)) return undefined;
  const [primary, ...rest] = tag.split('-');
  const language = primary.toLowerCase();
  return [
    TWO_LETTER[language] ?? language,
    // Scripts in title case (Hans), regions in upper case (GB), variants in lower case.
    ...rest.map((part) =>
      part.length === 4 && /^[A-Za-z]+$/u.test(part)
        ? part[0].toUpperCase() + part.slice(1).toLowerCase()
        : part.length === 2 && /^[A-Za-z]+$/u.test(part)
          ? part.toUpperCase()
          : part.toLowerCase()
    ),
  ].join('-');
};

/**
 * The language of plain copy that names none, from its letters: mostly Cyrillic is Russian
 * (the Cyrillic wire services we take are Russian), mostly Latin is English. Undefined when
 * the text has too few letters to tell or is in another script.
 */
export const languageOfText = (text: string): string | undefined => {
  let cyrillic = 0;
  let latin = 0;
  // A sample is enough to tell, and keeps the cost bounded on long copy.
  for (const match of text.slice(0, 20_000).matchAll(/\p{L}/gu)) {
    if (CYRILLIC.test(match[0])) cyrillic += 1;
    else if (LATIN.test(match[0])) latin += 1;
  }
  const letters = cyrillic + latin;
  if (letters < 20) return undefined;
  if (cyrillic / letters > 0.5) return 'ru';
  if (latin / letters > 0.5) return 'en';
  return undefined;
};

/** The story's language: the agency's tag when it is one, else the text's. */
export const languageOfStory = (story: WireStory): string | undefined =>
  languageTag(story.language) ??
  languageOfText(
    [story.headline, story.standfirst ?? '', ...story.sections.flatMap((s) => s.paragraphs)].join(
      '\n'
    )
  );
