import type { FeatureRoutes } from '../platform/routes';
import { rateLimit } from '../platform/rate-limit';
import delivery from './controllers/delivery';
import deliveryService from './services/delivery';
import deliveryCache from './services/delivery-cache';

const read = { middlewares: ['plugin::newsroom.rate-limit'] };

/** Delivery to headless consumers: the published articles, ninjs, RSS, OpenAPI. */
const routes: FeatureRoutes = {
  // Read by the public role by default (delivery.publicRead), or by API tokens.
  'content-api': [
    { method: 'GET', path: '/articles', handler: 'delivery.find', config: read },
    { method: 'GET', path: '/articles/:slug', handler: 'delivery.findOne', config: read },
    { method: 'GET', path: '/feed.xml', handler: 'delivery.feed', config: read },
    { method: 'GET', path: '/openapi.json', handler: 'delivery.openapi', config: read },
    { method: 'GET', path: '/news-sitemap.xml', handler: 'delivery.newsSitemap', config: read },
    { method: 'GET', path: '/sitemap.xml', handler: 'delivery.sitemap', config: read },
  ],
};

export default {
  services: { delivery: deliveryService, 'delivery-cache': deliveryCache },
  controllers: { delivery },
  middlewares: { 'rate-limit': rateLimit },
  routes,
};
