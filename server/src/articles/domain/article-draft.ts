import { paragraphsToBlocks, type Blocks } from './blocks';
import { urgencyOf, validSubjects, type Subject } from '../../subjects/domain/subjects';
import type { WireStory } from '../../wire/domain/story';

export interface PhotoDraft {
  caption?: string;
  creditLine?: string;
  creator?: string;
  copyrightNotice?: string;
  usageTerms?: string;
}

/** Article fields made from a wire story, before relations are attached. */
export interface ArticleDraft {
  headline: string;
  standfirst?: string;
  dateline?: { place?: string; date?: string };
  body: Array<{ subhead?: string; text: Blocks }>;
  byline?: string;
  attribution?: { line: string };
  leadPhoto?: PhotoDraft;
  embargoUntil?: string;
  language?: string;
  subjects?: Subject[];
  urgency?: number;
  workflowState: 'draft';
  workflowVersion: 0;
}

/** `Based on materials from {name}` → `Based on materials from TASS`. */
export const attributionFromTemplate = (template: string, agency: { name: string; code: string }) =>
  template.replace(/\{name\}/gu, agency.name).replace(/\{code\}/gu, agency.code);

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The lead photo's credits: the agency's first picture, else the copy's credit line. */
const leadPhotoOf = (story: WireStory, usageTerms?: string): PhotoDraft | undefined => {
  const picture = story.pictures?.[0];
  const photo = defined({
    caption: picture?.caption,
    creditLine: picture?.creditLine ?? story.photoCredit,
    creator: picture?.creator,
    copyrightNotice: picture?.copyrightNotice,
    usageTerms: picture?.usageTerms ?? (picture || story.photoCredit ? usageTerms : undefined),
  });
  return Object.keys(photo).length ? photo : undefined;
};

/** Maps a parsed wire story to the fields of a draft article. An embargo is kept only while it lies ahead. */
export const draftFromStory = (
  story: WireStory,
  options: { attributionLine?: string; usageTerms?: string; now?: Date } = {}
): ArticleDraft => {
  const now = options.now ?? new Date();
  const embargo = story.embargoed ? new Date(story.embargoed) : undefined;
  // A story stored by an older parser is held to today's rules, as an editor's save would be.
  const subjects = validSubjects(story.subjects);
  return defined({
    headline: story.headline,
    standfirst: story.standfirst,
    dateline:
      story.dateline && Object.keys(story.dateline).length ? { ...story.dateline } : undefined,
    body: story.sections.map((s) =>
      defined({ subhead: s.subhead, text: s.blocks ?? paragraphsToBlocks(s.paragraphs) })
    ),
    byline: story.byline,
    attribution: options.attributionLine ? { line: options.attributionLine } : undefined,
    leadPhoto: leadPhotoOf(story, options.usageTerms),
    embargoUntil:
      embargo && !Number.isNaN(embargo.getTime()) && embargo > now
        ? embargo.toISOString()
        : undefined,
    // The article's field holds 16 characters: a longer tag keeps its language.
    language:
      story.language && story.language.length > 16 ? story.language.split('-')[0] : story.language,
    subjects: subjects.length ? subjects : undefined,
    urgency: urgencyOf(story.urgency),
    workflowState: 'draft' as const,
    workflowVersion: 0 as const,
  });
};
