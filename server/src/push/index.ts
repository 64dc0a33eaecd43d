import { can, type FeatureRoutes } from '../platform/routes';
import subscribers from './controllers/subscribers';
import push from './services/push';
import subscribersService from './services/subscribers';

const manage = can('subscribers.manage');

/** Push to subscribers: signed POSTs of publications, corrections and kills, from an outbox. */
const routes: FeatureRoutes = {
  admin: [
    { method: 'GET', path: '/subscribers', handler: 'subscribers.find', config: manage },
    { method: 'POST', path: '/subscribers', handler: 'subscribers.create', config: manage },
    { method: 'PUT', path: '/subscribers/:id', handler: 'subscribers.update', config: manage },
    { method: 'DELETE', path: '/subscribers/:id', handler: 'subscribers.delete', config: manage },
    { method: 'GET', path: '/push-deliveries', handler: 'subscribers.deliveries', config: manage },
    {
      method: 'POST',
      path: '/push-deliveries/:id/resend',
      handler: 'subscribers.resend',
      config: manage,
    },
  ],
};

export default {
  services: { push, subscribers: subscribersService },
  controllers: { subscribers },
  routes,
};
