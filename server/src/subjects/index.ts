import type { FeatureRoutes } from '../platform/routes';
import subjects from './controllers/subjects';
import subjectsService from './services/subjects';

/** The vocabulary is public data: any signed-in admin user may search it. */
const signedIn = { policies: ['admin::isAuthenticatedAdmin'] };

/** Subjects: the IPTC Media Topics vocabulary and its picker's search. */
const routes: FeatureRoutes = {
  admin: [{ method: 'GET', path: '/subjects', handler: 'subjects.find', config: signedIn }],
};

export default {
  services: { subjects: subjectsService },
  controllers: { subjects },
  routes,
};
