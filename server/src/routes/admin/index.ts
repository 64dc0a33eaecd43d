const can = (action: string) => ({
  policies: [{ name: 'admin::hasPermissions', config: { actions: [`plugin::newsroom.${action}`] } }],
});

export default {
  type: 'admin' as const,
  routes: [
    { method: 'GET', path: '/wire-items', handler: 'wire-items.find', config: can('wire.read') },
    { method: 'GET', path: '/wire-items/:id', handler: 'wire-items.findOne', config: can('wire.read') },
    { method: 'POST', path: '/wire-items/:id/take', handler: 'wire-items.take', config: can('wire.take') },
    { method: 'POST', path: '/wire-items/:id/ignore', handler: 'wire-items.ignore', config: can('wire.take') },
    // Each workflow action's own permission is checked in the controller, from the body's action.
    { method: 'POST', path: '/articles/:documentId/transition', handler: 'articles.transition', config: can('read') },
    { method: 'GET', path: '/articles/:documentId/workflow', handler: 'articles.workflow', config: can('read') },
    { method: 'GET', path: '/articles/:documentId/history', handler: 'articles.history', config: can('read') },
    { method: 'POST', path: '/articles/:documentId/wire-update', handler: 'articles.wireUpdate', config: can('wire.take') },
    { method: 'GET', path: '/board', handler: 'articles.board', config: can('read') },
    { method: 'GET', path: '/dashboard', handler: 'articles.dashboard', config: can('read') },
    { method: 'GET', path: '/renditions', handler: 'renditions.status', config: can('read') },
    { method: 'POST', path: '/renditions/regenerate', handler: 'renditions.regenerate', config: can('renditions.regenerate') },
  ],
};
