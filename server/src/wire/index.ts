import { can, type FeatureRoutes } from '../platform/routes';
import wire from './controllers/wire';
import wireItems from './controllers/wire-items';
import agencies from './services/agencies';
import rubrics from './services/rubrics';
import wireInbox from './services/wire-inbox';
import wireIngest from './services/wire-ingest';
import wireUpdates from './services/wire-updates';

/** The wire: agency copy in (ingest), the inbox, agency updates, agencies and rubrics. */
const routes: FeatureRoutes = {
  'content-api': [
    // Allowed for API tokens (and roles) granted Newsroom → wire → ingest.
    { method: 'POST', path: '/wire', handler: 'wire.ingest', config: { policies: [] } },
  ],
  admin: [
    { method: 'GET', path: '/wire-items', handler: 'wire-items.find', config: can('wire.read') },
    {
      method: 'GET',
      path: '/wire-items/:id',
      handler: 'wire-items.findOne',
      config: can('wire.read'),
    },
    {
      method: 'POST',
      path: '/wire-items/:id/take',
      handler: 'wire-items.take',
      config: can('wire.take'),
    },
    {
      method: 'POST',
      path: '/wire-items/:id/ignore',
      handler: 'wire-items.ignore',
      config: can('wire.take'),
    },
  ],
};

export default {
  services: {
    agencies,
    rubrics,
    'wire-inbox': wireInbox,
    'wire-ingest': wireIngest,
    'wire-updates': wireUpdates,
  },
  controllers: { wire, 'wire-items': wireItems },
  routes,
};
