/**
 * The admin API of agency feeds, as the feeds page, the wire inbox and the controllers all
 * see it. Credentials go in and never come out: a feed answers only which kind it has.
 */

export const FEED_KINDS = ['rss', 'ninjs', 'newsml-g2', 'folder'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

export const CREDENTIAL_TYPES = ['none', 'basic', 'bearer', 'header'] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

/** What an editor types in; stored encrypted, never returned. */
export type FeedCredentials =
  | { type: 'none' }
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string }
  | { type: 'header'; name: string; value: string };

export type HealthLight = 'green' | 'amber' | 'red' | 'off';

/** What one poll did. */
export interface PollResult {
  polledAt: string;
  /** `ok`: read and ingested (refused items are listed); `not-modified`: the server answered 304; `failed`: nothing read. */
  status: 'ok' | 'not-modified' | 'failed';
  error?: string;
  items: number;
  new: number;
  updated: number;
  duplicates: number;
  stale: number;
  /** The first 20 refused items, each named; `refusedCount` counts them all. */
  refused: Array<{ item: string; message: string }>;
  refusedCount: number;
  /** Agency kills and withholds among the items. */
  advisories: number;
  /** Drop folder: files moved to `processed/` and to `failed/`. */
  files?: { processed: number; failed: number; waiting: number };
}

export interface FeedHealthView {
  light: HealthLight;
  alerts: string[];
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  lastNewItemAt: string | null;
  nextPollAt: string | null;
  consecutiveFailures: number;
  itemsToday: number;
  itemsTotal: number;
}

export interface Feed {
  id: number;
  name: string;
  kind: FeedKind;
  url: string | null;
  /** Drop folder, relative to the server's configured root. */
  folder: string | null;
  intervalSeconds: number;
  idleAlertSeconds: number;
  enabled: boolean;
  /** The agencies the feed speaks for; its copy may claim no other. */
  agencies: Array<{ id: number; code: string; name: string }>;
  credentials: { type: CredentialType };
  health: FeedHealthView;
  lastResult: PollResult | null;
}

/** What may be written; `credentials` left out keeps the stored ones. */
export interface FeedInput {
  name: string;
  kind: FeedKind;
  url?: string | null;
  folder?: string | null;
  intervalSeconds?: number;
  idleAlertSeconds?: number;
  enabled?: boolean;
  /** Agency ids. */
  agencies: number[];
  credentials?: FeedCredentials;
}

/** `GET /newsroom/feeds` */
export declare namespace FindFeeds {
  export interface Response {
    data: Feed[];
    meta: {
      /** Whether this server has a drop-folder root configured (folder feeds are refused without one). */
      dropFolders: boolean;
      agencies: Array<{ id: number; code: string; name: string }>;
    };
  }
}

/** `POST /newsroom/feeds` (201), `PUT /newsroom/feeds/:id` */
export declare namespace SaveFeed {
  export interface Request {
    body: FeedInput;
  }
  export interface Response {
    data: Feed;
  }
}

/** `POST /newsroom/feeds/:id/poll`: one poll now, its result. */
export declare namespace PollFeed {
  export interface Response {
    data: Feed;
    meta: { result: PollResult };
  }
}

/** An article an agency killed or withheld, waiting for an editor's decision. */
export interface AgencyAlertView {
  documentId: string;
  locale: string;
  headline: string | null;
  workflowState: string;
  status: 'canceled' | 'withheld';
  notice: string | null;
  agency: string | null;
  receivedAt: string;
}

/** `GET /newsroom/wire-alerts`: what the wire inbox shows at the top. */
export declare namespace FindWireAlerts {
  export interface Response {
    data: {
      feeds: Array<{ id: number; name: string; light: HealthLight; alerts: string[] }>;
      agencyAlerts: AgencyAlertView[];
    };
  }
}

/** `PUT /newsroom/agencies/:id/ingest-tokens`: the API tokens that speak for an agency. */
export declare namespace SetIngestTokens {
  export interface Request {
    body: { ingestTokens: number[] };
  }
  export interface Response {
    data: { id: number; code: string; ingestTokens: number[] };
  }
}
