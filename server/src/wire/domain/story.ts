import type { Blocks } from '../../articles/domain/blocks';
import type { Subject } from '../../subjects/domain/subjects';

/** A wire story normalized from any agency format. */
export interface WireStory {
  headline: string;
  /** The agency's identifier of the item (ninjs `uri`, NewsML-G2 `guid`); plain text has none. */
  guid?: string;
  /** The agency's version of the item; higher supersedes lower. */
  version?: number;
  versionCreated?: string;
  firstCreated?: string;
  /** ISO time before which the agency forbids publication. */
  embargoed?: string;
  /** ninjs `pubstatus` / NewsML-G2 `pubStatus`: usable, withheld or canceled (see agency-status). */
  pubStatus?: string;
  /** The agency's note to editors (ninjs `ednote`, NewsML-G2 `edNote`), e.g. why a story is withheld. */
  editorNote?: string;
  /** ISO time after which the agency no longer considers the item editorially relevant. */
  expires?: string;
  standfirst?: string;
  copyrightHolder?: string;
  copyrightNotice?: string;
  usageTerms?: string;
  pictures?: WirePicture[];
  dateline?: Dateline;
  sections: StorySection[];
  /** Series or rubric label trailing the story, e.g. `GSV "Russia - Islamic World"`. */
  label?: string;
  /** The agency's short working name for the story (ninjs/NewsML-G2 slugline). */
  slugline?: string;
  photoCredit?: string;
  /** The agency's own attribution line, e.g. `Based on materials from TASS`. */
  attributionLine?: string;
  /** The agency as the copy names it, e.g. `TASS` or `ТАСС`. */
  agencyName?: string;
  byline?: string;
  language?: string;
  /** What the story is about, as qcodes (IPTC Media Topics or the agency's own scheme); at most 50. */
  subjects?: Subject[];
  /** The agency's urgency: 1 most urgent … 9 least (ninjs `urgency`, NewsML-G2 `contentMeta/urgency`). */
  urgency?: number;
  /** Its journalistic form (interview, analysis…): qcodes where the agency gives one, else names. */
  genre?: string[];
}

export interface Dateline {
  place?: string;
  /** Calendar date, `YYYY-MM-DD`. */
  date?: string;
}

export interface StorySection {
  subhead?: string;
  /** Plain text of each block, for previews and diffs. */
  paragraphs: string[];
  /** Rich text when the source had markup; plain paragraphs otherwise. */
  blocks?: Blocks;
}

/** A picture the agency associated with the story. */
export interface WirePicture {
  href?: string;
  caption?: string;
  creditLine?: string;
  creator?: string;
  copyrightNotice?: string;
  usageTerms?: string;
  /** When the agency's licence to use the picture ends (ninjs/NewsML-G2 `expires`). */
  expires?: string;
}

export const paragraphCount = (story: WireStory) =>
  story.sections.reduce((n, section) => n + section.paragraphs.length, 0);
