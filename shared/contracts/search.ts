/** The admin search API, as the admin panel and the controllers both see it. */
import type { Pagination, WireItem } from './wire';
import type { Subject } from './subjects';

/** A wire item found, with the passage that matched (HTML-escaped, hits in `<mark>`). */
export type WireHit = WireItem & { type: 'wire'; snippet: string };

/** An article's working copy found, with the passage that matched. */
export interface ArticleHit {
  type: 'article';
  documentId: string;
  locale: string;
  headline: string;
  slug: string | null;
  workflowState: string;
  updatedAt: string;
  urgency: number | null;
  subjects: Subject[] | null;
  rubric: { name: string; slug: string } | null;
  snippet: string;
}

/** `GET /newsroom/search?q=&type=wire|article` */
export declare namespace Search {
  export interface Request {
    query: {
      q: string;
      type?: 'wire' | 'article';
      /** Articles: the locale searched (the default locale when absent). */
      locale?: string;
      /** Wire: the item's status. */
      status?: 'new' | 'taken' | 'ignored' | 'superseded';
      /** Articles: the workflow state. */
      state?: string;
      agency?: string;
      rubric?: string;
      subject?: string;
      from?: string;
      to?: string;
      sort?: 'relevance' | 'time';
      page?: number;
      pageSize?: number;
    };
  }
  export interface Response {
    data: Array<WireHit | ArticleHit>;
    meta: { pagination: Pagination; locale?: string };
  }
}
