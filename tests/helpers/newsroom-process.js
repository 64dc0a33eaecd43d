// A whole Strapi process of the demo app, as a deployment runs it: used to check that
// several processes sharing one database cooperate (e.g. the scheduler publishes once).
// Environment as for the app; prints "ready" when loaded. Strapi destroys itself on SIGTERM.
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const root = path.resolve(__dirname, '..', '..');

(async () => {
  const app = await createStrapi({ appDir: root, distDir: path.join(root, 'dist-demo') }).load();
  app.cron.start();
  // Behind a load balancer: the process serves HTTP too, on a port of its own.
  if (process.env.NEWSROOM_PROCESS_LISTEN === 'true') {
    await app.server.mount();
    const server = app.server.httpServer;
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.stdout.write(`ready http://127.0.0.1:${server.address().port}\n`);
    return;
  }
  process.stdout.write('ready\n');
})().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
