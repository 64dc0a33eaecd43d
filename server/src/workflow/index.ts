import { can, type FeatureRoutes } from '../platform/routes';
import articles from './controllers/articles';
import locks from './controllers/locks';
import editLocks from './services/edit-locks';
import board from './services/board';
import dashboard from './services/dashboard';
import workflow from './services/workflow';

/** The editorial workflow: transitions, history, the board, the dashboard, the scheduler. */
const routes: FeatureRoutes = {
  admin: [
    // Each workflow action's own permission is checked in the controller, from the body's action.
    {
      method: 'POST',
      path: '/articles/:documentId/transition',
      handler: 'articles.transition',
      config: can('read'),
    },
    {
      method: 'GET',
      path: '/articles/:documentId/workflow',
      handler: 'articles.workflow',
      config: can('read'),
    },
    {
      method: 'GET',
      path: '/articles/:documentId/history',
      handler: 'articles.history',
      config: can('read'),
    },
    {
      method: 'POST',
      path: '/articles/:documentId/wire-update',
      handler: 'articles.wireUpdate',
      config: can('wire.take'),
    },
    {
      method: 'POST',
      path: '/articles/:documentId/agency-alert/clear',
      handler: 'articles.clearAgencyAlert',
      config: can('agency-alert.clear'),
    },
    // Locks: any user who may read the article sees who holds it; taking one needs update (checked in the controller).
    {
      method: 'GET',
      path: '/articles/:documentId/lock',
      handler: 'locks.find',
      config: can('read'),
    },
    {
      method: 'POST',
      path: '/articles/:documentId/lock',
      handler: 'locks.keep',
      config: can('read'),
    },
    {
      method: 'POST',
      path: '/articles/:documentId/lock/take-over',
      handler: 'locks.takeOver',
      config: can('read'),
    },
    {
      method: 'DELETE',
      path: '/articles/:documentId/lock',
      handler: 'locks.release',
      config: can('read'),
    },
    { method: 'GET', path: '/board', handler: 'articles.board', config: can('read') },
    { method: 'GET', path: '/dashboard', handler: 'articles.dashboard', config: can('read') },
  ],
};

export default {
  services: { workflow, board, dashboard, 'edit-locks': editLocks },
  controllers: { articles, locks },
  routes,
};
