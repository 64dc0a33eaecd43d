export default ({ env }) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET', 'newsroom-dev-admin-jwt-secret'),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT', 'newsroom-dev-api-token-salt'),
  },
  transfer: {
    token: { salt: env('TRANSFER_TOKEN_SALT', 'newsroom-dev-transfer-token-salt') },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY', 'newsroom-dev-encryption-key'),
  },
  // The plugin's sources are rebuilt by `npm run watch`, not by the app's restart loop.
  watchIgnoreFiles: ['**/dist-demo/**', '**/admin/src/**', '**/server/src/**', '**/tests/**', '**/bench/**', '**/scratch/**'],
  flags: {
    nps: env.bool('FLAG_NPS', false),
    promoteEE: env.bool('FLAG_PROMOTE_EE', false),
  },
});
