import { spawn } from 'child_process';
import path from 'path';
import { DEVELOPMENT_SECRETS } from '../../../src/production';
import { createTestDatabase, type TestDatabase } from '../../helpers/database';
import { ROOT, startNewsroom } from '../../helpers/strapi';

/**
 * `npm start` runs production, and production refuses the repository's development secrets
 * and the demo admin password, saying what to set. Each start is a real process of the app.
 */
const OWN_SECRETS = {
  APP_KEYS: 'k1-8f3a0c,k2-91bd44',
  ADMIN_JWT_SECRET: 'own-admin-jwt-secret',
  API_TOKEN_SALT: 'own-api-token-salt',
  TRANSFER_TOKEN_SALT: 'own-transfer-token-salt',
  ENCRYPTION_KEY: 'own-encryption-key',
  JWT_SECRET: 'own-users-jwt-secret',
};

/** Starts the app as production on `db`; resolves with how it ended (or that it came up). */
const startProduction = (db: TestDatabase, env: Record<string, string>) =>
  new Promise<{ ready: boolean; code: number | null; output: string }>((resolve) => {
    const child = spawn('node', [path.join(ROOT, 'tests', 'helpers', 'newsroom-process.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...db.env,
        NODE_ENV: 'production',
        CRON_ENABLED: 'false',
        LOG_LEVEL: 'error',
        NEWSROOM_DEMO: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) {
        child.kill('SIGTERM');
        resolve({ ready: true, code: null, output });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ ready: false, code, output }));
  });

const unset = Object.fromEntries(Object.keys(DEVELOPMENT_SECRETS).map((name) => [name, '']));

describe('a production start', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  test('refuses unset and repository secrets, naming each variable to set', async () => {
    const result = await startProduction(db, {
      ...unset,
      ...OWN_SECRETS,
      APP_KEYS: DEVELOPMENT_SECRETS.APP_KEYS,
      JWT_SECRET: '',
    });
    expect(result.ready).toBe(false);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(
      "Production refuses to start with the repository's development secrets. Set APP_KEYS, JWT_SECRET"
    );
  });

  test('with secrets of its own it starts, without the demo admin or content even when asked for them', async () => {
    const result = await startProduction(db, { ...OWN_SECRETS, LOG_LEVEL: 'info' });
    expect(result.output).not.toMatch(/refuses/);
    expect(result.ready).toBe(true);
    expect(result.output).toMatch(/info/); // logging at info, so a demo start would have shown
    expect(result.output).not.toContain('[newsroom demo]');
  });
});

test('a production start refuses while an admin still has the demo password', async () => {
  // The database a developer ran `npm run develop` on: the demo super admin exists.
  const development = await startNewsroom({ demo: true, env: { NODE_ENV: 'development' } });
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k.startsWith('DATABASE_'))
  ) as Record<string, string>;
  const admins = await development.strapi.db.query('admin::user').count({});
  // Kept past stop(): the production process opens the same database.
  const db: TestDatabase = { env, drop: async () => undefined };
  await development.strapi.destroy();
  try {
    expect(admins).toBe(1);
    const result = await startProduction(db, OWN_SECRETS);
    expect(result.ready).toBe(false);
    expect(result.output).toContain(
      'Production refuses to start: the admin chief@newsroom.local still logs in with the demo password'
    );
  } finally {
    await development.stop().catch(() => undefined);
  }
});
