import type { Core } from '@strapi/strapi';

/**
 * The demo app's development secrets. Config files fall back to them so `npm run develop`
 * works with nothing set; production refuses to start while any is in use.
 */
export const DEVELOPMENT_SECRETS = {
  APP_KEYS: 'newsroomDevKeyA,newsroomDevKeyB',
  ADMIN_JWT_SECRET: 'newsroom-dev-admin-jwt-secret',
  API_TOKEN_SALT: 'newsroom-dev-api-token-salt',
  TRANSFER_TOKEN_SALT: 'newsroom-dev-transfer-token-salt',
  ENCRYPTION_KEY: 'newsroom-dev-encryption-key',
  JWT_SECRET: 'newsroom-dev-users-jwt-secret',
} as const;

/** The demo super admin's password when none was chosen. */
export const DEMO_PASSWORD = 'Newsroom-2026';

export const isProduction = () => process.env.NODE_ENV === 'production';

/** The secret variables that are unset or hold a repository default. */
export const developmentSecretsInUse = (env: NodeJS.ProcessEnv = process.env) =>
  Object.entries(DEVELOPMENT_SECRETS)
    .filter(([name, development]) => {
      const value = env[name]?.trim();
      if (!value) return true;
      const defaults = development.split(',');
      return value.split(',').some((part) => defaults.includes(part.trim()));
    })
    .map(([name]) => name);

/** Refuses a production start on development secrets, naming every variable to set. */
export const refuseDevelopmentSecrets = () => {
  const missing = developmentSecretsInUse();
  if (missing.length) {
    throw new Error(
      `Production refuses to start with the repository's development secrets. Set ${missing.join(', ')} to secret values of your own ` +
        `(e.g. openssl rand -base64 32; APP_KEYS takes several, comma-separated).`
    );
  }
};

/** Refuses a production start while an admin can still log in with the demo password. */
export const refuseDemoPassword = async (strapi: Core.Strapi) => {
  const auth = strapi.service('admin::auth') as {
    validatePassword(password: string, hash: string): Promise<boolean>;
  };
  const admins: Array<{ email: string; password: string | null }> = await strapi.db
    .query('admin::user')
    .findMany({ select: ['email', 'password'], where: { isActive: true } });
  for (const admin of admins) {
    if (admin.password && (await auth.validatePassword(DEMO_PASSWORD, admin.password))) {
      throw new Error(
        `Production refuses to start: the admin ${admin.email} still logs in with the demo password. ` +
          'Change it (Profile → Change password, or `npx strapi admin:reset-user-password`) before starting in production.'
      );
    }
  }
};
