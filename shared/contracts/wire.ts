/** The admin API of the wire inbox, as the admin panel and the controllers both see it. */
import type { LockBadge } from './locks';
import type { Subject } from './subjects';

export const WIRE_STATUSES = ['new', 'taken', 'ignored', 'superseded'] as const;
export type WireStatus = (typeof WIRE_STATUSES)[number];

export const WIRE_FORMATS = ['text', 'ninjs', 'newsml-g2'] as const;
export type WireFormat = (typeof WIRE_FORMATS)[number];

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

/** A wire item as the inbox lists it. */
export interface WireItem {
  id: number;
  documentId: string;
  headline: string;
  agencyGuid: string | null;
  agencyVersion: number;
  format: WireFormat;
  receivedAt: string;
  status: WireStatus;
  articleDocumentId: string | null;
  /** Who has the article taken from this item open for editing now. */
  articleLock: LockBadge | null;
  /** The agency's word on the story: a kill (`canceled`) or withhold marks every version. */
  agencyStatus: 'usable' | 'withheld' | 'canceled';
  agency: { name: string; code: string } | null;
  /** The copy's language (BCP 47), from the agency's metadata or, for plain text, its script. */
  language: string | null;
  /** 1 (flash) to 9; null when the agency gave none. */
  urgency: number | null;
  subjects: Subject[] | null;
  /** With a search: the passage that matched, HTML-escaped, hits in `<mark>`. */
  snippet?: string;
}

/** The story as parsed from the agency's copy, as the inbox preview reads it. */
export interface WireStoryPreview {
  headline: string;
  standfirst?: string;
  byline?: string;
  photoCredit?: string;
  dateline?: { place?: string; date?: string };
  sections: Array<{ subhead?: string; paragraphs: string[] }>;
  pictures?: Array<{ href?: string; caption?: string; creditLine?: string }>;
}

export interface WireItemDetail extends WireItem {
  story: WireStoryPreview;
}

/** `GET /newsroom/wire-items` */
export declare namespace FindWireItems {
  export interface Request {
    query: {
      status?: WireStatus;
      agency?: string;
      /** Search words: the best matches come first (or the newest with `sort=time`). */
      q?: string;
      /** A subject code; a parent Media Topic takes in its narrower ones. */
      subject?: string;
      /** Received from/to: a date (whole days, UTC) or an ISO time with its zone. */
      from?: string;
      to?: string;
      sort?: 'time' | 'urgency' | 'relevance';
      page?: number;
      pageSize?: number;
    };
  }
  export interface Response {
    data: WireItem[];
    meta: { pagination: Pagination };
  }
}

/** `GET /newsroom/wire-items/:id` */
export declare namespace FindWireItem {
  export interface Request {
    params: { id: number };
  }
  export interface Response {
    data: WireItemDetail;
  }
}

/** `POST /newsroom/wire-items/:id/take`: 201 with a new draft, 200 with the article already taken. */
export declare namespace TakeWireItem {
  export interface Request {
    params: { id: number };
  }
  export interface Response {
    data: {
      article: {
        id: number;
        documentId: string;
        headline: string | null;
        slug: string | null;
        locale: string;
      };
      wireItem: { id: number; status: WireStatus; articleDocumentId: string | null };
    };
    /** What the draft lacks that the copy promised (an agency picture that could not be added). */
    meta: { created: boolean; warnings: string[] };
  }
}

/** `POST /newsroom/wire-items/:id/ignore` */
export declare namespace IgnoreWireItem {
  export interface Request {
    params: { id: number };
  }
  export interface Response {
    data: Omit<WireItem, 'agency'>;
  }
}

/** `GET /newsroom/agencies?q=&limit=`: agencies by name, for the filters' pickers. */
export declare namespace FindAgencyNames {
  export interface Request {
    query: { q?: string; limit?: number };
  }
  export interface Response {
    data: Array<{ code: string; name: string }>;
  }
}

/** `GET /newsroom/rubrics?q=&limit=`: rubrics by name, for the filters' pickers. */
export declare namespace FindRubricNames {
  export interface Request {
    query: { q?: string; limit?: number };
  }
  export interface Response {
    data: Array<{ slug: string; name: string }>;
  }
}
