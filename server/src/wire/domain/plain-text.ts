import { parseDateline } from './dateline';
import { WireParseError } from './errors';
import type { StorySection, WireStory } from './story';

export { WireParseError };

const CREDIT = /^(?:photo|фото)\s*:\s*(.+)$/iu;
const ATTRIBUTION = /^(?:based on materials (?:from|of)|по материалам)\s+(.+?)\.?$/iu;
const TERMINAL_PUNCTUATION = /[.!?…:;,]$/u;
const CLOSING_MARKS = /["'»”’)\]]+$/u;

const SUBHEAD_MAX_CHARS = 100;
const SUBHEAD_MAX_WORDS = 12;
const LABEL_MAX_CHARS = 120;

/** Short, unpunctuated lines are subheads or labels rather than paragraphs. */
const isHeadingLike = (line: string, maxChars: number) => {
  if (line.length > maxChars || line.split(/\s+/u).length > SUBHEAD_MAX_WORDS) return false;
  const core = line.replace(CLOSING_MARKS, '');
  // `."` closes a quoted sentence; a quote closing a name (GSV "Russia - Islamic World") does not.
  return core.length > 0 && !TERMINAL_PUNCTUATION.test(core);
};

/**
 * Non-blank lines of agency copy. Agencies' web feeds separate blocks with lines holding
 * only no-break spaces, so any line of whitespace (Unicode included) counts as blank.
 */
const blocksOf = (text: string) =>
  text
    .replace(/^\uFEFF/u, '')
    .split(/\r\n|\r|\n/u)
    .map((line) => line.replace(/[\s\u00A0\u2007\u202F\uFEFF]+/gu, ' ').trim())
    .filter((line) => line !== '');

/**
 * Parses plain-text agency copy (headline, optional dateline, paragraphs with subheads,
 * then trailer lines: series label, photo credit, attribution). Throws WireParseError.
 */
export const parsePlainTextWire = (text: string, receivedAt: Date): WireStory => {
  const blocks = blocksOf(text);
  const headline = blocks.shift();
  if (!headline) throw new WireParseError('The copy is empty: no headline found');

  const story: WireStory = { headline, sections: [] };

  const dateline = blocks.length ? parseDateline(blocks[0], receivedAt) : undefined;
  if (dateline) {
    story.dateline = dateline;
    blocks.shift();
  }

  // Trailer lines, read from the end: credit and attribution in either order, then a label.
  for (let more = true; more && blocks.length; ) {
    const last = blocks[blocks.length - 1];
    const credit = CREDIT.exec(last);
    const attribution = ATTRIBUTION.exec(last);
    if (credit && !story.photoCredit) story.photoCredit = credit[1].trim();
    else if (attribution && !story.attributionLine) {
      story.attributionLine = last.replace(/\.$/u, '');
      story.agencyName = attribution[1].trim();
    } else more = false;
    if (more) blocks.pop();
  }
  if (blocks.length > 1 && isHeadingLike(blocks[blocks.length - 1], LABEL_MAX_CHARS)) {
    story.label = blocks.pop();
  }

  let section: StorySection = { paragraphs: [] };
  blocks.forEach((block, i) => {
    const next = blocks[i + 1];
    const isSubhead =
      next !== undefined &&
      isHeadingLike(block, SUBHEAD_MAX_CHARS) &&
      !isHeadingLike(next, SUBHEAD_MAX_CHARS);
    if (isSubhead) {
      if (section.paragraphs.length || section.subhead) story.sections.push(section);
      section = { subhead: block, paragraphs: [] };
    } else {
      section.paragraphs.push(block);
    }
  });
  if (section.paragraphs.length || section.subhead) story.sections.push(section);

  if (!story.sections.length)
    throw new WireParseError('The copy has a headline but no body paragraphs');
  return story;
};
