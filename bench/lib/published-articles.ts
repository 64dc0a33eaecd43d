import type { Newsroom } from '../../tests/helpers/strapi';

const ARTICLE = 'plugin::newsroom.article';
const ACTOR = { id: null, name: 'Benchmark' };

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

/**
 * `count` published articles as the wire desk makes them — dateline, body, attribution, rubric,
 * tags and a lead photo whose file row carries Strapi's sizes (no file behind it) — each taken
 * through the workflow to published; their slugs.
 */
export const seedPublishedArticles = async ({ strapi }: Newsroom, count: number) => {
  const newsroom = strapi.plugin('newsroom');
  const agency = await newsroom.service('agencies').findOrCreate('TASS');
  const rubric = await newsroom.service('rubrics').findOrCreate('World');
  const workflow = newsroom.service('workflow');
  const slugs: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const base = `/uploads/photo_${i}`;
    const format = (name: string, width: number) => ({
      name,
      hash: `photo_${i}_${name}`,
      ext: '.jpg',
      mime: 'image/jpeg',
      width,
      height: Math.round(width / 1.5),
      size: width / 10,
      url: `${base}_${name}.jpg`,
    });
    const file = await strapi.db.query('plugin::upload.file').create({
      data: {
        name: `photo_${i}.jpg`,
        hash: `photo_${i}`,
        ext: '.jpg',
        mime: 'image/jpeg',
        size: 812.4,
        width: 3000,
        height: 2000,
        url: `${base}.jpg`,
        provider: 'local',
        alternativeText: `Photo ${i}`,
        formats: {
          thumbnail: format('thumbnail', 245),
          small: format('small', 500),
          medium: format('medium', 750),
          large: format('large', 1000),
        },
      },
    });
    const article = await strapi.documents(ARTICLE).create({
      data: {
        headline: `Benchmark story number ${i} about the economy`,
        standfirst: `A standfirst for story ${i}.`,
        dateline: { place: 'Moscow', date: '2026-04-22' },
        byline: 'Desk',
        body: [
          {
            text: [
              paragraph(`Lead paragraph of story ${i}. `.repeat(8)),
              paragraph('Second paragraph. '.repeat(10)),
            ],
          },
          {
            subhead: 'Background',
            text: [
              paragraph('Background paragraph. '.repeat(12)),
              paragraph('More background. '.repeat(12)),
            ],
          },
        ],
        attribution: { line: 'Based on materials from TASS', agency: agency.id },
        rubric: rubric.id,
        tags: [{ label: 'economy' }, { label: `tag${i % 20}` }],
        leadPhoto: {
          image: file.id,
          caption: `Caption ${i}`,
          creditLine: 'TASS',
          creator: 'Photographer',
          copyrightNotice: '© TASS',
        },
      } as never,
    });
    for (const [n, action] of ['submit', 'approve', 'publish'].entries()) {
      await workflow.transition(article.documentId, { action, expectedVersion: n }, ACTOR);
    }
    slugs.push(article.slug);
  }
  return slugs;
};
