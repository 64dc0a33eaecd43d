/** A wire story normalized from any agency format. */
export interface WireStory {
  headline: string;
  dateline?: Dateline;
  sections: StorySection[];
  /** Series or rubric label trailing the story, e.g. `GSV "Russia - Islamic World"`. */
  label?: string;
  photoCredit?: string;
  /** The agency's own attribution line, e.g. `Based on materials from TASS`. */
  attributionLine?: string;
  /** The agency as the copy names it, e.g. `TASS` or `ТАСС`. */
  agencyName?: string;
  byline?: string;
  language?: string;
}

export interface Dateline {
  place?: string;
  /** Calendar date, `YYYY-MM-DD`. */
  date?: string;
}

export interface StorySection {
  subhead?: string;
  paragraphs: string[];
}

export const paragraphCount = (story: WireStory) =>
  story.sections.reduce((n, section) => n + section.paragraphs.length, 0);
