import { execFileSync, spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';

/**
 * The plugin as someone else's Strapi app gets it: `npm pack`, the tarball installed into a new
 * minimal Strapi 5 app (its own package.json, config and database), the server booted, and the
 * plugin used over HTTP: content types, delivery routes, ingest → take → publish.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const STRAPI_VERSION = (
  JSON.parse(
    fs.readFileSync(path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'package.json'), 'utf8')
  ) as { version: string }
).version;
const SQLITE_VERSION = (
  JSON.parse(
    fs.readFileSync(path.join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')
  ) as { version: string }
).version;

const APP_FILES: Record<string, string> = {
  'config/server.js': `module.exports = ({ env }) => ({ host: '127.0.0.1', port: env.int('PORT', 0), app: { keys: env.array('APP_KEYS') } });`,
  'config/admin.js': `module.exports = ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET') },
  apiToken: { salt: env('API_TOKEN_SALT') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY') },
});`,
  'config/database.js': `const path = require('path');
module.exports = () => ({ connection: { client: 'sqlite', connection: { filename: path.join(__dirname, '..', '.tmp', 'data.db') }, useNullAsDefault: true } });`,
  'config/middlewares.js': `module.exports = ['strapi::logger', 'strapi::errors', 'strapi::security', 'strapi::cors', 'strapi::poweredBy', 'strapi::query', 'strapi::body', 'strapi::session', 'strapi::favicon', 'strapi::public'];`,
  'config/plugins.js': `module.exports = () => ({ newsroom: { enabled: true, config: { delivery: { publicRead: false } } } });`,
  'src/index.js': `module.exports = { register() {}, bootstrap() {} };`,
  'public/uploads/.gitkeep': '',
  // Boots the app's server only (no admin build), on a free port, and says where.
  'boot.js': `const { createStrapi, compileStrapi } = require('@strapi/strapi');
(async () => {
  const app = await createStrapi(await compileStrapi()).load();
  await app.server.mount();
  await new Promise((resolve) => app.server.httpServer.listen(0, '127.0.0.1', resolve));
  process.stdout.write('listening ' + app.server.httpServer.address().port + '\\n');
  process.on('SIGTERM', () => app.destroy().then(() => process.exit(0)));
})().catch((error) => { process.stderr.write(String(error && error.stack || error) + '\\n'); process.exit(1); });`,
};

let appDir: string;
let app: ChildProcess;
let http: () => ReturnType<typeof request>;

beforeAll(async () => {
  appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-host-app-'));
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', appDir], {
    cwd: ROOT,
  })
    .toString()
    .trim()
    .split('\n')
    .pop()!;
  fs.writeFileSync(
    path.join(appDir, 'package.json'),
    JSON.stringify({
      name: 'host-app',
      private: true,
      version: '0.0.0',
      dependencies: {
        '@strapi/strapi': STRAPI_VERSION,
        'better-sqlite3': SQLITE_VERSION,
        'strapi-plugin-newsroom': `file:./${tarball}`,
      },
    })
  );
  for (const [file, text] of Object.entries(APP_FILES)) {
    fs.mkdirSync(path.dirname(path.join(appDir, file)), { recursive: true });
    fs.writeFileSync(path.join(appDir, file), text);
  }
  // From npm's cache where it can: the same packages this repository installed.
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: appDir, stdio: 'inherit' }
  );

  app = spawn('node', ['boot.js'], {
    cwd: appDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      APP_KEYS: 'host-key-a,host-key-b',
      ADMIN_JWT_SECRET: 'host-admin-secret',
      API_TOKEN_SALT: 'host-token-salt',
      TRANSFER_TOKEN_SALT: 'host-transfer-salt',
      ENCRYPTION_KEY: 'host-encryption-key',
      STRAPI_TELEMETRY_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    app.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/u.exec(out);
      if (match) resolve(Number(match[1]));
    });
    app.once('exit', (code) => reject(new Error(`the host app exited with ${code}`)));
  });
  http = () => request(`http://127.0.0.1:${port}`);
}, 600_000);

afterAll(async () => {
  if (app && app.exitCode === null) {
    await new Promise<void>((resolve) => {
      app.once('exit', () => resolve());
      app.kill('SIGTERM');
    });
  }
  if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
});

test('the installed plugin brings its types, its routes and its workflow to a new app', async () => {
  const register = await http().post('/admin/register-admin').send({
    email: 'chief@host.test',
    password: 'Host-password-1',
    firstname: 'Host',
    lastname: 'Chief',
  });
  expect([200, 201]).toContain(register.status);
  const admin = { Authorization: `Bearer ${register.body.data.token}` };

  const types = await http().get('/content-manager/content-types').set(admin);
  expect(types.body.data.map((t: { uid: string }) => t.uid)).toEqual(
    expect.arrayContaining([
      'plugin::newsroom.article',
      'plugin::newsroom.wire-item',
      'plugin::newsroom.agency',
      'plugin::newsroom.rubric',
      'plugin::newsroom.workflow-event',
    ])
  );

  const tokenRes = await http()
    .post('/admin/api-tokens')
    .set(admin)
    .send({
      name: 'desk',
      type: 'custom',
      lifespan: null,
      permissions: [
        'plugin::newsroom.wire.ingest',
        'plugin::newsroom.delivery.find',
        'plugin::newsroom.delivery.findOne',
      ],
    });
  expect(tokenRes.status).toBe(201);
  const token = { Authorization: `Bearer ${tokenRes.body.data.accessKey}` };

  const copy = fs.readFileSync(path.join(ROOT, 'demo', 'wire', '000_a27df77863c53b78.txt'));
  const ingested = await http()
    .post('/api/newsroom/wire')
    .set(token)
    .set('Content-Type', 'text/plain; charset=utf-8')
    .send(copy);
  expect(ingested.status).toBe(201);
  const taken = await http().post(`/newsroom/wire-items/${ingested.body.data.id}/take`).set(admin);
  expect(taken.status).toBe(201);
  const { documentId, slug } = taken.body.data.article;

  for (const action of ['submit', 'approve', 'publish']) {
    const state = await http().get(`/newsroom/articles/${documentId}/workflow`).set(admin);
    const moved = await http()
      .post(`/newsroom/articles/${documentId}/transition`)
      .set(admin)
      .send({ action, expectedVersion: state.body.data.workflowVersion });
    expect(moved.status).toBe(200);
  }

  const list = await http().get('/api/newsroom/articles').set(token);
  expect(list.status).toBe(200);
  expect(list.body.data.map((a: { headline: string }) => a.headline)).toEqual([
    'Putin and Aliyev to Hold Talks in Moscow',
  ]);
  const detail = await http().get(`/api/newsroom/articles/${slug}`).set(token);
  expect(detail.body.data.attribution.line).toBe('Based on materials from TASS');
  expect([401, 403]).toContain((await http().get('/api/newsroom/articles')).status); // no public read was asked for
});
