import path from 'path';
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from './database';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Newsroom {
  strapi: Core.Strapi;
  /** supertest bound to the instance's HTTP server. */
  http: () => ReturnType<typeof request>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Load the demo newsroom (super admin + reference story), as `npm run develop` does. */
  demo?: boolean;
  env?: Record<string, string>;
}

/**
 * Boots the demo app with the plugin on a database of its own, ready for HTTP.
 * One instance per test file; `stop()` destroys it and its database.
 */
export const startNewsroom = async (options: StartOptions = {}): Promise<Newsroom> => {
  const db: TestDatabase = await createTestDatabase();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    NEWSROOM_DEMO: options.demo ? 'true' : 'false',
    CRON_ENABLED: 'false',
    ...db.env,
    ...options.env,
  });

  // Loaded lazily so that the environment above is in place when Strapi reads its config.
  const { createStrapi } = await import('@strapi/strapi');
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist-demo') }).load();
  await strapi.server.mount();

  return {
    strapi,
    http: () => request(strapi.server.httpServer),
    async stop() {
      await strapi.destroy();
      await db.drop();
    },
  };
};
