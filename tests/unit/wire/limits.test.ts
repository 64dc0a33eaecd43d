import { WireParseError } from '../../../server/src/wire/domain/errors';
import {
  WIRE_LIMITS,
  assertHtmlDepth,
  assertJsonDepth,
  assertXmlDepth,
} from '../../../server/src/wire/domain/limits';
import { parseNewsmlG2 } from '../../../server/src/wire/domain/newsml-g2';
import { parseNinjs } from '../../../server/src/wire/domain/ninjs';
import { parseWire, type WireFormat } from '../../../server/src/wire/domain/payload';
import { parsePlainTextWire } from '../../../server/src/wire/domain/plain-text';
import { paragraphCount, type WireStory } from '../../../server/src/wire/domain/story';

// Copy shaped to make a parser rescan, recurse or nest: what the limits and linear paths are for.
const RECEIVED = new Date('2024-04-22T08:15:00Z');

const newsItem = (contentSet: string, contentMeta = '') => `<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:test:1" version="1" standard="NewsML-G2">
  <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:TEST"/></itemMeta>
  <contentMeta><headline>Talks resume in Geneva</headline>${contentMeta}</contentMeta>
  <contentSet>${contentSet}</contentSet>
</newsItem>`;
const xhtmlBody = (html: string) =>
  `<inlineXML contenttype="application/xhtml+xml"><html><body>${html}</body></html></inlineXML>`;

const ninjsItem = (value: string, contenttype = 'text/html', extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    uri: 'urn:ninjs:test:1',
    headlines: [{ role: 'main', value: 'Talks resume in Geneva' }],
    bodies: [{ role: 'main', contenttype, value }],
    ...extra,
  });

const nested = (open: string, close: string, depth: number, inner = 'deep') =>
  open.repeat(depth) + inner + close.repeat(depth);

/** The error a parse throws, or undefined when it parses. */
const refusal = (parse: () => unknown): WireParseError | undefined => {
  try {
    parse();
    return undefined;
  } catch (e) {
    if (e instanceof WireParseError) return e;
    throw e;
  }
};

const allParagraphs = (story: WireStory) => story.sections.flatMap((s) => s.paragraphs);

describe('NewsML-G2: inline elements', () => {
  test('many self-closing <inlineXML/> before the body: the body is still found', () => {
    const story = parseNewsmlG2(
      newsItem(`${'<inlineXML/>'.repeat(20000)}${xhtmlBody('<p>The body.</p>')}`)
    );
    expect(allParagraphs(story)).toEqual(['The body.']);
  });

  test('only self-closing and empty inline elements: no body, not an error', () => {
    const story = parseNewsmlG2(
      newsItem(`${'<inlineXML/><inlineData></inlineData>'.repeat(20000)}`)
    );
    expect(story.sections).toEqual([]);
  });

  test('unclosed inline start tags inside a comment or CDATA are not the body', () => {
    const inComment = parseNewsmlG2(
      newsItem(`<!--${'<inlineXML>'.repeat(20000)}-->${xhtmlBody('<p>The body.</p>')}`)
    );
    expect(allParagraphs(inComment)).toEqual(['The body.']);
    const inCdata = parseNewsmlG2(
      newsItem(`<inlineData><![CDATA[${'<inlineXML>'.repeat(20000)}]]></inlineData>`)
    );
    expect(allParagraphs(inCdata)).toEqual(['<inlineXML>'.repeat(20000)]);
  });

  test('repeated unclosed inline elements are malformed XML: 400', () => {
    const error = refusal(() => parseNewsmlG2(newsItem('<inlineXML>'.repeat(20000))));
    expect(error).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^The body is not well-formed XML/),
    });
  });

  test('self-closed XHTML elements in the body are empty, not unclosed', () => {
    const story = parseNewsmlG2(
      newsItem(xhtmlBody(`<p>${'<span/>a'.repeat(50000)}</p><h1/><p>After the headline.</p>`))
    );
    expect(allParagraphs(story)).toEqual(['a'.repeat(50000), 'After the headline.']);
  });

  test('50,000 tiny paragraphs are all kept, as XHTML and as inlineData', () => {
    const xhtml = parseNewsmlG2(newsItem(xhtmlBody('<p>x</p>'.repeat(50000))));
    expect(paragraphCount(xhtml)).toBe(50000);
    const data = parseNewsmlG2(
      newsItem(`<inlineData contenttype="text/plain">${'x\n\n'.repeat(50000)}</inlineData>`)
    );
    expect(paragraphCount(data)).toBe(50000);
  });
});

describe('NewsML-G2: nesting', () => {
  test('10,000 levels in the body: 422 naming the depth and the limit', () => {
    const error = refusal(() =>
      parseNewsmlG2(newsItem(xhtmlBody(nested('<div>', '</div>', 10000))))
    );
    // newsItem > contentSet > inlineXML > html > body, then the divs.
    expect(error).toMatchObject({
      status: 422,
      message: 'The XML nests elements 10005 deep; the limit is 256',
      details: { depth: 10005, limit: 256 },
    });
  });

  test('100,000 levels in the metadata: 422, not the XML parser failing', () => {
    const error = refusal(() =>
      parseNewsmlG2(newsItem(xhtmlBody('<p>x</p>'), nested('<keyword>', '</keyword>', 100000)))
    );
    expect(error).toMatchObject({
      status: 422,
      message: expect.stringMatching(/^The XML nests elements 100002 deep; the limit is 256$/),
    });
  });

  test('nesting below the limit parses, deeper than the old parser default of 100', () => {
    const story = parseNewsmlG2(
      newsItem(xhtmlBody(nested('<div>', '</div>', 200, '<p>Deep but fine.</p>')))
    );
    expect(allParagraphs(story)).toEqual(['Deep but fine.']);
  });
});

describe('ninjs: body HTML', () => {
  test.each([
    ['nested divs', nested('<div>', '</div>', 10000)],
    ['nested spans', nested('<span>', '</span>', 100000)],
    ['repeated unclosed <b>', '<b>x'.repeat(50000)],
    ['repeated unclosed <div>', '<div>x'.repeat(50000)],
    ['self-closed <span/> (open in HTML)', '<span/>x'.repeat(50000)],
    ['nested lists', nested('<ul><li>', '</li></ul>', 10000)],
  ])('%s: 422 naming the limit', (_, html) => {
    const error = refusal(() => parseNinjs(ninjsItem(html)));
    expect(error).toMatchObject({
      status: 422,
      message: 'The body nests elements more than 256 deep; the limit is 256',
      details: { limit: 256 },
    });
  });

  test('repeated unclosed <p> closes each paragraph: all kept', () => {
    expect(paragraphCount(parseNinjs(ninjsItem('<p>x'.repeat(50000))))).toBe(50000);
  });

  test('50,000 tiny paragraphs are all kept, as HTML and as plain text', () => {
    expect(paragraphCount(parseNinjs(ninjsItem('<p>x</p>'.repeat(50000))))).toBe(50000);
    expect(paragraphCount(parseNinjs(ninjsItem('x\n\n'.repeat(50000), 'text/plain')))).toBe(50000);
  });

  test('50,000 furniture spans are dropped and their paragraphs kept', () => {
    const story = parseNinjs(
      ninjsItem('<p>Talks<span class="credit">AP Photo</span> resumed.</p>'.repeat(50000))
    );
    const paragraphs = allParagraphs(story);
    expect(paragraphs).toHaveLength(50000);
    expect(new Set(paragraphs)).toEqual(new Set(['Talks resumed.']));
  });

  test('a run of 100,000 line breaks inside one emphasis is one paragraph', () => {
    const story = parseNinjs(ninjsItem(`<p><em>${'line<br>'.repeat(100000)}end</em></p>`));
    expect(allParagraphs(story)).toHaveLength(1);
    expect(allParagraphs(story)[0].split('\n')).toHaveLength(100001);
  });

  test('nested associations past the limit: 422 rather than the schema validator overflowing', () => {
    const association = '{"uri":"urn:a","name":"a"}';
    const json = ninjsItem('<p>x</p>').replace(
      /\}$/u,
      `,"associations":[${nested('{"uri":"urn:a","name":"a","associations":[', ']}', 5000, association)}]}`
    );
    const error = refusal(() => parseNinjs(json));
    expect(error).toMatchObject({
      status: 422,
      message: expect.stringMatching(
        /^The JSON nests objects and arrays \d+ deep; the limit is 64$/
      ),
    });
  });
});

describe('plain text', () => {
  test('50,000 tiny paragraphs are all kept', () => {
    expect(
      paragraphCount(parsePlainTextWire(`Talks resume\n\n${'x.\n\n'.repeat(50000)}`, RECEIVED))
    ).toBe(50000);
  });

  test('a long line of dots where a dateline would be is body copy', () => {
    const line = `a${'.'.repeat(200000)}x`;
    const story = parsePlainTextWire(`Talks resume\n${line}\nMore.`, RECEIVED);
    expect(story.dateline).toBeUndefined();
    expect(allParagraphs(story)).toEqual([line, 'More.']);
  });

  test('a 1 MB line is one paragraph; whitespace runs collapse', () => {
    const story = parsePlainTextWire(
      `Talks resume\n\n${'word '.repeat(200000)}\n\na${' \u00a0'.repeat(200000)}b.`,
      RECEIVED
    );
    expect(allParagraphs(story)).toEqual([`${'word '.repeat(200000)}`.trim(), 'a b.']);
  });
});

describe('the depth scans', () => {
  test('accept the limit and refuse one more', () => {
    const { xmlDepth, htmlDepth, jsonDepth } = WIRE_LIMITS;
    expect(() => assertXmlDepth(nested('<a>', '</a>', xmlDepth))).not.toThrow();
    expect(() => assertXmlDepth(nested('<a>', '</a>', xmlDepth + 1))).toThrow(WireParseError);
    expect(() => assertHtmlDepth(nested('<span>', '</span>', htmlDepth))).not.toThrow();
    expect(() => assertHtmlDepth(nested('<span>', '</span>', htmlDepth + 1))).toThrow(
      WireParseError
    );
    expect(() => assertJsonDepth(nested('[', ']', jsonDepth, '1'))).not.toThrow();
    expect(() => assertJsonDepth(nested('[', ']', jsonDepth + 1, '1'))).toThrow(WireParseError);
  });

  test('count what the parser sees: void and self-closed XHTML elements do not nest, brackets in strings are text', () => {
    expect(() => assertHtmlDepth('<br><img><hr>'.repeat(1000))).not.toThrow();
    expect(() => assertHtmlDepth('<span/>'.repeat(1000), { selfClosing: true })).not.toThrow();
    expect(() => assertHtmlDepth('<span/>'.repeat(1000))).toThrow(WireParseError);
    expect(() =>
      assertJsonDepth(JSON.stringify({ text: '[{'.repeat(1000), quote: '\\"[' }))
    ).not.toThrow();
  });
});

describe('every pathological shape parses or is refused with a WireParseError', () => {
  const shapes: Array<[string, WireFormat, string]> = [
    ['text: blank-ish lines', 'text', `Talks\n\na${'\n \u00a0'.repeat(100000)}b`],
    ['text: dateline of parentheses', 'text', `Talks\n${'( '.repeat(100000)}x\nbody.`],
    ['text: dateline of slashes', 'text', `Talks\n${'/a'.repeat(100000)}x\nbody.`],
    [
      'text: long attribution',
      'text',
      `Talks\n\nbody.\n\nBased on materials from ${'x.'.repeat(100000)}y`,
    ],
    [
      'ninjs: deep JSON where the schema allows any object',
      'ninjs',
      ninjsItem('<p>x</p>', 'text/html', {
        places: [{ geojson: JSON.parse(nested('{"a":', '}', 3000, '1')) }],
      }),
    ],
    ['ninjs: unclosed comment', 'ninjs', ninjsItem('<!--'.repeat(100000))],
    ['ninjs: unterminated tags', 'ninjs', ninjsItem('<p '.repeat(100000))],
    [
      'ninjs: stray close tags under deep nesting',
      'ninjs',
      ninjsItem(`${'<b>'.repeat(250)}${'</i>'.repeat(100000)}`),
    ],
    [
      'ninjs: many attributes',
      'ninjs',
      ninjsItem(`<p ${Array.from({ length: 50000 }, (_, i) => `a${i}="b"`).join(' ')}>x</p>`),
    ],
    [
      'NewsML-G2: many attributes',
      'newsml-g2',
      newsItem(
        xhtmlBody('<p>x</p>'),
        `<keyword ${Array.from({ length: 50000 }, (_, i) => `a${i}="b"`).join(' ')}>k</keyword>`
      ),
    ],
    [
      'NewsML-G2: inline start tags with no ">" in a comment',
      'newsml-g2',
      newsItem(`<!--${'<inlineXML '.repeat(50000)}-->`),
    ],
    [
      'NewsML-G2: deep name in the headline',
      'newsml-g2',
      newsItem('').replace(
        '<headline>Talks resume in Geneva</headline>',
        `<headline>${nested('<name>', '</name>', 50000)}</headline>`
      ),
    ],
    ['NewsML-G2: unclosed paragraphs', 'newsml-g2', newsItem(xhtmlBody('<p>x'.repeat(50000)))],
  ];
  test.each(shapes)('%s', (_, format, text) => {
    const error = refusal(() => parseWire(format, text, RECEIVED));
    if (error) expect([400, 413, 415, 422]).toContain(error.status);
  });
});
