/**
 * Subjects: IPTC Media Topics (and agencies' own schemes) an article is about. Shared by the
 * admin's subject picker and the server.
 */

/** A subject as stories, wire items and articles hold it. */
export interface Subject {
  /** A qcode, `scheme:code`: `medtop:20000523`, or an agency's own such as `tassrubric:politics`. */
  code: string;
  /** IPTC's English name for Media Topics; the agency's or editor's for other schemes. */
  name?: string;
}

/** A concept of the IPTC Media Topics, as the picker offers it. */
export interface MediaTopic {
  code: string;
  /** IPTC's en-GB label. */
  name: string;
  /** The topic one level up; null for the 17 top levels. */
  broader: string | null;
}

/** `GET /newsroom/subjects?q=&limit=`: Media Topics whose name or code match, top levels first. */
export declare namespace FindSubjects {
  export interface Request {
    /** `q` at most 100 characters (empty: the top levels first); `limit` 1 to 50, 20 by default. */
    query: { q?: string; limit?: number };
  }
  export interface Response {
    data: MediaTopic[];
    /** IPTC's licence (CC BY 4.0) asks for the credit wherever the topics are shown. */
    meta: { attribution: string };
  }
}
