import { can, type FeatureRoutes } from '../platform/routes';
import articles from './controllers/articles';
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
    { method: 'GET', path: '/board', handler: 'articles.board', config: can('read') },
    { method: 'GET', path: '/dashboard', handler: 'articles.dashboard', config: can('read') },
  ],
};

export default {
  services: { workflow, board, dashboard },
  controllers: { articles },
  routes,
};
