/**
 * The newsroom the scale bench copies: a few dozen articles made through the real document
 * service and workflow, in every state, both locales and several rubrics, each with three body
 * sections, a lead photo (a media file with its formats), a dateline, an attribution and tags;
 * and wire items through the real ingest. `clone.ts` then copies their rows in bulk SQL.
 */
import type { Core } from '@strapi/strapi';
import { copyFor, ninjsOf } from '../search/copy';
import type { WireIngestService } from '../../server/src/wire/services/wire-ingest';
import type { WorkflowService } from '../../server/src/workflow/services/workflow';

const ARTICLE = 'plugin::newsroom.article';
const ACTOR = { id: null, name: 'Benchmark' };
const RUBRICS = ['World', 'Politics', 'Economy', 'Sport', 'Science', 'Culture'];
const HOUR = 3600_000;

/** Each state as the workflow reaches it, from a new draft. */
const PATHS: Record<string, Array<{ action: string; note?: string; at?: string }>> = {
  draft: [],
  in_review: [{ action: 'submit' }],
  approved: [{ action: 'submit' }, { action: 'approve' }],
  // Far enough ahead that no copy falls due during the run.
  scheduled: [
    { action: 'submit' },
    { action: 'approve' },
    { action: 'schedule', at: new Date(Date.now() + 30 * 24 * HOUR).toISOString() },
  ],
  published: [{ action: 'submit' }, { action: 'approve' }, { action: 'publish' }],
  corrected: [
    { action: 'submit' },
    { action: 'approve' },
    { action: 'publish' },
    { action: 'correct', note: 'An earlier version misstated the date' },
  ],
  killed: [
    { action: 'submit' },
    { action: 'approve' },
    { action: 'publish' },
    { action: 'kill', note: 'Withdrawn' },
  ],
  spiked: [{ action: 'spike' }],
};
/**
 * Published stories outnumber the rest, as on a real site; enough approved and scheduled ones
 * that the scheduler row finds 1,000 to publish at 10,000 articles, run after run.
 */
const STATES = [
  'published',
  'published',
  'published',
  'published',
  'published',
  'corrected',
  'killed',
  'draft',
  'in_review',
  'approved',
  'approved',
  'scheduled',
  'scheduled',
  'scheduled',
  'spiked',
  'published',
];

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

const photoFile = async (strapi: Core.Strapi, i: number) => {
  const format = (name: string, width: number) => ({
    name: `${name}_photo_${i}.jpg`,
    hash: `${name}_photo_${i}`,
    ext: '.jpg',
    mime: 'image/jpeg',
    width,
    height: Math.round(width / 1.5),
    size: width / 10,
    sizeInBytes: width * 100,
    url: `/uploads/${name}_photo_${i}.jpg`,
  });
  return strapi.db.query('plugin::upload.file').create({
    data: {
      name: `photo_${i}.jpg`,
      hash: `photo_${i}`,
      ext: '.jpg',
      mime: 'image/jpeg',
      size: 812.4,
      width: 3000,
      height: 2000,
      url: `/uploads/photo_${i}.jpg`,
      provider: 'local',
      alternativeText: `Photo ${i}`,
      formats: {
        thumbnail: format('thumbnail', 245),
        small: format('small', 500),
        medium: format('medium', 750),
        large: format('large', 1000),
        '16x9_1024_avif': format('16x9_1024_avif', 1024),
        '1x1_640_webp': format('1x1_640_webp', 640),
        original_1600_jpeg: format('original_1600_jpeg', 1600),
      },
    },
  });
};

export interface Templates {
  articles: number;
  wireItems: number;
}

/** Seeds `articles` articles (STATES in turn, `ru` and `en` alternating) and `wireItems` items. */
export const seedTemplates = async (
  strapi: Core.Strapi,
  articles: number,
  wireItems: number
): Promise<Templates> => {
  const plugin = strapi.plugin('newsroom');
  const locales = strapi.plugin('i18n').service('locales');
  if (!(await locales.findByCode('ru'))) await locales.create({ code: 'ru', name: 'Russian (ru)' });
  const agencies = {
    ru: await plugin.service('agencies').findOrCreate('TASS'),
    en: await plugin.service('agencies').findOrCreate('REUTERS'),
  };
  const rubrics = [];
  for (const name of RUBRICS) rubrics.push(await plugin.service('rubrics').findOrCreate(name));
  const workflow = plugin.service('workflow') as WorkflowService;

  for (let i = 0; i < articles; i += 1) {
    const copy = copyFor(i, 11);
    const file = await photoFile(strapi, i);
    const third = Math.ceil(copy.paragraphs.length / 3);
    const created = await strapi.documents(ARTICLE).create({
      locale: copy.language,
      data: {
        headline: copy.headline,
        standfirst: copy.standfirst,
        language: copy.language,
        dateline: { place: copy.language === 'ru' ? 'Москва' : 'London', date: '2026-11-20' },
        byline: copy.language === 'ru' ? 'Корреспондент' : 'Staff reporter',
        body: [0, 1, 2].map((s) => ({
          ...(s ? { subhead: s === 1 ? 'Background' : 'Reaction' } : {}),
          text: copy.paragraphs.slice(s * third, (s + 1) * third).map(paragraph),
        })),
        attribution: {
          line: `Based on materials from ${agencies[copy.language].code}`,
          agency: agencies[copy.language].id,
        },
        rubric: rubrics[i % rubrics.length].id,
        tags: [{ label: 'news' }, { label: `topic${copy.topic}` }, { label: `tag${i % 7}` }],
        subjects: copy.subjects,
        leadPhoto: {
          image: file.id,
          caption: `Caption of photo ${i}`,
          creditLine: agencies[copy.language].code,
          creator: 'Staff photographer',
          copyrightNotice: `© ${agencies[copy.language].code}`,
        },
      } as never,
    });
    for (const step of PATHS[STATES[i % STATES.length]]) {
      const row = await strapi.db.query(ARTICLE).findOne({
        select: ['workflowVersion'],
        where: { documentId: created.documentId, locale: copy.language, publishedAt: null },
      });
      await workflow.transition(
        created.documentId,
        { ...step, expectedVersion: row.workflowVersion, locale: copy.language } as never,
        ACTOR
      );
    }
  }

  const ingest = plugin.service('wire-ingest') as WireIngestService;
  for (let i = 0; i < wireItems; i += 1) {
    const copy = copyFor(100_000 + i, 5);
    const result = await ingest.ingest({
      payload: Buffer.from(ninjsOf(copy, `urn:scale:${i}`)),
      contentType: 'application/json',
      agency: agencies[copy.language].code,
    });
    if (result.outcome !== 'new') throw new Error(`template wire item ${i}: ${result.outcome}`);
  }
  return { articles, wireItems };
};
