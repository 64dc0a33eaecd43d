import fs from 'fs';
import path from 'path';
import { DEVELOPMENT_SECRETS } from '../src/production';

/**
 * The demo app is this repository: it loads the newsroom plugin from this package (its
 * `strapi-plugin build` output) and the users & permissions plugin for the public role
 * headless consumers read through. Strapi reads this file both from `config/` (admin
 * build) and compiled under `dist-demo/config/` (server), so the root is looked up.
 */
const packageRoot = (from: string): string => {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (
      fs.existsSync(pkg) &&
      JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'strapi-plugin-newsroom'
    )
      return dir;
  }
  throw new Error(`strapi-plugin-newsroom not found above ${from}`);
};

const root = packageRoot(__dirname);

export default ({ env }) => ({
  newsroom: {
    enabled: true,
    resolve: root,
    config: {
      wire: {
        maxBytes: env.int('NEWSROOM_WIRE_MAX_BYTES', 2 * 1024 * 1024),
        rateLimit: {
          max: env.int('NEWSROOM_WIRE_RATE_LIMIT', 1200),
          windowSeconds: env.int('NEWSROOM_WIRE_RATE_WINDOW', 60),
        },
        retentionDays: env.int('NEWSROOM_WIRE_RETENTION_DAYS', 30),
        // CRON_ENABLED=false keeps a process from purging old wire copy too.
        purgeJob: env.bool('NEWSROOM_WIRE_PURGE', env.bool('CRON_ENABLED', true)),
        // Russian copy taken lands in `ru`, made on first sight when missing.
        createMissingLocales: env.bool('NEWSROOM_CREATE_MISSING_LOCALES', true),
      },
      feeds: {
        poller: env.bool('NEWSROOM_FEEDS_POLLER', env.bool('CRON_ENABLED', true)),
        tickSeconds: env.int('NEWSROOM_FEEDS_TICK', 5),
        minIntervalSeconds: env.int('NEWSROOM_FEEDS_MIN_INTERVAL', 30),
        // In-house feeds on the newsroom's own network: set here, never from the admin.
        privateAddresses: env.bool('NEWSROOM_FEEDS_PRIVATE_ADDRESSES', false),
        allowedHosts: env.array('NEWSROOM_FEEDS_HOSTS', []),
        // e.g. NEWSROOM_FEEDS_DROP_ROOT=/srv/ftp; unset refuses drop-folder feeds
        dropRoot: env('NEWSROOM_FEEDS_DROP_ROOT', null),
        timeoutSeconds: env.float('NEWSROOM_FEEDS_TIMEOUT', 30),
        maxBytes: env.int('NEWSROOM_FEEDS_MAX_BYTES', 10 * 1024 * 1024),
      },
      // CRON_ENABLED=false keeps a process from publishing on schedule (tests, request-only processes).
      workflow: {
        scheduler: env.bool('NEWSROOM_SCHEDULER', env.bool('CRON_ENABLED', true)),
        schedulerTickSeconds: env.int('NEWSROOM_SCHEDULER_TICK', 10),
      },
      push: {
        worker: env.bool('NEWSROOM_PUSH_WORKER', true),
        tickSeconds: env.int('NEWSROOM_PUSH_TICK', 5),
        maxAttempts: env.int('NEWSROOM_PUSH_MAX_ATTEMPTS', 8),
        retryBaseSeconds: env.float('NEWSROOM_PUSH_RETRY_BASE', 10),
        retryMaxSeconds: env.float('NEWSROOM_PUSH_RETRY_MAX', 3600),
        timeoutSeconds: env.float('NEWSROOM_PUSH_TIMEOUT', 10),
      },
      locks: {
        ttlSeconds: env.int('NEWSROOM_LOCK_TTL', 60),
        heartbeatSeconds: env.int('NEWSROOM_LOCK_HEARTBEAT', 5),
      },
      delivery: {
        // Where readers read articles: canonical URLs, RSS links, sitemaps (`<site>/<locale>/<slug>`).
        siteUrl: env('NEWSROOM_SITE_URL', ''),
        publisherName: env('NEWSROOM_PUBLISHER_NAME', ''),
        publisherLogoUrl: env('NEWSROOM_PUBLISHER_LOGO_URL', ''),
        markSyndicated: env.bool('NEWSROOM_MARK_SYNDICATED', false),
        sitemapUrlsPerPage: env.int('NEWSROOM_SITEMAP_URLS_PER_PAGE', 50_000),
      },
      images: {
        maxPixels: env.int('NEWSROOM_IMAGE_MAX_PIXELS', 100_000_000),
        maxFrames: env.int('NEWSROOM_IMAGE_MAX_FRAMES', 300),
        worker: env.bool('NEWSROOM_IMAGE_WORKER', true),
        workerTickSeconds: env.int('NEWSROOM_IMAGE_WORKER_TICK', 5),
        jobLeaseSeconds: env.int('NEWSROOM_IMAGE_JOB_LEASE', 300),
        wireFetch: {
          // e.g. NEWSROOM_WIRE_PICTURE_HOSTS=photos.tass.ru,*.ntb.no; unset allows any public host
          allowedHosts: env.array('NEWSROOM_WIRE_PICTURE_HOSTS', []),
          privateAddresses: env.bool('NEWSROOM_WIRE_PICTURE_PRIVATE_ADDRESSES', false),
        },
        // e.g. NEWSROOM_IMAGE_WIDTHS=480,960,1920; unset keeps the plugin's default plan
        ...(env('NEWSROOM_IMAGE_WIDTHS')
          ? { plan: { widths: env.array('NEWSROOM_IMAGE_WIDTHS').map(Number) } }
          : {}),
      },
    },
  },
  // Another upload provider (e.g. NEWSROOM_UPLOAD_PROVIDER=aws-s3 with its options as JSON);
  // unset keeps Strapi's local provider.
  ...(env('NEWSROOM_UPLOAD_PROVIDER')
    ? {
        upload: {
          config: {
            provider: env('NEWSROOM_UPLOAD_PROVIDER'),
            providerOptions: env.json('NEWSROOM_UPLOAD_PROVIDER_OPTIONS', {}),
          },
        },
      }
    : {}),
  // For the delivery benchmark only (NEWSROOM_BENCH_REST_CACHE=1): the community REST cache,
  // memory provider, in front of Strapi's generic REST route for articles (bench/api).
  ...(env('NEWSROOM_BENCH_REST_CACHE') === '1'
    ? {
        'rest-cache': {
          enabled: true,
          resolve: path.join(root, 'node_modules', '@strapi-community', 'plugin-rest-cache'),
          config: {
            provider: { name: 'memory', options: { max: 32767 } },
            strategy: {
              // As long as the delivery routes tell clients to keep an answer (60 s). The plugin
              // documents milliseconds, but its memory provider multiplies by 1,000 again: 60
              // here is what keeps an answer 60 s.
              maxAge: env.int('NEWSROOM_BENCH_REST_CACHE_MAX_AGE', 60),
              contentTypes: [
                {
                  contentType: 'plugin::newsroom.article',
                  injectDefaultRoutes: false,
                  routes: ['/api/newsroom/generic-cached/articles'],
                },
              ],
            },
          },
        },
      }
    : {}),
  // Strapi's GraphQL API, as many sites run it: the newsroom keeps its types out of it.
  graphql: {
    enabled: true,
    resolve: path.join(root, 'node_modules', '@strapi', 'plugin-graphql'),
  },
  'users-permissions': {
    enabled: true,
    resolve: path.join(root, 'node_modules', '@strapi', 'plugin-users-permissions'),
    config: {
      jwtSecret: env('JWT_SECRET', DEVELOPMENT_SECRETS.JWT_SECRET),
    },
  },
});
