import { can, type FeatureRoutes } from '../platform/routes';
import desk from './controllers/desk';
import deskService from './services/desk';

/** The editor's desk: the Newsroom home, one read of what the shift works on. */
const routes: FeatureRoutes = {
  admin: [
    { method: 'GET', path: '/desk', handler: 'desk.find', config: can('read') },
    { method: 'GET', path: '/desk/counts', handler: 'desk.counts', config: can('read') },
  ],
};

export default {
  services: { desk: deskService },
  controllers: { desk },
  routes,
};
