import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';

/** The reference wire story the demo newsroom starts with, relative to the app root. */
export const SEED_WIRE_FILE = path.join('demo', 'wire', '000_a27df77863c53b78.txt');

const newsroom = (strapi: Core.Strapi) => ({
  agencies: strapi.plugin('newsroom').service('agencies'),
  rubrics: strapi.plugin('newsroom').service('rubrics'),
  drafts: strapi.plugin('newsroom').service('article-drafts'),
  formats: strapi.plugin('newsroom').service('wire-formats'),
});

/**
 * Demo content: agency TASS, the rubric of the reference story and the story itself as a
 * draft article. Runs once per database; later runs leave editors' changes alone.
 */
export const seedDemoContent = async (strapi: Core.Strapi) => {
  const store = strapi.store({ type: 'app', name: 'newsroom-demo' });
  if (await store.get({ key: 'seeded' })) return false;

  const { agencies, rubrics, drafts, formats } = newsroom(strapi);
  await agencies.findOrCreate('TASS', {
    name: 'TASS',
    attributionTemplate: 'Based on materials from {name}',
    defaultCredit: 'TASS',
    usageTerms: 'Use subject to the TASS subscription agreement.',
  });
  await rubrics.findOrCreate('GSV "Russia - Islamic World"');

  const file = path.join(strapi.dirs.app.root, SEED_WIRE_FILE);
  const story = formats.parse('text', fs.readFileSync(file, 'utf8'), fs.statSync(file).mtime);
  await drafts.createFromStory(story, { agency: 'TASS' });

  await store.set({ key: 'seeded', value: new Date().toISOString() });
  return true;
};
