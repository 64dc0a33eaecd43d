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
  const ninjs = fs.readdirSync(path.join(FIXTURES, 'ninjs')).sort().map((f) => JSON.parse(read('ninjs', f)));
  const g2 = ['LISTING_1_A_NewsML-G2_News_Item.xml', 'LISTING_2_NewsML-G2_Text_Document.xml', 'LISTING_3_Photo_in_NewsML-G2.xml'].map((f) =>
    read('newsml-g2', f)
  );
  const kinds = 1 + ninjs.length + g2.length;
  return Array.from({ length: count }, (_, i) => {
    const kind = i % kinds;
    if (kind === 0) {
      return { body: Buffer.from(text.replace(/^[^\n]+/u, (h) => `${h} (${i})`)), contentType: 'text/plain' };
    }
    if (kind <= ninjs.length) {
      const item = ninjs[kind - 1];
      const headlines = [{ ...item.headlines[0], value: `${item.headlines[0].value} (${i})` }, ...item.headlines.slice(1)];
      return { body: Buffer.from(JSON.stringify({ ...item, uri: `${item.uri}#${i}`, headlines })), contentType: 'application/json' };
    }
    const xml = g2[kind - 1 - ninjs.length]
      .replace(/guid="([^"]+)"/u, (_, g) => `guid="${g}-${i}"`)
      .replace(/<headline>([^<]*)<\/headline>/u, (_, h) => `<headline>${h} (${i})</headline>`);
    return { body: Buffer.from(xml), contentType: 'application/xml' };
  });
};
