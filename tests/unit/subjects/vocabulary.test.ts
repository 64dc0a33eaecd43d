import vocabulary from '../../../server/src/subjects/domain/media-topics.json';
import {
  findTopics,
  narrowerCodes,
  topic,
  type MediaTopic,
} from '../../../server/src/subjects/domain/subjects';

const depth = (t: MediaTopic): number => (t.broader ? 1 + depth(topic(t.broader)!) : 0);

describe('the IPTC Media Topics vocabulary', () => {
  test('holds the current concepts of the 2019-04-06 release, each under a topic it holds', () => {
    expect(vocabulary.released).toBe('2019-04-06T20:00:00+00:00');
    expect(vocabulary.topics).toHaveLength(1133);
    expect(vocabulary.topics.filter((t) => t.broader === null)).toHaveLength(17);
    for (const t of vocabulary.topics) {
      expect(t.code).toMatch(/^medtop:\d{8}$/);
      if (t.broader) expect(topic(t.broader)).toBeDefined();
    }
  });

  test('a code gives its English name and its broader topic', () => {
    expect(topic('medtop:20000523')).toEqual({
      code: 'medtop:20000523',
      name: 'labour market',
      broader: 'medtop:09000000',
    });
    expect(topic('medtop:04000000')).toEqual({
      code: 'medtop:04000000',
      name: 'economy, business and finance',
      broader: null,
    });
  });

  test('retired concepts, unknown codes and other schemes are not topics', () => {
    // Retired in 2016 in favour of medtop:20000105 (war crime).
    expect(topic('medtop:20000064')).toBeUndefined();
    expect(topic('medtop:99999999')).toBeUndefined();
    expect(topic('tassrubric:politics')).toBeUndefined();
  });
});

describe('narrowerCodes: a parent topic matches its children', () => {
  test('a top level holds its children and grandchildren, and nothing of other branches', () => {
    const labour = narrowerCodes('medtop:09000000');
    expect(labour[0]).toBe('medtop:09000000');
    expect(labour).toContain('medtop:20000523'); // labour market
    expect(labour).toContain('medtop:20001275'); // gig economy, under labour market
    expect(labour).not.toContain('medtop:04000000');
    expect(labour).not.toContain('medtop:20000350'); // central bank, under economy
    expect(new Set(labour).size).toBe(labour.length);
  });

  test('every topic under a top level is found from it, and the top levels share none', () => {
    const tops = vocabulary.topics.filter((t) => t.broader === null);
    const all = tops.flatMap((t) => narrowerCodes(t.code));
    expect(all).toHaveLength(vocabulary.topics.length);
    expect(new Set(all).size).toBe(vocabulary.topics.length);
  });

  test('a leaf, an unknown code and another scheme match themselves only', () => {
    expect(narrowerCodes('medtop:20001275')).toEqual(['medtop:20001275']);
    expect(narrowerCodes('medtop:99999999')).toEqual(['medtop:99999999']);
    expect(narrowerCodes('tassrubric:politics')).toEqual(['tassrubric:politics']);
  });
});

describe('findTopics: the picker search', () => {
  test('name words match from their start, case and order aside', () => {
    const codes = findTopics('Market LAB').map((t) => t.code);
    expect(codes).toContain('medtop:20000523');
    expect(findTopics('abour').map((t) => t.code)).not.toContain('medtop:20000523');
  });

  test('top levels first, then shorter names', () => {
    const found = findTopics('econ', 50);
    expect(found[0]).toEqual(topic('medtop:04000000'));
    const order = found.map((t) => [depth(t), t.name.length]);
    const sorted = [...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(order).toEqual(sorted);
    expect(new Set(order.map(([d]) => d)).size).toBeGreaterThan(1);
  });

  test('a code or part of one finds its topic, an exact code first', () => {
    expect(findTopics('20000523')[0].code).toBe('medtop:20000523');
    expect(findTopics('medtop:20000533')[0]).toEqual(topic('medtop:20000533'));
  });

  test('empty text lists the top levels first; the limit holds, at most 50', () => {
    const first = findTopics('', 17);
    expect(first.every((t) => t.broader === null)).toBe(true);
    expect(findTopics('', 5)).toHaveLength(5);
    expect(findTopics('', 500)).toHaveLength(50);
    expect(findTopics('zzzzqqq')).toEqual([]);
  });
});
