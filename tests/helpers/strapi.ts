import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from './database';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Newsroom {
  strapi: Core.Strapi;
  /** Where the instance listens, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** supertest against that address. */
  http: () => ReturnType<typeof request>;
  /** This instance's public folder; uploads are written under `uploads/`. */
  publicDir: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Load the demo newsroom (super admin + reference story as a draft). */
  demo?: boolean;
  /** With `demo`: the whole demo desk as `npm run develop` seeds it (the story published, more wire, stories in every state). */
  demoDesk?: boolean;
  env?: Record<string, string>;
}

/**
 * Boots the demo app with the plugin on a database of its own, ready for HTTP.
 * One instance per test file; `stop()` destroys it and its database.
 */
export const startNewsroom = async (options: StartOptions = {}): Promise<Newsroom> => {
  const db: TestDatabase = await createTestDatabase();
  const publicDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-public-'));
  fs.mkdirSync(path.join(publicDir, 'uploads'));
  Object.assign(process.env, {
    NEWSROOM_PUBLIC_DIR: publicDir,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    NEWSROOM_DEMO: options.demo ? 'true' : 'false',
    NEWSROOM_DEMO_DESK: options.demoDesk ? 'true' : 'false',
    CRON_ENABLED: 'false',
    ...db.env,
    ...options.env,
  });

  // Required here, not imported at the top, so the environment above is in place when
  // Strapi reads its config (and as CommonJS, which the benchmarks' loader also runs).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const cleanUp = async () => {
    await db.drop().catch(() => undefined);
    fs.rmSync(publicDir, { recursive: true, force: true });
  };
  let strapi: Core.Strapi | undefined;
  let url: string;
  try {
    strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist-demo') }).load();
    await strapi.server.mount();
    // A real port for the whole file: clients see one stable origin, as in production.
    const server = strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    await drainDatabase(strapi); // work Strapi and the plugin start without awaiting (role set-up) settles first
  } catch (error) {
    // A start that fails half-way leaves nothing running: the test run can still end.
    await strapi?.destroy().catch(() => undefined);
    await cleanUp();
    throw error;
  }
  const started = strapi;

  return {
    strapi: started,
    url,
    http: () => request(url),
    publicDir,
    async stop() {
      try {
        await drainDatabase(started);
        await started.destroy();
      } finally {
        await cleanUp();
      }
    },
  };
};

type Pool = { numUsed(): number; numPendingAcquires(): number; numPendingCreates(): number };

/**
 * Strapi emits entry events after a request has answered (on commit, unawaited); let the
 * database pool fall idle before destroying the instance so none of them hit a closed pool.
 */
const drainDatabase = async (strapi: Core.Strapi, maxMs = 5000) => {
  const pool = (strapi.db.connection.client as { pool?: Pool }).pool;
  if (!pool) return;
  const busy = () => pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0;
  const started = Date.now();
  let idleChecks = 0;
  while (idleChecks < 3 && Date.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    idleChecks = busy() ? 0 : idleChecks + 1;
  }
};
