import { DEVELOPMENT_SECRETS } from '../src/production';

export default ({ env }) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET', DEVELOPMENT_SECRETS.ADMIN_JWT_SECRET),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT', DEVELOPMENT_SECRETS.API_TOKEN_SALT),
  },
  transfer: {
    token: { salt: env('TRANSFER_TOKEN_SALT', DEVELOPMENT_SECRETS.TRANSFER_TOKEN_SALT) },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY', DEVELOPMENT_SECRETS.ENCRYPTION_KEY),
  },
  // The plugin's sources are rebuilt by `npm run watch`, not by the app's restart loop.
  watchIgnoreFiles: [
    '**/dist-demo/**',
    '**/admin/src/**',
    '**/server/src/**',
    '**/tests/**',
    '**/bench/**',
    '**/scratch/**',
  ],
  // The Content Manager's *Open preview* for articles: a signed, expiring link to the working copy.
  preview: {
    enabled: true,
    config: {
      handler: (uid: string, params: { documentId?: string; locale?: string; status?: string }) =>
        strapi.plugin('newsroom').service('preview').handler(uid, params),
    },
  },
  flags: {
    nps: env.bool('FLAG_NPS', false),
    promoteEE: env.bool('FLAG_PROMOTE_EE', false),
  },
});
