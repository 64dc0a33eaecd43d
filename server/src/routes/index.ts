import type { FeatureRoute } from '../platform/routes';
import { FEATURES } from '../features';

const ofType = (type: 'admin' | 'content-api') => ({
  type,
  routes: FEATURES.flatMap((feature): FeatureRoute[] => feature.routes[type] ?? []),
});

/** Each feature's routes, grouped the way Strapi mounts them. */
export default {
  admin: ofType('admin'),
  'content-api': ofType('content-api'),
};
