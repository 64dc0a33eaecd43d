#!/usr/bin/env node
'use strict';
/**
 * strapi-plugin-newsroom command line.
 *
 *   strapi-plugin-newsroom ingest <files or folders...> [--url URL --token TOKEN] [--agency CODE]
 *
 * With --url (or NEWSROOM_URL) the copy is posted to a running instance's
 * POST /api/newsroom/wire with an API token (--token or NEWSROOM_TOKEN) that has the ingest
 * permission. Without it, the Strapi app in the current folder is started and the copy goes
 * straight through its ingest service.
 */
const fs = require('fs');
const path = require('path');
const cliProgress = require('cli-progress');

const CONTENT_TYPES = {
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
};

const usage = () => {
  process.stderr.write(
    'Usage: strapi-plugin-newsroom ingest <files or folders...> [--url URL] [--token TOKEN] [--agency CODE]\n' +
      '  --url     a running Strapi (or NEWSROOM_URL); without it the app in this folder is started\n' +
      '  --token   API token with the Newsroom wire ingest permission (or NEWSROOM_TOKEN)\n' +
      '  --agency  agency code for copy that does not name its agency\n'
  );
  process.exit(64);
};

const parseArgs = (argv) => {
  const options = {
    paths: [],
    url: process.env.NEWSROOM_URL,
    token: process.env.NEWSROOM_TOKEN,
    agency: undefined,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--url' || arg === '--token' || arg === '--agency') {
      if (!argv[i + 1]) usage();
      options[arg.slice(2)] = argv[(i += 1)];
    } else if (arg.startsWith('--')) usage();
    else options.paths.push(arg);
  }
  if (!options.paths.length) usage();
  return options;
};

/** Wire files under the given paths, in a stable order. */
const collectFiles = (paths) => {
  const files = [];
  const visit = (p) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory())
      fs.readdirSync(p)
        .sort()
        .forEach((name) => visit(path.join(p, name)));
    else if (CONTENT_TYPES[path.extname(p).toLowerCase()]) files.push(p);
  };
  paths.forEach((p) => visit(path.resolve(p)));
  return files;
};

/**
 * Sends one file to a running instance; resolves to a list of { outcome } or { refused: message },
 * one per item (a NewsML-G2 newsMessage holds several). Past
 * the instance's per-token limit (429), waits as long as `Retry-After` says and sends it again.
 */
const overHttp =
  ({ url, token, agency }) =>
  async (file) => {
    const target = new URL('/api/newsroom/wire', url);
    if (agency) target.searchParams.set('agency', agency);
    const send = () =>
      fetch(target, {
        method: 'POST',
        headers: {
          'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()],
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: fs.readFileSync(file),
      });
    let res = await send();
    while (res.status === 429) {
      const seconds = Math.max(1, Number(res.headers.get('retry-after')) || 1);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      res = await send();
    }
    const body = await res.json().catch(() => ({}));
    if (res.ok && body.meta && body.meta.outcome === 'message')
      return body.meta.items.map((item) =>
        item.refused
          ? { refused: `${item.refused.status} ${item.refused.message}` }
          : { outcome: item.outcome }
      );
    if (res.ok) return [{ outcome: body.meta && body.meta.outcome }];
    return [{ refused: `${res.status} ${(body.error && body.error.message) || res.statusText}` }];
  };

/** Starts the Strapi app in the current folder and ingests through its service. */
const direct = async ({ agency }) => {
  const appDir = process.cwd();
  const { compileStrapi, createStrapi } = require(
    require.resolve('@strapi/strapi', { paths: [appDir] })
  );
  const tsUtils = require(require.resolve('@strapi/typescript-utils', { paths: [appDir] }));
  // A TypeScript app that has been built already is started from its build, as `strapi start` does.
  const outDir = (await tsUtils.isUsingTypeScript(appDir))
    ? await tsUtils.resolveOutDir(appDir)
    : appDir;
  const ctx = fs.existsSync(path.join(outDir, 'config'))
    ? { appDir, distDir: outDir }
    : await compileStrapi({ appDir });
  const app = await createStrapi(ctx).load();
  const ingest = app.plugin('newsroom').service('wire-ingest');
  const send = async (file) => {
    try {
      const results = await ingest.ingestMessage({
        payload: fs.readFileSync(file),
        contentType: CONTENT_TYPES[path.extname(file).toLowerCase()],
        agency,
      });
      return results.map((result) =>
        result.refused
          ? { refused: `${result.refused.status} ${result.refused.message}` }
          : { outcome: result.outcome }
      );
    } catch (error) {
      // A refusal (an http-errors error meant for the client) is this file's answer; anything else stops the run.
      if (error && error.expose === true && error.status < 500)
        return [{ refused: `${error.status} ${error.message}` }];
      throw error;
    }
  };
  return { send, close: () => app.destroy() };
};

const displayPath = (file) => {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
};

const main = async () => {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'ingest') usage();
  const options = parseArgs(rest);
  const files = collectFiles(options.paths);
  const target = options.url
    ? { send: overHttp(options), close: async () => {} }
    : await direct(options);

  const counts = { new: 0, duplicate: 0, updated: 0, stale: 0, refused: 0 };
  const refusals = [];
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'ingest [{bar}] {value}/{total} {file}' },
    cliProgress.Presets.shades_classic
  );
  bar.start(files.length, 0, { file: '' });
  for (const file of files) {
    const results = await target.send(file);
    results.forEach((result, index) => {
      if (result.refused) {
        counts.refused += 1;
        const item = results.length > 1 ? ` (item ${index + 1})` : '';
        refusals.push(`${displayPath(file)}${item}: ${result.refused}`);
      } else counts[result.outcome] = (counts[result.outcome] || 0) + 1;
    });
    bar.increment(1, { file: path.basename(file) });
  }
  bar.stop();
  await target.close();

  process.stdout.write(
    `${files.length} files: ${counts.new} new, ${counts.duplicate} duplicate, ${counts.updated} updated, ${counts.stale} older versions, ${counts.refused} refused\n`
  );
  refusals.forEach((line) => process.stdout.write(`  refused ${line}\n`));
  process.exit(counts.refused ? 2 : 0);
};

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
