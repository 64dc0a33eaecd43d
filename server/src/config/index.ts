/** Plugin configuration (`config/plugins.ts` → `newsroom.config`). */
export interface NewsroomConfig {
  wire: {
    /** Largest wire payload accepted, in bytes. */
    maxBytes: number;
    /** Create an agency the first time its copy arrives; when false, unknown agencies are refused. */
    createUnknownAgencies: boolean;
  };
  workflow: {
    /** How often the scheduler looks for due articles, in seconds (1–59). */
    schedulerTickSeconds: number;
  };
  delivery: {
    /** Grant the public role read access to the delivery routes at first start. */
    publicRead: boolean;
    defaultPageSize: number;
    maxPageSize: number;
    /** Longest `Cache-Control: max-age`, in seconds; shortened before a scheduled change. */
    maxAgeSeconds: number;
    /** Base URL of the site that shows articles (RSS links: `<siteUrl>/<slug>`); the API detail URL when empty. */
    siteUrl: string;
    /** Prefix of the stable ninjs identifiers, e.g. `urn:newsroom:example.org`. */
    uriBase: string;
    feedTitle: string;
    feedDescription: string;
    /** Reuse rendered responses while nothing published has changed (checked with one query per request). */
    responseCache: boolean;
    /** Requests per window per client address on the delivery routes; 0 turns the limit off. */
    rateLimit: { max: number; windowSeconds: number };
  };
}

export const DEFAULT_CONFIG: NewsroomConfig = {
  wire: { maxBytes: 2 * 1024 * 1024, createUnknownAgencies: true },
  workflow: { schedulerTickSeconds: 10 },
  delivery: {
    publicRead: true,
    defaultPageSize: 20,
    maxPageSize: 100,
    maxAgeSeconds: 60,
    siteUrl: '',
    uriBase: 'urn:newsroom',
    feedTitle: 'Newsroom',
    feedDescription: 'Latest published articles',
    responseCache: true,
    rateLimit: { max: 0, windowSeconds: 60 },
  },
};

export default {
  default: DEFAULT_CONFIG,
  validator(config: NewsroomConfig) {
    const { maxBytes, createUnknownAgencies } = config.wire ?? {};
    if (!Number.isInteger(maxBytes) || maxBytes <= 0) throw new Error('newsroom.wire.maxBytes must be a positive integer');
    if (typeof createUnknownAgencies !== 'boolean') throw new Error('newsroom.wire.createUnknownAgencies must be true or false');
    const tick = config.workflow?.schedulerTickSeconds;
    if (!Number.isInteger(tick) || tick < 1 || tick > 59) {
      throw new Error('newsroom.workflow.schedulerTickSeconds must be a whole number of seconds from 1 to 59');
    }
    const d = config.delivery;
    if (!(d.defaultPageSize >= 1 && d.maxPageSize >= d.defaultPageSize)) {
      throw new Error('newsroom.delivery: defaultPageSize must be at least 1 and not above maxPageSize');
    }
    if (!(d.maxAgeSeconds >= 0)) throw new Error('newsroom.delivery.maxAgeSeconds must be 0 or more');
    if (!(d.rateLimit.max >= 0 && d.rateLimit.windowSeconds > 0)) throw new Error('newsroom.delivery.rateLimit needs max ≥ 0 and windowSeconds > 0');
  },
};
