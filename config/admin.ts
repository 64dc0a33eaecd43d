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
  flags: {
    nps: env.bool('FLAG_NPS', false),
    promoteEE: env.bool('FLAG_PROMOTE_EE', false),
  },
});
