import { can, type FeatureRoutes } from '../platform/routes';
import renditionsController from './controllers/renditions';
import renditions from './services/renditions';

/** Images: the upload pipeline, renditions and their regeneration. */
const routes: FeatureRoutes = {
  admin: [
    { method: 'GET', path: '/renditions', handler: 'renditions.status', config: can('read') },
    {
      method: 'POST',
      path: '/renditions/regenerate',
      handler: 'renditions.regenerate',
      config: can('renditions.regenerate'),
    },
  ],
};

export default {
  services: { renditions },
  controllers: { renditions: renditionsController },
  routes,
};
