import { wordDiff } from '../../../server/src/archive/domain/word-diff';
import { snapshotText } from '../../../server/src/archive/domain/snapshot-text';
import { canonicalJson, contentHash } from '../../../server/src/archive/domain/content-hash';

const joined = (parts: Array<{ op: string; text: string }>, keep: string[]) =>
  parts
    .filter((p) => keep.includes(p.op))
    .map((p) => p.text)
    .join('');

describe('word diffs', () => {
  test('a word replaced is one deletion and one insertion between equal runs', () => {
    expect(
      wordDiff('The talks began in Moscow on Monday.', 'The talks began in Sochi on Monday.')
    ).toEqual([
      { op: 'equal', text: 'The talks began in ' },
      { op: 'delete', text: 'Moscow' },
      { op: 'insert', text: 'Sochi' },
      { op: 'equal', text: ' on Monday.' },
    ]);
  });

  test('the parts give back both texts exactly, Cyrillic and line breaks included', () => {
    const before = 'Алиев прибыл в Москву.\nПереговоры начнутся в понедельник.';
    const after = 'Алиев прибыл в Сочи.\nПереговоры начались во вторник, сообщили в Кремле.';
    const parts = wordDiff(before, after);
    expect(joined(parts, ['equal', 'delete'])).toBe(before);
    expect(joined(parts, ['equal', 'insert'])).toBe(after);
  });

  test('equal texts are one equal part; an empty side is all insert or all delete', () => {
    expect(wordDiff('Same words', 'Same words')).toEqual([{ op: 'equal', text: 'Same words' }]);
    expect(wordDiff('', 'New text')).toEqual([{ op: 'insert', text: 'New text' }]);
    expect(wordDiff('Gone', '')).toEqual([{ op: 'delete', text: 'Gone' }]);
    expect(wordDiff('', '')).toEqual([]);
  });

  test('two long, wholly different texts are diffed within the bounded alignment', () => {
    const words = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');
    const before = words('a', 20_000);
    const after = words('b', 20_000);
    const parts = wordDiff(before, after);
    expect(joined(parts, ['equal', 'delete'])).toBe(before);
    expect(joined(parts, ['equal', 'insert'])).toBe(after);
  });
});

describe('a snapshot as text', () => {
  test('reads the delivery view field by field, and a kill by its notice', () => {
    const text = snapshotText({
      data: {
        headline: 'Talks',
        standfirst: null,
        dateline: { place: 'MOSCOW', date: '2026-11-28' },
        byline: 'Anna Petrova',
        leadPhoto: { caption: 'Leaders meet', creditLine: 'AP Photo/Ivan Ivanov' },
        sections: [
          {
            subhead: 'Background',
            blocks: [
              {
                type: 'paragraph',
                children: [
                  { type: 'text', text: 'First ' },
                  { type: 'link', url: 'https://x', children: [{ type: 'text', text: 'link' }] },
                ],
              },
              {
                type: 'list',
                format: 'unordered',
                children: [{ type: 'list-item', children: [{ type: 'text', text: 'One' }] }],
              },
            ],
          },
        ],
        gallery: [],
        attribution: { line: 'Associated Press' },
        tags: ['talks', 'moscow'],
        corrections: [{ date: '2026-11-28T10:00:00.000Z', note: 'Place corrected' }],
      },
    });
    expect(text).toEqual({
      headline: 'Talks',
      standfirst: '',
      dateline: 'MOSCOW, 2026-11-28',
      byline: 'Anna Petrova',
      leadPhoto: 'Leaders meet — AP Photo/Ivan Ivanov',
      body: 'Background\nFirst link\nOne',
      gallery: '',
      attribution: 'Associated Press',
      tags: 'talks, moscow',
      corrections: '2026-11-28: Place corrected',
      notice: '',
    });
    expect(snapshotText({ data: null, error: { status: 410, message: 'Withdrawn' } }).notice).toBe(
      'Withdrawn'
    );
    expect(snapshotText('not a snapshot').headline).toBe('');
  });
});

describe('the content hash', () => {
  test('does not depend on key order, and changes with any byte of what was served', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}'
    );
    const hash = contentHash({ a: 1, b: 2 }, '<p>x</p>', { v: '1' });
    expect(hash).toMatch(/^[0-9a-f]{64}$/u);
    expect(contentHash({ b: 2, a: 1 }, '<p>x</p>', { v: '1' })).toBe(hash);
    expect(contentHash({ a: 1, b: 2 }, '<p>y</p>', { v: '1' })).not.toBe(hash);
    expect(contentHash({ a: 1, b: 3 }, '<p>x</p>', { v: '1' })).not.toBe(hash);
  });
});
