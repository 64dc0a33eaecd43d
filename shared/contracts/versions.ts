/**
 * The archive of published versions: what the public routes served after each publication,
 * correction, kill and scheduled publication. Snapshots are numbered per article locale from
 * 1; the delivery `version` (JSON and ninjs) is the number of the snapshot being served.
 */

export const SNAPSHOT_ACTIONS = ['publish', 'correct', 'kill', 'scheduled-publish'] as const;
export type SnapshotAction = (typeof SNAPSHOT_ACTIONS)[number];

export interface PublishedVersionSummary {
  number: number;
  action: SnapshotAction;
  actorId: number | null;
  actorName: string;
  at: string;
  slug: string | null;
  headline: string | null;
  /** SHA-256 (hex) of what was served: the delivery JSON, the HTML and the ninjs. */
  contentHash: string;
}

export interface PublishedVersion extends PublishedVersionSummary {
  documentId: string;
  locale: string;
  /** The body `GET /api/newsroom/articles/:slug` answered (the 410 body for a kill). */
  delivery: unknown;
  /** The IPTC ninjs item (`pubstatus: canceled` for a kill). */
  ninjs: unknown;
  /** The article as a readable HTML page. */
  html: string;
}

export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** A word-level diff of two snapshots, field by field, in reading order. */
export interface VersionDiff {
  from: number;
  to: number;
  fields: Array<{ field: string; changed: boolean; parts: DiffPart[] }>;
}

/** `GET /newsroom/articles/:documentId/versions` (newest first) */
export declare namespace FindVersions {
  export interface Request {
    params: { documentId: string };
    query: { locale?: string };
  }
  export interface Response {
    data: PublishedVersionSummary[];
  }
}

/** `GET /newsroom/articles/:documentId/versions/:number` */
export declare namespace FindVersion {
  export interface Request {
    params: { documentId: string; number: string };
    query: { locale?: string };
  }
  export interface Response {
    data: PublishedVersion;
  }
}

/** `GET /newsroom/articles/:documentId/versions/:a/diff/:b` */
export declare namespace DiffVersions {
  export interface Request {
    params: { documentId: string; a: string; b: string };
    query: { locale?: string };
  }
  export interface Response {
    data: VersionDiff;
  }
}
