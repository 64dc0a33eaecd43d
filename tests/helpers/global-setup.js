// Builds what a real instance loads: the plugin package (`strapi-plugin build`, skipped
// when dist/ is newer than the sources) and the demo app's TypeScript config.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');

const newestMtime = (dir) => {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
};

module.exports = async () => {
  const built = path.join(root, 'dist', 'server', 'index.js');
  const sources = Math.max(
    newestMtime(path.join(root, 'server', 'src')),
    newestMtime(path.join(root, 'admin', 'src')),
    fs.statSync(path.join(root, 'package.json')).mtimeMs
  );
  if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
    execFileSync('npx', ['strapi-plugin', 'build'], { cwd: root, stdio: 'inherit' });
  }
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: root });
};
