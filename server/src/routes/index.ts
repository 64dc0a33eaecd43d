import type { FeatureRoute } from '../platform/routes';
import { FEATURES } from '../features';

/** Every route refuses a body holding U+0000 (see platform/text-input), after its own middlewares. */
const guarded = (route: FeatureRoute): FeatureRoute => ({
  ...route,
  config: {
    ...route.config,
    middlewares: [...(route.config?.middlewares ?? []), 'plugin::newsroom.text-input'],
  },
});

const ofType = (type: 'admin' | 'content-api') => ({
  type,
  routes: FEATURES.flatMap((feature): FeatureRoute[] => feature.routes[type] ?? []).map(guarded),
});

/** Each feature's routes, grouped the way Strapi mounts them. */
export default {
  admin: ofType('admin'),
  'content-api': ofType('content-api'),
};
