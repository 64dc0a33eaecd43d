// Browser tests need the admin panel as users get it: the plugin built, then the demo
// app's admin build (`strapi build`), redone only when the plugin or the app changed.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const pluginSetup = require('./global-setup');

const root = path.resolve(__dirname, '..', '..');

const newestMtime = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }, 0);

module.exports = async () => {
  await pluginSetup();
  const built = path.join(root, 'dist-demo', 'build', 'index.html');
  const sources = Math.max(
    newestMtime(path.join(root, 'dist', 'admin')),
    newestMtime(path.join(root, 'src')),
    newestMtime(path.join(root, 'config'))
  );
  if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
    execFileSync('npx', ['strapi', 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
};
