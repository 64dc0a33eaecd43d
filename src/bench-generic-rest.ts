import type { Core } from '@strapi/strapi';
import { factories } from '@strapi/strapi';

const ARTICLE = 'plugin::newsroom.article';

/**
 * For the delivery benchmark only (NEWSROOM_BENCH_GENERIC_REST=1): exposes Strapi's own
 * generic REST controller for articles under /api/newsroom/generic/articles, so the
 * benchmark can compare it with the delivery API on the same content in one run.
 */
export const registerGenericRestForBenchmark = (strapi: Core.Strapi) => {
  strapi.get('services').set(ARTICLE, factories.createCoreService(ARTICLE) as never);
  strapi.get('controllers').set(ARTICLE, factories.createCoreController(ARTICLE) as never);
  const routes = strapi.plugin('newsroom').routes['content-api'] as { routes: unknown[] };
  routes.routes.push(
    { method: 'GET', path: '/generic/articles', handler: `${ARTICLE}.find`, config: { auth: false } },
    { method: 'GET', path: '/generic/articles/:id', handler: `${ARTICLE}.findOne`, config: { auth: false } }
  );
};
