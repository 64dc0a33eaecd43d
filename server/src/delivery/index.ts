import type { FeatureRoutes } from '../platform/routes';
import { rateLimit } from '../platform/rate-limit';
import delivery from './controllers/delivery';
import preview, { privatePage } from './controllers/preview';
import { newsSitemapController, sitemapController } from './controllers/sitemaps';
import deliveryService from './services/delivery';
import deliveryCache from './services/delivery-cache';
import previewService from './services/preview';

const read = { middlewares: ['plugin::newsroom.rate-limit'] };

/** Delivery to headless consumers: the published articles, ninjs, RSS, sitemaps, OpenAPI; signed previews for editors. */
const routes: FeatureRoutes = {
  // Read by the public role by default (delivery.publicRead), or by API tokens.
  'content-api': [
    { method: 'GET', path: '/articles', handler: 'delivery.find', config: read },
    { method: 'GET', path: '/articles/:slug', handler: 'delivery.findOne', config: read },
    { method: 'GET', path: '/feed.xml', handler: 'delivery.feed', config: read },
    { method: 'GET', path: '/openapi.json', handler: 'delivery.openapi', config: read },
    { method: 'GET', path: '/news-sitemap.xml', handler: 'news-sitemap.find', config: read },
    { method: 'GET', path: '/sitemap.xml', handler: 'sitemap.find', config: read },
    // The signed token is the key: a preview iframe sends no login.
    {
      method: 'GET',
      path: '/preview/:token',
      handler: 'preview.findOne',
      config: {
        middlewares: ['plugin::newsroom.private-page', 'plugin::newsroom.rate-limit'],
        auth: false,
      },
    },
  ],
};

export default {
  services: {
    delivery: deliveryService,
    'delivery-cache': deliveryCache,
    preview: previewService,
  },
  controllers: {
    delivery,
    preview,
    'news-sitemap': newsSitemapController,
    sitemap: sitemapController,
  },
  middlewares: { 'rate-limit': rateLimit, 'private-page': privatePage },
  routes,
};
