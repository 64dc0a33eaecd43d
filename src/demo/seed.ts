import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { drawDemoPhoto } from './photo';

/** The reference wire story the demo newsroom starts with, relative to the app root. */
export const SEED_WIRE_FILE = path.join('demo', 'wire', '000_a27df77863c53b78.txt');

/** The demo newsroom works in English and Russian, as TASS's services do. */
export const DEMO_LOCALES = ['ru'];

export const ensureDemoLocales = async (strapi: Core.Strapi) => {
  for (const code of DEMO_LOCALES)
    await strapi.plugin('newsroom').service('article-drafts').ensureLocale(code);
};

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
  const { article } = await newsroom.service('wire-inbox').take(item.id);
  await addLeadPicture(strapi, article);

  await store.set({ key: 'seeded', value: new Date().toISOString() });
  return true;
};

/**
 * Gives the seed article a lead picture, uploaded through Strapi's upload service like any
 * Media Library upload (so it gets the newsroom renditions); the wire's credit line stays.
 */
const addLeadPicture = async (
  strapi: Core.Strapi,
  article: { documentId: string; locale: string }
) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-demo-'));
  try {
    const filepath = path.join(dir, 'dushanbe-demo.jpg');
    fs.writeFileSync(filepath, await drawDemoPhoto());
    const [file] = await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: {
          fileInfo: {
            name: 'dushanbe-demo.jpg',
            alternativeText: 'Demo picture (drawn by the seed)',
            caption: 'Demo picture',
          },
        },
        files: {
          filepath,
          originalFilename: 'dushanbe-demo.jpg',
          mimetype: 'image/jpeg',
          size: fs.statSync(filepath).size,
        },
      });
    const articles = strapi.documents('plugin::newsroom.article');
    const draft = (await articles.findOne({
      documentId: article.documentId,
      locale: article.locale,
      populate: ['leadPhoto'],
    })) as {
      leadPhoto?: Record<string, unknown> | null;
    };
    const { id: _componentId, ...photo } = draft?.leadPhoto ?? {};
    await articles.update({
      documentId: article.documentId,
      locale: article.locale,
      data: { leadPhoto: { ...photo, image: file.id } } as never,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
