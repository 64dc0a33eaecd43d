import type { FeatureRoutes } from '../platform/routes';
import search from './controllers/search';
import searchService from './services/search';
import searchIndex from './services/search-index';

/** Full-text search over wire items and articles, in their languages (see search/engines). */
const routes: FeatureRoutes = {
  admin: [
    // Each type checks its own permission: the wire's, or the Content Manager's on articles.
    {
      method: 'GET',
      path: '/search',
      handler: 'search.find',
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    },
  ],
};

export default {
  services: { search: searchService, 'search-index': searchIndex },
  controllers: { search },
  routes,
};
