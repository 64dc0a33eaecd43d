import type { Core } from '@strapi/strapi';
import { factories } from '@strapi/strapi';

const ARTICLE = 'plugin::newsroom.article';

/**
 * For the delivery benchmark only (NEWSROOM_BENCH_GENERIC_REST=1): exposes Strapi's own
 * generic REST controller for articles under /api/newsroom/generic/articles (and, with the
 * community REST cache, /api/newsroom/generic-cached/articles), so the benchmark can compare
 * them with the delivery API on the same content in one run. Like the delivery routes, they
 * are read as the public role (the benchmark grants it `find`), so both pay Strapi's check.
 */
export const registerGenericRestForBenchmark = (strapi: Core.Strapi) => {
  strapi.get('services').set(ARTICLE, factories.createCoreService(ARTICLE) as never);
  strapi.get('controllers').set(ARTICLE, factories.createCoreController(ARTICLE) as never);
  const routes = (
    strapi.plugin('newsroom').routes as unknown as Record<string, { routes: unknown[] }>
  )['content-api'];
  routes.routes.push(
    {
      method: 'GET',
      path: '/generic/articles',
      handler: `${ARTICLE}.find`,
    },
    {
      method: 'GET',
      path: '/generic/articles/:id',
      handler: `${ARTICLE}.findOne`,
    },
    // The list with no permission check at all, for reference: no real site reads it so.
    {
      method: 'GET',
      path: '/generic-open/articles',
      handler: `${ARTICLE}.find`,
      config: { auth: false },
    }
  );
  // The same list behind the community REST cache (NEWSROOM_BENCH_REST_CACHE=1). Its plugin
  // registered before this route existed, so its middleware is attached here, as its own
  // registration attaches it to the routes it finds.
  const restCache = strapi.config.get('plugin::rest-cache') as
    | { strategy: { contentTypes: Array<{ routes: Array<{ path: string }> }> } }
    | undefined;
  const cacheRoute = restCache?.strategy.contentTypes[0]?.routes.find(
    (route) => route.path === '/api/newsroom/generic-cached/articles'
  );
  if (cacheRoute)
    routes.routes.push({
      method: 'GET',
      path: '/generic-cached/articles',
      handler: `${ARTICLE}.find`,
      config: {
        middlewares: [
          { name: 'plugin::rest-cache.recv', config: { cacheRouteConfig: cacheRoute } },
        ],
      },
    });
};

/** For the ingest benchmark's baseline only (NEWSROOM_BENCH_BASELINE=1). */
export const BASELINE_WIRE_COPY = 'api::bench-wire-copy.bench-wire-copy';

/**
 * For the ingest benchmark only (NEWSROOM_BENCH_BASELINE=1): a content type shaped like the
 * wire item, so the baseline measures Strapi's document service writing the same records.
 * Wire items themselves are written by the ingest alone.
 */
export const registerBaselineWireCopy = (strapi: Core.Strapi) => {
  const wireItem = strapi.contentType('plugin::newsroom.wire-item') as unknown as {
    __schema__?: { attributes: object };
    attributes: object;
  };
  const SYSTEM = [
    'documentId',
    'createdAt',
    'updatedAt',
    'publishedAt',
    'createdBy',
    'updatedBy',
    'locale',
    'localizations',
  ];
  const attributes = Object.fromEntries(
    Object.entries(structuredClone(wireItem.__schema__?.attributes ?? wireItem.attributes)).filter(
      ([name]) => !SYSTEM.includes(name)
    )
  );
  strapi.get('content-types').add('api::bench-wire-copy', {
    'bench-wire-copy': {
      schema: {
        kind: 'collectionType',
        collectionName: 'bench_wire_copies',
        info: {
          singularName: 'bench-wire-copy',
          pluralName: 'bench-wire-copies',
          displayName: 'Bench wire copy',
        },
        options: { draftAndPublish: false },
        attributes,
      },
    },
  });
};
