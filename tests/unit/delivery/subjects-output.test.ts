import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { XMLValidator } from 'fast-xml-parser';
import schema22 from '../../../server/src/wire/domain/schemas/ninjs-schema_2.2.json';
import {
  articleDetail,
  articleSummary,
  type ArticleRow,
} from '../../../server/src/delivery/domain/article-view';
import { toNinjs } from '../../../server/src/delivery/domain/ninjs';
import { toRss } from '../../../server/src/delivery/domain/rss';
import { parseNinjs } from '../../../server/src/wire/domain/ninjs';

const ORIGIN = 'https://news.example';

const row: ArticleRow = {
  documentId: 'doc1',
  locale: 'en',
  slug: 'jobless',
  headline: 'Jobless claims fall',
  language: 'en',
  body: [{ text: [{ type: 'paragraph', children: [{ type: 'text', text: 'Claims fell.' }] }] }],
  rubric: { name: 'Economy', slug: 'economy' },
  subjects: [
    { code: 'medtop:20000523', name: 'stale name' },
    { code: 'tassrubric:politics', name: 'Politics & power' },
    { code: 'gyimeid:104530187' },
    // Stored past the checks (an old row, a raw query): left out of what readers get.
    { code: 'medtop:99999999', name: 'made up' },
    'junk',
  ],
  urgency: 3,
  workflowVersion: 2,
  publishedAt: '2026-11-28T10:00:00.000Z',
};

/** The ninjs 2.2 schema alone (the parser also accepts 2.1); GeoJSON stands in as any object. */
const validate22 = (() => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', type: 'object' });
  return ajv.compile(schema22);
})();

describe('subjects and urgency in what readers and partners get', () => {
  test('the JSON summary and detail carry canonical subjects and the urgency', () => {
    const subjects = [
      { code: 'medtop:20000523', name: 'labour market' },
      { code: 'tassrubric:politics', name: 'Politics & power' },
      { code: 'gyimeid:104530187', name: null },
    ];
    expect(articleSummary(row, ORIGIN)).toMatchObject({ subjects, urgency: 3 });
    expect(articleDetail(row, ORIGIN)).toMatchObject({ subjects, urgency: 3 });
    expect(articleSummary({ ...row, subjects: null, urgency: null }, ORIGIN)).toMatchObject({
      subjects: [],
      urgency: null,
    });
  });

  test('ninjs: Media Topics by IPTC URI, other qcodes as literals, valid ninjs 2.2', () => {
    const item = toNinjs(row, articleDetail(row, ORIGIN), 'urn:newsroom');
    expect(item.urgency).toBe(3);
    expect(item.subjects).toEqual([
      { name: 'Economy', uri: 'urn:newsroom:rubric:economy' },
      { name: 'labour market', uri: 'http://cv.iptc.org/newscodes/mediatopic/20000523' },
      { name: 'Politics & power', literal: 'tassrubric:politics' },
      { literal: 'gyimeid:104530187' },
    ]);
    const valid = validate22(item);
    expect(validate22.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The check can fail: ninjs 2.2 subjects have no `code` or `scheme`.
    const withCode = { ...item, subjects: [{ name: 'labour market', code: '20000523' }] };
    expect(validate22(withCode)).toBe(false);
    expect(validate22({ ...item, urgency: 'high' })).toBe(false);
  });

  test('ninjs without subjects or urgency leaves both out', () => {
    const bare = { ...row, rubric: null, subjects: [], urgency: null };
    const item = toNinjs(bare, articleDetail(bare, ORIGIN), 'urn:newsroom');
    expect(item).not.toHaveProperty('subjects');
    expect(item).not.toHaveProperty('urgency');
    expect(validate22(item)).toBe(true);
  });

  test("a partner's newsroom reading our ninjs gets the same subjects and urgency back", () => {
    const item = toNinjs(row, articleDetail(row, ORIGIN), 'urn:newsroom');
    const story = parseNinjs(JSON.stringify(item));
    expect(story.subjects).toEqual([
      { code: 'medtop:20000523', name: 'labour market' },
      { code: 'tassrubric:politics', name: 'Politics & power' },
      { code: 'gyimeid:104530187' },
    ]);
    expect(story.urgency).toBe(3);
  });

  test('RSS: one category per subject, Media Topics under the IPTC domain, escaped', () => {
    const xml = toRss(
      { title: 'News', link: ORIGIN, description: 'All', selfUrl: `${ORIGIN}/rss` },
      [{ ...articleSummary(row, ORIGIN), link: `${ORIGIN}/en/jobless` }]
    );
    expect(XMLValidator.validate(xml)).toBe(true);
    const categories = xml.match(/<category[^>]*>[^<]*<\/category>/g);
    expect(categories).toEqual([
      '<category>Economy</category>',
      '<category domain="http://cv.iptc.org/newscodes/mediatopic/">labour market</category>',
      '<category domain="tassrubric">Politics &amp; power</category>',
      '<category domain="gyimeid">gyimeid:104530187</category>',
    ]);
  });
});
