import { can, type FeatureRoutes } from '../platform/routes';
import wire from './controllers/wire';
import wireItems from './controllers/wire-items';
import feedsController from './controllers/feeds';
import names from './controllers/names';
import feeds from './services/feeds';
import agencies from './services/agencies';
import rubrics from './services/rubrics';
import wireInbox from './services/wire-inbox';
import wireIngest from './services/wire-ingest';
import wireRetention from './services/wire-retention';
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
    { method: 'GET', path: '/wire-alerts', handler: 'feeds.alerts', config: can('wire.read') },
    { method: 'GET', path: '/agencies', handler: 'names.agencies', config: can('read') },
    { method: 'GET', path: '/rubrics', handler: 'names.rubrics', config: can('read') },
    { method: 'GET', path: '/feeds', handler: 'feeds.find', config: can('feeds.manage') },
    { method: 'POST', path: '/feeds', handler: 'feeds.create', config: can('feeds.manage') },
    { method: 'PUT', path: '/feeds/:id', handler: 'feeds.update', config: can('feeds.manage') },
    { method: 'DELETE', path: '/feeds/:id', handler: 'feeds.delete', config: can('feeds.manage') },
    { method: 'POST', path: '/feeds/:id/poll', handler: 'feeds.poll', config: can('feeds.manage') },
    {
      method: 'PUT',
      path: '/agencies/:id/ingest-tokens',
      handler: 'feeds.setIngestTokens',
      config: can('feeds.manage'),
    },
  ],
};

export default {
  services: {
    agencies,
    feeds,
    rubrics,
    'wire-inbox': wireInbox,
    'wire-ingest': wireIngest,
    'wire-retention': wireRetention,
    'wire-updates': wireUpdates,
  },
  controllers: { wire, 'wire-items': wireItems, feeds: feedsController, names },
  routes,
};
