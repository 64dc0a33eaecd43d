import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';

/** The reference wire story the demo newsroom starts with, relative to the app root. */
export const SEED_WIRE_FILE = path.join('demo', 'wire', '000_a27df77863c53b78.txt');

/**
 * Demo content: agency TASS and its rubric, then the reference story through the real
 * wire ingest and "take", as an editor would get it. Runs once per database.
 */
export const seedDemoContent = async (strapi: Core.Strapi) => {
  const store = strapi.store({ type: 'app', name: 'newsroom-demo' });
  if (await store.get({ key: 'seeded' })) return false;

  const newsroom = strapi.plugin('newsroom');
  await newsroom.service('agencies').findOrCreate('TASS', {
    name: 'TASS',
    attributionTemplate: 'Based on materials from {name}',
    defaultCredit: 'TASS',
    usageTerms: 'Use subject to the TASS subscription agreement.',
  });
  await newsroom.service('rubrics').findOrCreate('GSV "Russia - Islamic World"');

  const file = path.join(strapi.dirs.app.root, SEED_WIRE_FILE);
  const { item } = await newsroom.service('wire-ingest').ingest({
    payload: fs.readFileSync(file),
    contentType: 'text/plain; charset=utf-8',
    receivedAt: fs.statSync(file).mtime,
  });
  await newsroom.service('wire-inbox').take(item.id);

  await store.set({ key: 'seeded', value: new Date().toISOString() });
  return true;
};
