/**
 * Syndicated copy: an article that runs an agency's story unchanged. Search engines ask that
 * such copy be marked as the agency's, not passed off as original reporting.
 */
import type { ArticleRow } from './article-view';
import { blocksToText } from './blocks-html';
import { draftFromStory } from '../../articles/domain/article-draft';
import type { WireStory } from '../../wire/domain/story';

const norm = (text: string | null | undefined) => (text ?? '').replace(/\s+/gu, ' ').trim();

const sectionsText = (sections: Array<{ subhead?: string | null; text?: unknown }>) =>
  sections.map((s) => `${norm(s.subhead)}\n${norm(blocksToText(s.text))}`).join('\n\n');

/**
 * Whether the article's words are still the agency's: the headline, standfirst and body the
 * take made from its wire story, whitespace aside. Pictures, rubric and tags may differ.
 */
export const runsAgencyCopyUnchanged = (row: ArticleRow): boolean => {
  const story = row.wireItem?.story as WireStory | null | undefined;
  if (!story || typeof story !== 'object' || !Array.isArray(story.sections)) return false;
  const taken = draftFromStory(story);
  return (
    norm(row.headline) === norm(taken.headline) &&
    norm(row.standfirst) === norm(taken.standfirst) &&
    sectionsText(row.body ?? []) === sectionsText(taken.body)
  );
};
