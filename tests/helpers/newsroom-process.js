// A whole Strapi process of the demo app, as a deployment runs it: used to check that
// several processes sharing one database cooperate (e.g. the scheduler publishes once).
// Environment as for the app; prints "ready" when loaded. Strapi destroys itself on SIGTERM.
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const root = path.resolve(__dirname, '..', '..');

(async () => {
  const app = await createStrapi({ appDir: root, distDir: path.join(root, 'dist-demo') }).load();
  app.cron.start();
  process.stdout.write('ready\n');
})().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
