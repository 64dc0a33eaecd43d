import fs from 'fs';
import path from 'path';

const FIXTURES = path.resolve(__dirname, '..', '..', 'tests', 'fixtures');

export interface Payload {
  body: Buffer;
  contentType: string;
}

const read = (...p: string[]) => fs.readFileSync(path.join(FIXTURES, ...p), 'utf8');

/**
 * `count` distinct wire payloads cycling through the fixtures (plain text, every ninjs
 * example, the NewsML-G2 items), each made unique by its headline and identifier.
 */
export const makePayloads = (count: number): Payload[] => {
  const text = read('wire', 'tass-plain.txt');
  const ninjs = fs
    .readdirSync(path.join(FIXTURES, 'ninjs'))
    .sort()
    .map((f) => JSON.parse(read('ninjs', f)));
  const g2 = [
    'LISTING_1_A_NewsML-G2_News_Item.xml',
    'LISTING_2_NewsML-G2_Text_Document.xml',
    'LISTING_3_Photo_in_NewsML-G2.xml',
  ].map((f) => read('newsml-g2', f));
  const kinds = 1 + ninjs.length + g2.length;
  return Array.from({ length: count }, (_, i) => {
    const kind = i % kinds;
    if (kind === 0) {
      return {
        body: Buffer.from(text.replace(/^[^\n]+/u, (h) => `${h} (${i})`)),
        contentType: 'text/plain',
      };
    }
    if (kind <= ninjs.length) {
      const item = ninjs[kind - 1];
      const headlines = [
        { ...item.headlines[0], value: `${item.headlines[0].value} (${i})` },
        ...item.headlines.slice(1),
      ];
      return {
        body: Buffer.from(JSON.stringify({ ...item, uri: `${item.uri}#${i}`, headlines })),
        contentType: 'application/json',
      };
    }
    const xml = g2[kind - 1 - ninjs.length]
      .replace(/guid="([^"]+)"/u, (_, g) => `guid="${g}-${i}"`)
      .replace(/<headline>([^<]*)<\/headline>/u, (_, h) => `<headline>${h} (${i})</headline>`);
    return { body: Buffer.from(xml), contentType: 'application/xml' };
  });
};

export type CopyFormat = 'text' | 'ninjs' | 'newsml-g2';

/** One kind of copy at any size, for the parse-time-per-MB table. */
export interface CopyShape {
  name: string;
  format: CopyFormat;
  contentType: string;
  /** Copy of about `bytes` bytes (never more). */
  make: (bytes: number) => Buffer;
}

const CONTENT_TYPES: Record<CopyFormat, string> = {
  text: 'text/plain',
  ninjs: 'application/json',
  'newsml-g2': 'application/xml',
};

/** `unit` repeated to fill `bytes`, less what surrounds it. */
const fill = (unit: string, bytes: number, around = 0) =>
  unit.repeat(Math.max(1, Math.floor((bytes - around) / Buffer.byteLength(unit))));

/** `text` with its slice [start, end) repeated so the whole is about `bytes`. */
const grow = (text: string, start: number, end: number, bytes: number) => {
  const [head, middle, tail] = [text.slice(0, start), text.slice(start, end), text.slice(end)];
  return head + fill(middle, bytes, Buffer.byteLength(head) + Buffer.byteLength(tail)) + tail;
};

const newsItem = (contentSet: string, contentMeta = '') => `<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:bench:1" version="1" standard="NewsML-G2">
  <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:BENCH"/></itemMeta>
  <contentMeta><headline>Talks resume in Geneva</headline>${contentMeta}</contentMeta>
  <contentSet>${contentSet}</contentSet>
</newsItem>`;
const XML_AROUND = Buffer.byteLength(newsItem(''));
const xhtml = (body: string) =>
  `<inlineXML contenttype="application/xhtml+xml"><html><body>${body}</body></html></inlineXML>`;

const ninjsItem = (value: string, contenttype = 'text/html', extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    uri: 'urn:ninjs:bench:1',
    headlines: [{ role: 'main', value: 'Talks resume in Geneva' }],
    bodies: [{ role: 'main', contenttype, value }],
    ...extra,
  });
const JSON_AROUND = Buffer.byteLength(ninjsItem(''));

const nested = (open: string, close: string, bytes: number, inner = 'deep') => {
  const depth = Math.floor(bytes / Buffer.byteLength(open + close));
  return open.repeat(depth) + inner + close.repeat(depth);
};

/**
 * Normal agency copy from the fixtures (TASS plain text, TT's ninjs HTML body, a NewsML-G2
 * NITF item) grown by repeating their paragraphs, then copy shaped to make a parser
 * rescan, recurse or nest: repeated and unclosed elements, deep nesting, tiny paragraphs.
 */
export const copyShapes = (): CopyShape[] => {
  const tass = read('wire', 'tass-plain.txt');
  const tt = JSON.parse(read('ninjs', 'agency-2.1-tt_text_image_2.json'));
  const ttBody = tt.bodies.find((b: { role: string }) => b.role === 'html5');
  const g2 = read('newsml-g2', 'LISTING_2_NewsML-G2_Text_Document.xml');
  const shapes: Array<
    Omit<CopyShape, 'contentType' | 'make'> & { make: (bytes: number) => string }
  > = [
    {
      name: 'normal copy (TASS)',
      format: 'text',
      make: (n) => grow(tass, tass.indexOf('Russian President'), tass.indexOf('GSV'), n),
    },
    {
      name: 'normal copy (TT body HTML)',
      format: 'ninjs',
      make: (n) => {
        const value = grow(
          ttBody.value,
          ttBody.value.indexOf('<p>'),
          ttBody.value.lastIndexOf('</p>') + 4,
          n - (JSON.stringify(tt).length - ttBody.value.length)
        );
        return JSON.stringify({
          ...tt,
          bodies: tt.bodies.map((b: { role: string }) => (b === ttBody ? { ...b, value } : b)),
        });
      },
    },
    {
      name: 'normal copy (NITF item)',
      format: 'newsml-g2',
      make: (n) => grow(g2, g2.indexOf('<p>'), g2.lastIndexOf('</p>') + 4, n),
    },
    {
      name: 'tiny paragraphs',
      format: 'text',
      make: (n) => `Talks resume\n\n${fill('x.\n\n', n, 16)}`,
    },
    {
      name: 'dateline-like line of dots',
      format: 'text',
      make: (n) => `Talks resume\na${'.'.repeat(n - 32)}x\nBody.`,
    },
    {
      name: 'whitespace runs',
      format: 'text',
      make: (n) => `Talks resume\n\n${fill(`a${' \u00a0'.repeat(500)}b.\n\n`, n, 16)}`,
    },
    {
      name: 'tiny paragraphs',
      format: 'ninjs',
      make: (n) => ninjsItem(fill('<p>x</p>', n, JSON_AROUND)),
    },
    {
      name: 'furniture spans',
      format: 'ninjs',
      make: (n) =>
        ninjsItem(fill('<p>Talks<span class="credit">AP</span> resumed.</p>', n, JSON_AROUND)),
    },
    {
      name: 'repeated unclosed <b>',
      format: 'ninjs',
      make: (n) => ninjsItem(fill('<b>x', n, JSON_AROUND)),
    },
    {
      name: 'nested divs',
      format: 'ninjs',
      make: (n) => ninjsItem(nested('<div>', '</div>', n - JSON_AROUND)),
    },
    {
      name: 'nested associations',
      format: 'ninjs',
      make: (n) =>
        ninjsItem('<p>x</p>').replace(
          /\}$/u,
          `,"associations":${nested('[{"name":"a","associations":', '}]', n - JSON_AROUND, '[]')}}`
        ),
    },
    {
      name: 'tiny paragraphs',
      format: 'newsml-g2',
      make: (n) => newsItem(xhtml(fill('<p>x</p>', n, XML_AROUND + 100))),
    },
    {
      name: 'self-closing <inlineXML/>',
      format: 'newsml-g2',
      make: (n) => newsItem(fill('<inlineXML/>', n, XML_AROUND)),
    },
    {
      name: 'unclosed <inlineXML> in a comment',
      format: 'newsml-g2',
      make: (n) => newsItem(`<!--${fill('<inlineXML>', n, XML_AROUND + 8)}-->`),
    },
    {
      name: 'self-closed XHTML <span/>',
      format: 'newsml-g2',
      make: (n) => newsItem(xhtml(`<p>${fill('<span/>a', n, XML_AROUND + 110)}</p>`)),
    },
    {
      name: 'nested divs',
      format: 'newsml-g2',
      make: (n) => newsItem(xhtml(nested('<div>', '</div>', n - XML_AROUND - 100))),
    },
  ];
  // Escaping (JSON) and multi-byte text make the first try overshoot; scale down until it fits.
  const within = (make: (bytes: number) => string) => (bytes: number) => {
    let body = Buffer.from(make(bytes));
    for (let target = bytes; body.length > bytes; ) {
      target = Math.floor((target * bytes) / body.length) - 64;
      body = Buffer.from(make(target));
    }
    return body;
  };
  return shapes.map((s) => ({ ...s, contentType: CONTENT_TYPES[s.format], make: within(s.make) }));
};

/** Two versions of a `count`-paragraph story, every tenth paragraph rewritten and the headline changed. */
export const storyVersions = (count: number) => {
  const paragraphs = Array.from(
    { length: count },
    (_, i) => `Paragraph ${i} of the long story, as the agency first sent it.`
  );
  return {
    older: { headline: 'Long story', sections: [{ paragraphs }] },
    newer: {
      headline: 'Long story, updated',
      sections: [{ paragraphs: paragraphs.map((p, i) => (i % 10 === 3 ? `${p} Updated.` : p)) }],
    },
    rewritten: {
      headline: 'Long story',
      sections: [{ paragraphs: paragraphs.map((p) => `${p} Rewritten.`) }],
    },
  };
};
