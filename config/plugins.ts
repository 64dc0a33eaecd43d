import path from 'path';

// The demo app is the repository itself: it loads the newsroom plugin from this
// package (its `strapi-plugin build` output) and the users & permissions plugin for
// the public role that headless consumers read through.
const root = path.resolve(__dirname, '..', '..');

export default ({ env }) => ({
  newsroom: {
    enabled: true,
    resolve: root,
    config: {},
  },
  'users-permissions': {
    enabled: true,
    resolve: path.join(root, 'node_modules', '@strapi', 'plugin-users-permissions'),
    config: {
      jwtSecret: env('JWT_SECRET', 'newsroom-dev-users-jwt-secret'),
    },
  },
});
