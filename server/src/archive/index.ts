import { can, type FeatureRoutes } from '../platform/routes';
import versions from './controllers/versions';
import archive from './services/archive';

/** The archive of published versions: snapshots written by the workflow, read here, never changed. */
const routes: FeatureRoutes = {
  admin: [
    {
      method: 'GET',
      path: '/articles/:documentId/versions',
      handler: 'versions.find',
      config: can('versions.read'),
    },
    {
      method: 'GET',
      path: '/articles/:documentId/versions/:number',
      handler: 'versions.findOne',
      config: can('versions.read'),
    },
    {
      method: 'GET',
      path: '/articles/:documentId/versions/:a/diff/:b',
      handler: 'versions.diff',
      config: can('versions.read'),
    },
  ],
};

export default {
  services: { archive },
  controllers: { versions },
  routes,
};
