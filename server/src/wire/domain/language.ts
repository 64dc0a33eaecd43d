/**
 * The language a wire story is in: as the agency's metadata names it (ninjs `language`,
 * NewsML-G2 `xml:lang`), else as its letters show.
 */
import type { WireStory } from './story';

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
/** A BCP 47 tag as agencies send them: `en`, `ru`, `en-GB`, `zh-Hans-CN`. */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/u;

/** The tag with its primary language in lower case (`EN-gb` → `en-gb`), or undefined when it is none. */
export const languageTag = (value: string | undefined): string | undefined => {
  const tag = value?.trim().replace(/_/gu, '-');
  return tag && tag.length <= 35 && LANGUAGE_TAG.test(tag) ? tag.toLowerCase() : undefined;
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
