import path from 'path';
import { yup } from '@strapi/utils';
import { DEFAULT_PLAN, validatePlan, type RenditionPlanConfig } from '../images/domain/plan';
import { KNOWN_TYPES } from '../images/domain/sniff';

/** Plugin configuration (`config/plugins.ts` → `newsroom.config`). */
export interface NewsroomConfig {
  wire: {
    /** Largest wire payload accepted, in bytes. */
    maxBytes: number;
    /** Create an agency the first time its copy arrives; when false, unknown agencies are refused. */
    createUnknownAgencies: boolean;
    /**
     * Create the i18n locale of a story's language the first time a story in it is taken
     * (`ru` for Russian copy). When false, such a story lands in the default locale, keeping
     * its `language`.
     */
    createMissingLocales: boolean;
    /** Wire posts per window per API token; 0 turns the limit off. */
    rateLimit: { max: number; windowSeconds: number };
    /**
     * What an agency's kill of a published story does: `kill` takes it down at once (the same
     * agency and guid only), `flag` leaves the decision to editors. Either way it is flagged.
     */
    agencyKill: 'kill' | 'flag';
    /**
     * Untaken wire items (new, ignored, superseded) received longer ago than this many days
     * are purged by a daily job; taken items and every version of a taken story are kept.
     * 0 keeps everything.
     */
    retentionDays: number;
    /**
     * Run the daily purge in this process. Like `workflow.scheduler`, this is the plugin's own
     * switch: Strapi starts plugin cron jobs whatever `server.cron.enabled` says. Several
     * processes may run it; the purge is idempotent.
     */
    purgeJob: boolean;
  };
  /** Agency feeds the newsroom polls (managed on the Feeds page; these limits only here). */
  feeds: {
    /** Poll feeds in this process (like `workflow.scheduler`, the plugin's own cron switch). */
    poller: boolean;
    /** How often each process looks for due feeds, in seconds (1–59). */
    tickSeconds: number;
    /** The shortest polling interval a feed may have, in seconds. */
    minIntervalSeconds: number;
    /** Largest feed answer or drop-folder file, in bytes. */
    maxBytes: number;
    /** Longest a poll's request may take, in seconds. */
    timeoutSeconds: number;
    /** Hosts feeds may be fetched from (`*.example.com` for subdomains); empty allows any public host. */
    allowedHosts: string[];
    /**
     * Fetch feeds from loopback and private-network addresses too (an in-house feed). Only
     * here, never from the admin: whoever manages feeds would otherwise reach the server's network.
     */
    privateAddresses: boolean;
    /**
     * The folder drop-folder feeds live under (an agency's FTP target); null refuses folder
     * feeds. A feed names a folder inside it, never a path of its own choosing.
     */
    dropRoot: string | null;
    /** A failing feed waits at most this long between polls. */
    maxBackoffSeconds: number;
    /** This many failed polls in a row raise an alert. */
    failureAlertAfter: number;
  };
  workflow: {
    /**
     * Run the scheduler in this process. Strapi starts its cron in every process whatever
     * `server.cron.enabled` says (that switch covers only the app's own cron tasks), so this is
     * the plugin's own switch.
     */
    scheduler: boolean;
    /** How often the scheduler looks for due articles, in seconds (1–59). */
    schedulerTickSeconds: number;
  };
  /** Edit locks on articles open in the Content Manager. */
  locks: {
    /** A lock whose tab has been silent this long lapses, so a closed laptop never blocks the desk for long. */
    ttlSeconds: number;
    /** How often an open tab renews its lock and learns of a takeover (less than `ttlSeconds`). */
    heartbeatSeconds: number;
  };
  /** Signed pushes to subscribers (partner sites and apps) on publish, correct and kill. */
  push: {
    /** Send deliveries from this process (any number of processes may; each delivery goes once). */
    worker: boolean;
    /** How often each process looks for due deliveries, in seconds (1–59). */
    tickSeconds: number;
    /** Attempts before a delivery is marked failed. */
    maxAttempts: number;
    /** First retry delay, in seconds; doubled each attempt, up to `retryMaxSeconds`, with jitter. */
    retryBaseSeconds: number;
    retryMaxSeconds: number;
    /** Longest a subscriber may take to answer, in seconds. */
    timeoutSeconds: number;
    /** Deliveries sent at once to one subscriber by one process (subscribers are sent to side by side). */
    concurrency: number;
  };
  /** Signed preview links for the Content Manager's *Open preview*. */
  preview: {
    /** How long a preview link works, in seconds. */
    ttlSeconds: number;
    /**
     * Where *Open preview* points: a front end's page with `{token}` (and optionally
     * `{documentId}`, `{locale}`) in it, e.g. `https://site.example/preview?token={token}`;
     * the plugin's own readable page when empty.
     */
    url: string;
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
    /** Who publishes, in structured data and news sitemaps (`feedTitle` when empty), and its logo's URL. */
    publisherName: string;
    publisherLogoUrl: string;
    /** Whether articles are free to read (`isAccessibleForFree` in structured data). */
    freeToRead: boolean;
    /**
     * Mark agency copy run unchanged (headline, standfirst and body as taken from the wire) as
     * syndicated: `syndicated: true` in the detail and the agency's item as `isBasedOn` in
     * its structured data.
     */
    markSyndicated: boolean;
    /** URLs per page of `sitemap.xml` before it becomes a sitemap index (at most 50,000). */
    sitemapUrlsPerPage: number;
    /** Reuse rendered responses while nothing published has changed (checked with one query per request). */
    responseCache: boolean;
    /** Requests per window per client address on the delivery routes; 0 turns the limit off. */
    rateLimit: { max: number; windowSeconds: number };
    /** Most memory the rendered-response cache may hold, in bytes (least recently used answers go first). */
    responseCacheBytes: number;
  };
  uploads: {
    /**
     * What may be uploaded anywhere (Media Library, upload API, wire pictures), by MIME type
     * as the file's bytes show it; everything else is refused with 415. Images the pipeline
     * handles and PDF by default; MP4, QuickTime, WebM, MP3, WAV and Ogg can be added.
     */
    allowedTypes?: string[];
  };
  images: {
    /** Take over Strapi's image processing for every upload (Media Library, upload API, wire, seed). */
    enabled: boolean;
    /** Largest width × height accepted (checked from the header, before decoding). 100 MP lets 61 MP camera files through. */
    maxPixels: number;
    /** Most frames an animated GIF or WebP may have. */
    maxFrames: number;
    /**
     * Newsroom renditions: widths, editorial crops and formats, rendered in the background
     * after upload. Each of the three replaces its default as a whole (see `renditionPlan`).
     */
    plan?: Partial<RenditionPlanConfig>;
    quality: { jpeg: number; webp: number; avif: number; original: number };
    /** Encoder effort (0 fastest). AVIF above 0 costs several times more CPU for a few percent of bytes. */
    effort: { webp: number; avif: number };
    /** Width of the blurred placeholder, in pixels. */
    placeholderWidth: number;
    /** Render in this process; false for processes that only serve requests (another process renders). */
    worker: boolean;
    /** How often each process looks for rendition work left by others or by a restart, in seconds (1–59). */
    workerTickSeconds: number;
    /** A rendition job claimed longer ago than this is taken over by another worker. */
    jobLeaseSeconds: number;
    /** Pictures named in ninjs/NewsML-G2 copy are fetched and uploaded when a wire item is taken. */
    wireFetch: {
      enabled: boolean;
      maxBytes: number;
      timeoutSeconds: number;
      /** Hosts agency pictures may be fetched from (`*.example.com` for subdomains); empty allows any public host. */
      allowedHosts: string[];
      /** Fetch from loopback and private-network addresses too (an agency feed inside the newsroom's network). */
      privateAddresses: boolean;
    };
  };
}

/**
 * The configured plan. Strapi fills plugin config from the defaults key by key, array
 * items included, so the plan's defaults are applied here, each part whole.
 */
export const renditionPlan = (config: NewsroomConfig): RenditionPlanConfig => ({
  widths: config.images.plan?.widths ?? DEFAULT_PLAN.widths,
  crops: config.images.plan?.crops ?? DEFAULT_PLAN.crops,
  formats: config.images.plan?.formats ?? DEFAULT_PLAN.formats,
});

export const DEFAULT_CONFIG: NewsroomConfig = {
  wire: {
    maxBytes: 2 * 1024 * 1024,
    createUnknownAgencies: true,
    createMissingLocales: false,
    rateLimit: { max: 1200, windowSeconds: 60 },
    agencyKill: 'kill',
    retentionDays: 30,
    purgeJob: true,
  },
  feeds: {
    poller: true,
    tickSeconds: 5,
    minIntervalSeconds: 30,
    maxBytes: 10 * 1024 * 1024,
    timeoutSeconds: 30,
    allowedHosts: [],
    privateAddresses: false,
    dropRoot: null,
    maxBackoffSeconds: 3600,
    failureAlertAfter: 3,
  },
  workflow: { scheduler: true, schedulerTickSeconds: 10 },
  locks: { ttlSeconds: 60, heartbeatSeconds: 5 },
  preview: { ttlSeconds: 1800, url: '' },
  push: {
    worker: true,
    tickSeconds: 5,
    maxAttempts: 8,
    retryBaseSeconds: 10,
    retryMaxSeconds: 3600,
    timeoutSeconds: 10,
    concurrency: 4,
  },
  delivery: {
    publicRead: true,
    defaultPageSize: 20,
    maxPageSize: 100,
    maxAgeSeconds: 60,
    siteUrl: '',
    uriBase: 'urn:newsroom',
    feedTitle: 'Newsroom',
    feedDescription: 'Latest published articles',
    publisherName: '',
    publisherLogoUrl: '',
    freeToRead: true,
    markSyndicated: false,
    sitemapUrlsPerPage: 50_000,
    responseCache: true,
    rateLimit: { max: 0, windowSeconds: 60 },
    responseCacheBytes: 32 * 1024 * 1024,
  },
  // Strapi merges arrays item by item into the defaults, so the default list is applied where it is read.
  uploads: {},
  images: {
    enabled: true,
    maxPixels: 100_000_000,
    maxFrames: 300,
    quality: { jpeg: 82, webp: 78, avif: 50, original: 90 },
    effort: { webp: 2, avif: 0 },
    placeholderWidth: 16,
    worker: true,
    workerTickSeconds: 5,
    jobLeaseSeconds: 300,
    wireFetch: {
      enabled: true,
      maxBytes: 40 * 1024 * 1024,
      timeoutSeconds: 20,
      allowedHosts: [],
      privateAddresses: false,
    },
  },
};

const whole = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  yup.number().integer().min(min).max(max).required();
const flag = () => yup.boolean().required();
const hostList = (option: string) =>
  yup
    .array(yup.string().trim().min(1, `${option} must be a list of host names`).required())
    .required();
const window = () =>
  yup.object({ max: whole(0), windowSeconds: yup.number().moreThan(0).required() }).required();

/** What a newsroom may configure; each message names the option (`newsroom.` + its path). */
const configSchema = yup.object({
  wire: yup
    .object({
      maxBytes: whole(1),
      createUnknownAgencies: flag(),
      createMissingLocales: flag(),
      rateLimit: window(),
      agencyKill: yup
        .string()
        .oneOf(['kill', 'flag'], 'wire.agencyKill must be "kill" or "flag"')
        .required(),
      retentionDays: whole(0),
      purgeJob: flag(),
    })
    .required(),
  feeds: yup
    .object({
      poller: flag(),
      tickSeconds: whole(1, 59),
      minIntervalSeconds: whole(1),
      maxBytes: whole(1),
      timeoutSeconds: yup.number().moreThan(0).required(),
      allowedHosts: hostList('feeds.allowedHosts'),
      privateAddresses: flag(),
      dropRoot: yup
        .string()
        .test(
          'absolute',
          'feeds.dropRoot must be an absolute path',
          (value) => value == null || path.isAbsolute(value)
        )
        .nullable()
        .defined(),
      maxBackoffSeconds: whole(1),
      failureAlertAfter: whole(1),
    })
    .required(),
  workflow: yup.object({ scheduler: flag(), schedulerTickSeconds: whole(1, 59) }).required(),
  locks: yup
    .object({
      ttlSeconds: whole(2),
      heartbeatSeconds: whole(1).lessThan(
        yup.ref('ttlSeconds'),
        'locks.heartbeatSeconds must be less than locks.ttlSeconds'
      ),
    })
    .required(),
  push: yup
    .object({
      worker: flag(),
      tickSeconds: whole(1, 59),
      maxAttempts: whole(1, 100),
      retryBaseSeconds: yup.number().min(0.01).required(),
      retryMaxSeconds: yup.number().min(yup.ref('retryBaseSeconds')).required(),
      timeoutSeconds: yup.number().min(0.1).max(300).required(),
      concurrency: whole(1, 64),
    })
    .required(),
  preview: yup
    .object({
      ttlSeconds: whole(10, 7 * 24 * 3600),
      url: yup
        .string()
        .defined()
        .test(
          'preview-url',
          'preview.url must be empty or an http(s) URL with {token} in it',
          (url) => !url || (/^https?:\/\//u.test(url) && url.includes('{token}'))
        ),
    })
    .required(),
  delivery: yup
    .object({
      publicRead: flag(),
      defaultPageSize: whole(1),
      maxPageSize: whole(1).min(
        yup.ref('defaultPageSize'),
        'delivery.maxPageSize must not be below delivery.defaultPageSize'
      ),
      maxAgeSeconds: whole(0),
      siteUrl: yup.string().nullable().defined(),
      uriBase: yup.string().required(),
      feedTitle: yup.string().defined(),
      feedDescription: yup.string().defined(),
      publisherName: yup.string().defined(),
      publisherLogoUrl: yup.string().defined(),
      freeToRead: flag(),
      markSyndicated: flag(),
      sitemapUrlsPerPage: whole(1, 50_000),
      responseCache: flag(),
      rateLimit: window(),
      responseCacheBytes: whole(0),
    })
    .required(),
  // Left out or null: the default allow-list.
  uploads: yup
    .object({
      allowedTypes: yup
        .array(
          yup
            .string()
            .oneOf(
              Object.keys(KNOWN_TYPES),
              `uploads.allowedTypes must list MIME types among: ${Object.keys(KNOWN_TYPES).join(', ')}`
            )
        )
        .nullable(),
    })
    .nullable(),
  images: yup
    .object({
      enabled: flag(),
      maxPixels: whole(1),
      maxFrames: whole(1),
      quality: yup
        .object({
          jpeg: whole(1, 100),
          webp: whole(1, 100),
          avif: whole(1, 100),
          original: whole(1, 100),
        })
        .required(),
      effort: yup.object({ webp: whole(0, 6), avif: whole(0, 9) }).required(),
      placeholderWidth: whole(1),
      worker: flag(),
      workerTickSeconds: whole(1, 59),
      jobLeaseSeconds: whole(1),
      wireFetch: yup
        .object({
          enabled: flag(),
          maxBytes: whole(1),
          timeoutSeconds: yup.number().moreThan(0).required(),
          allowedHosts: hostList('images.wireFetch.allowedHosts'),
          privateAddresses: flag(),
        })
        .required(),
    })
    .required(),
});

export default {
  default: DEFAULT_CONFIG,
  /** Throws naming the first option that is wrong, e.g. `newsroom.workflow.schedulerTickSeconds must be less than or equal to 59`. */
  validator(config: NewsroomConfig) {
    try {
      configSchema.validateSync(config, { strict: true });
    } catch (error) {
      throw new Error(`newsroom.${(error as Error).message}`);
    }
    validatePlan(renditionPlan(config));
  },
};
