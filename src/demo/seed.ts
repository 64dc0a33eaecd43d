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
 * wire ingest and "take", as an editor would get it; with `desk`, the story published and a
 * small desk around it (see `seedDesk`). Runs once per database.
 */
export const seedDemoContent = async (strapi: Core.Strapi, { desk = true } = {}) => {
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
  if (desk) {
    // The reference story goes out, as the desk would send it: a newcomer's first
    // GET /api/newsroom/articles has it.
    await move(strapi, article, 'submit', 'approve', 'publish');
    await seedDesk(strapi);
  }

  await store.set({ key: 'seeded', value: new Date().toISOString() });
  return true;
};

/** The demo desk's editor: the steps are recorded as the seed's, not a person's. */
const SEED_ACTOR = { id: null, name: 'Demo seed' };

/** Runs workflow actions in turn on an article locale, each from its current version. */
const move = async (
  strapi: Core.Strapi,
  article: { documentId: string; locale: string },
  ...steps: Array<string | { action: string; at?: string }>
) => {
  const workflow = strapi.plugin('newsroom').service('workflow');
  for (const step of steps) {
    const { draft } = await workflow.state(article.documentId, article.locale);
    await workflow.transition(
      article.documentId,
      {
        ...(typeof step === 'string' ? { action: step } : step),
        expectedVersion: draft.workflowVersion,
        locale: article.locale,
      },
      SEED_ACTOR
    );
  }
};

const ninjs = (uri: string, headline: string, paragraphs: string[], extra = {}) =>
  JSON.stringify({
    uri,
    type: 'text',
    language: 'en',
    versioncreated: new Date().toISOString(),
    headlines: [{ role: 'main', value: headline }],
    bodies: [
      {
        role: 'main',
        contenttype: 'text/html',
        value: paragraphs.map((p) => `<p>${p}</p>`).join(''),
      },
    ],
    ...extra,
  });

const HOUR = 3_600_000;

/**
 * A small believable desk, so that every page has something on first start: wire copy in
 * English and Russian waiting in the inbox (one of it urgent), and stories taken from it in
 * review, scheduled for this evening, and approved under an embargo lifting tomorrow morning.
 */
const seedDesk = async (strapi: Core.Strapi) => {
  const newsroom = strapi.plugin('newsroom');
  const agencies = newsroom.service('agencies');
  await agencies.findOrCreate('REUTERS', {
    name: 'Reuters',
    attributionTemplate: 'Based on materials from {name}',
    defaultCredit: 'Reuters',
  });
  const ingest = (payload: string, contentType: string, agency: string) =>
    newsroom.service('wire-ingest').ingest({ payload: Buffer.from(payload), contentType, agency });
  const take = async (payload: string, contentType: string, agency: string) => {
    const { item } = await ingest(payload, contentType, agency);
    return (await newsroom.service('wire-inbox').take(item.id)).article as {
      documentId: string;
      locale: string;
    };
  };

  // Waiting in the inbox.
  await ingest(
    ninjs(
      'urn:demo:reuters:rates',
      'Central bank holds key rate, signals cuts later in the year',
      [
        'The central bank kept its key interest rate unchanged on Friday, as expected.',
        'Policymakers said inflation was slowing and cuts could follow later in the year.',
      ],
      { urgency: 2 }
    ),
    'application/json',
    'REUTERS'
  );
  await ingest(
    ninjs('urn:demo:reuters:grain', 'Grain exports rise for a third month', [
      'Grain exports rose for a third month running, shipping data showed.',
    ]),
    'application/json',
    'REUTERS'
  );
  await ingest(
    [
      'В Москве открылась международная книжная ярмарка',
      '',
      'МОСКВА, 29 ноября. /ТАСС/.',
      '',
      'Международная книжная ярмарка открылась в Москве, в ней участвуют издательства из 30 стран.',
    ].join('\n'),
    'text/plain; charset=utf-8',
    'TASS'
  );

  // In review, scheduled, under embargo.
  const review = await take(
    ninjs('urn:demo:reuters:talks', 'Trade talks to resume next week', [
      'Negotiators will meet again next week, officials said on Friday.',
    ]),
    'application/json',
    'REUTERS'
  );
  await move(strapi, review, 'submit');
  const scheduled = await take(
    ninjs('urn:demo:reuters:budget', 'Parliament to vote on the budget tonight', [
      'Lawmakers will vote on the budget in a late sitting, the speaker said.',
    ]),
    'application/json',
    'REUTERS'
  );
  await move(strapi, scheduled, 'submit', 'approve', {
    action: 'schedule',
    at: new Date(Date.now() + 6 * HOUR).toISOString(),
  });
  const embargoed = await take(
    ninjs('urn:demo:reuters:report', 'Annual health report finds longer lives', [
      'People are living longer, the annual health report published on Monday found.',
    ]),
    'application/json',
    'REUTERS'
  );
  await strapi.documents('plugin::newsroom.article').update({
    documentId: embargoed.documentId,
    locale: embargoed.locale,
    data: { embargoUntil: new Date(Date.now() + 20 * HOUR).toISOString() } as never,
  });
  await move(strapi, embargoed, 'submit', 'approve');
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
