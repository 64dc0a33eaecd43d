import {
  articleDocument,
  textOfBlocks,
  wireDocument,
} from '../../../server/src/search/domain/documents';
import {
  fts5Match,
  parseQuery,
  stemMatches,
  tsQuerySql,
} from '../../../server/src/search/domain/query';
import { escapeHtml, snippetOf } from '../../../server/src/search/domain/snippet';
import { configFor, stemOf, stemmedText } from '../../../server/src/search/domain/stemming';
import fs from 'fs';
import path from 'path';
import { fold, foldedWordsOf, wordsOf } from '../../../server/src/search/domain/text';
import {
  languageOfStory,
  languageOfText,
  languageTag,
} from '../../../server/src/wire/domain/language';

describe('words and folding', () => {
  test('letters and digits make words; ё is е; case and NFC are folded', () => {
    expect(wordsOf('Ёмкий, «разговор» 2024-го').map((w) => w.folded)).toEqual([
      'емкий',
      'разговор',
      '2024',
      'го',
    ]);
    // Composed and decomposed spellings of one letter are one word.
    expect(fold('e\u0301te')).toBe(fold('\u00e9te'));
    expect(fold('ЁЛКА')).toBe('елка');
  });

  test('folding the whole text, then splitting, gives the words split then folded', () => {
    const seed = fs.readFileSync(
      path.join(__dirname, '../../../demo/wire/000_a27df77863c53b78.txt'),
      'utf8'
    );
    for (const text of [
      seed,
      'Ёмкий, «разговор» 2024-го',
      // Decomposed accents, a Turkish dotted İ, Greek final sigma, marks after a separator.
      'Cafe\u0301 İSTANBUL ΟΔΟΣ. x \u0301y ǅemal ﬁnance Ⅻ ²3',
      'ПУТИН—АЛИЕВУ;Пашинян:ЕРЕВАН',
    ])
      expect(foldedWordsOf(text)).toEqual(wordsOf(text).map((w) => w.folded));
  });

  test('positions point into the original text', () => {
    const text = 'Путин — Алиеву';
    const [, second] = wordsOf(text);
    expect(text.slice(second.start, second.end)).toBe('Алиеву');
  });
});

describe('stemming', () => {
  test('each language has its configuration; others are not stemmed', () => {
    expect(configFor('ru')).toBe('russian');
    expect(configFor('ru-RU')).toBe('russian');
    expect(configFor('en-GB')).toBe('english');
    expect(configFor('de')).toBe('simple');
    expect(configFor(null)).toBe('simple');
  });

  test('Russian words under Russian, Latin words under English, as PostgreSQL does', () => {
    expect(stemOf('алиева', 'russian')).toBe('алиев');
    expect(stemOf('алиеву', 'russian')).toBe('алиев');
    expect(stemOf('переговорах', 'russian')).toBe('переговор');
    expect(stemOf('talks', 'russian')).toBe('talk');
    expect(stemOf('talks', 'english')).toBe('talk');
    // Cyrillic in English copy, and anything in another language, stays as written.
    expect(stemOf('переговорах', 'english')).toBe('переговорах');
    expect(stemOf('talks', 'simple')).toBe('talks');
    expect(stemmedText('Talks on Карабаха', 'russian')).toBe('talk on карабах');
  });
});

describe('queries', () => {
  test('every word with its stems, and a prefix from four letters', () => {
    const q = parseQuery('  Алиев talks на ');
    expect(q.words.map((w) => w.word)).toEqual(['алиев', 'talks', 'на']);
    expect(q.words[0]).toMatchObject({ prefix: 'алиев' });
    expect(q.words[0].stems).toContain('ал');
    expect(q.words[2].prefix).toBeUndefined();
    // Алиев's own stem is ал; its case forms stem to алиев, found by the prefix.
    expect(stemMatches('алиев', q.words[0])).toBe(true);
    expect(stemMatches('ал', q.words[0])).toBe(true);
    expect(stemMatches('алексе', q.words[0])).toBe(false);
  });

  test('refusals name the problem', () => {
    expect(() => parseQuery('')).toThrow('q must contain a word (letters or digits)');
    expect(() => parseQuery('*** !!!')).toThrow('q must contain a word');
    expect(() => parseQuery('x'.repeat(201))).toThrow('q must be at most 200 characters');
    expect(() => parseQuery('a b c d e f g h i')).toThrow('at most 8 different words');
    expect(parseQuery('a a a a a a a a a').words).toHaveLength(1);
  });

  test('engine syntax typed by a reader stays words', () => {
    const q = parseQuery('"talks" OR NEAR(x*) :* & !');
    expect(q.words.map((w) => w.word)).toEqual(['talks', 'or', 'near', 'x']);
    expect(fts5Match(q)).toBe(
      '("talk" OR "talks" OR "talks"*) AND ("or") AND ("near" OR "near"*) AND ("x")'
    );
    const sql = tsQuerySql(q, { russian: 'newsroom_russian', english: 'newsroom_english' });
    expect(sql.sql).toContain("plainto_tsquery('newsroom_russian', ?)");
    expect(sql.bindings).toContain("'talks':*");
    expect(sql.sql.split('?').length - 1).toBe(sql.bindings.length);
  });
});

describe('snippets', () => {
  test('the words around the first hit, escaped, hits marked', () => {
    const text = `${'word '.repeat(20)}the <b>Алиеву</b> & co. ${'tail '.repeat(40)}`;
    const snippet = snippetOf(text, parseQuery('алиев'), 'russian');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('&lt;b&gt;<mark>Алиеву</mark>&lt;/b&gt; &amp; co.');
    expect(snippet.replace(/<\/?mark>/gu, '')).not.toMatch(/[<>]/u);
  });

  test('from the start when only another field matched; empty text gives nothing', () => {
    expect(snippetOf('One two three.', parseQuery('headline'), 'english')).toBe('One two three.');
    expect(snippetOf('', parseQuery('x'), 'english')).toBe('');
    expect(escapeHtml(`<a href="x">'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&lt;/a&gt;');
  });
});

describe('what is indexed', () => {
  test('a wire story: standfirst apart, the rest with byline, place, subheads and captions', () => {
    const doc = wireDocument(
      {
        headline: 'H',
        standfirst: 'S',
        byline: 'By A',
        dateline: { place: 'MOSCOW' },
        sections: [{ subhead: 'Sub', paragraphs: ['P1', 'P2'] }],
        pictures: [{ caption: 'Cap' }],
      },
      'ru'
    );
    expect(doc).toEqual({
      config: 'russian',
      language: 'ru',
      headline: 'H',
      standfirst: 'S',
      text: 'By A\nMOSCOW\nSub\nP1\nP2\nCap',
    });
  });

  test('an article: body blocks of any shape, captions, its locale when the language is unset', () => {
    const doc = articleDocument({
      headline: 'H',
      locale: 'en',
      body: [
        {
          subhead: 'Sub',
          text: [
            {
              type: 'paragraph',
              children: [
                { type: 'text', text: 'One ' },
                { type: 'link', url: 'x', children: [{ type: 'text', text: 'two' }] },
              ],
            },
            {
              type: 'list',
              children: [{ type: 'list-item', children: [{ type: 'text', text: 'three' }] }],
            },
            { type: 'image', image: { url: 'x' } },
          ],
        },
      ],
      leadPhoto: { caption: 'Lead' },
      gallery: [{ caption: 'G1' }, null as never],
    });
    expect(doc.config).toBe('english');
    expect(doc.text).toBe('Sub\nOne two\nthree\nLead\nG1');
    expect(textOfBlocks('not blocks')).toBe('');
  });
});

describe('the language of a story', () => {
  test('the agency’s tag when it is one, else the letters', () => {
    expect(languageTag('EN-gb')).toBe('en-GB');
    expect(languageTag('rus')).toBe('ru');
    expect(languageTag('zh-hans-cn')).toBe('zh-Hans-CN');
    expect(languageTag('__proto__')).toBeUndefined();
    expect(languageTag('xx-<script>')).toBeUndefined();
    expect(languageTag('english please')).toBeUndefined();
    expect(languageOfText('Президент России провел переговоры в Москве.')).toBe('ru');
    expect(languageOfText('The presidents held talks in Moscow today.')).toBe('en');
    expect(languageOfText('12345 !!!')).toBeUndefined();
    expect(
      languageOfText('東京で会談が行われた。東京で会談が行われた。東京で会談が行われた。')
    ).toBeUndefined();
    const story = {
      headline: 'Путин провел переговоры с Алиевым',
      sections: [{ paragraphs: ['Стороны обсудили.'] }],
    };
    expect(languageOfStory(story)).toBe('ru');
    expect(languageOfStory({ ...story, language: 'en' })).toBe('en');
    expect(languageOfStory({ ...story, language: '??' })).toBe('ru');
  });
});
