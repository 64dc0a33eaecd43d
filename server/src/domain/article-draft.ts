import { paragraphsToBlocks, type Blocks } from './blocks';
import type { WireStory } from './wire/story';

/** Article fields made from a wire story, before relations are attached. */
export interface ArticleDraft {
  headline: string;
  dateline?: { place?: string; date?: string };
  body: Array<{ subhead?: string; text: Blocks }>;
  byline?: string;
  attribution?: { line: string };
  leadPhoto?: { creditLine: string };
  language?: string;
  workflowState: 'draft';
  workflowVersion: 0;
}

/** `Based on materials from {name}` → `Based on materials from TASS`. */
export const attributionFromTemplate = (template: string, agency: { name: string; code: string }) =>
  template.replace(/\{name\}/gu, agency.name).replace(/\{code\}/gu, agency.code);

/** Maps a parsed wire story to the fields of a draft article. */
export const draftFromStory = (story: WireStory, attributionLine?: string): ArticleDraft => ({
  headline: story.headline,
  ...(story.dateline ? { dateline: { ...story.dateline } } : {}),
  body: story.sections.map((s) => ({
    ...(s.subhead ? { subhead: s.subhead } : {}),
    text: paragraphsToBlocks(s.paragraphs),
  })),
  ...(story.byline ? { byline: story.byline } : {}),
  ...(attributionLine ? { attribution: { line: attributionLine } } : {}),
  ...(story.photoCredit ? { leadPhoto: { creditLine: story.photoCredit } } : {}),
  ...(story.language ? { language: story.language } : {}),
  workflowState: 'draft',
  workflowVersion: 0,
});
