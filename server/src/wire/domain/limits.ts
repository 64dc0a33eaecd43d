import { Parser } from 'htmlparser2';
import { WireParseError } from './errors';

/**
 * How deep wire copy may nest. Parsers, sanitizers and tree walkers pay for depth (HTML
 * parsers search their open-element stack, tree walkers recurse), so depth is refused up
 * front rather than made cheap everywhere. Agency copy is shallow: the fixtures reach 8
 * (a NewsML-G2 item with its NITF body), 7 (TT's body HTML) and 5 (ninjs JSON), so the
 * limits leave room thirty times over while keeping the walkers' recursion small.
 */
export const WIRE_LIMITS = {
  /** Elements open at once in a NewsML-G2 document, its inline body included. */
  xmlDepth: 256,
  /** Elements open at once in body HTML, as an HTML parser sees it (unclosed `<b>`s nest). */
  htmlDepth: 256,
  /** Objects and arrays open at once in a ninjs item; associations nest whole items. */
  jsonDepth: 64,
} as const;

/** `depth` is undefined when the scan stopped at the limit. */
const tooDeep = (what: string, depth: number | undefined, limit: number) =>
  new WireParseError(
    `${what} ${depth === undefined ? `more than ${limit}` : depth} deep; the limit is ${limit}`,
    422,
    {
      ...(depth === undefined ? {} : { depth }),
      limit,
    }
  );

/**
 * Refuses XML nested deeper than `WIRE_LIMITS.xmlDepth` (422). The document must already
 * be well-formed, so every close tag ends the innermost element and the scan stays linear
 * to the end, which lets the message say how deep it really goes.
 */
export const assertXmlDepth = (xml: string, limit: number = WIRE_LIMITS.xmlDepth): void => {
  let depth = 0;
  let deepest = 0;
  const parser = new Parser(
    {
      onopentagname: () => {
        depth += 1;
        if (depth > deepest) deepest = depth;
      },
      onclosetag: () => {
        depth -= 1;
      },
    },
    { xmlMode: true, decodeEntities: false }
  );
  parser.end(xml);
  if (deepest > limit) throw tooDeep('The XML nests elements', deepest, limit);
};

/**
 * Refuses body HTML nested deeper than `WIRE_LIMITS.htmlDepth` (422), counting as the
 * sanitizer's parser does: unclosed and self-closed `<b/>` elements stay open in HTML.
 * Stops at the limit: past it an HTML parser's own stack makes each stray close tag cost
 * the depth. `selfClosing` reads `<span/>` as empty, for XHTML.
 */
export const assertHtmlDepth = (
  html: string,
  options: { selfClosing?: boolean } = {},
  limit: number = WIRE_LIMITS.htmlDepth
): void => {
  let depth = 0;
  const parser = new Parser(
    {
      onopentagname: () => {
        depth += 1;
        if (depth > limit) throw tooDeep('The body nests elements', undefined, limit);
      },
      onclosetag: () => {
        depth -= 1;
      },
    },
    { decodeEntities: false, recognizeSelfClosing: options.selfClosing === true }
  );
  parser.end(html);
};

/**
 * Refuses JSON nested deeper than `WIRE_LIMITS.jsonDepth` (422): schema validation follows
 * nested associations by recursion. Skips strings and counts brackets, so it can run before
 * `JSON.parse`; on text that is not JSON it still ends, and the parse reports the error.
 */
export const assertJsonDepth = (json: string, limit: number = WIRE_LIMITS.jsonDepth): void => {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < json.length; i += 1) {
    const c = json.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string: up to the next quote that no backslash escapes.
      for (i += 1; i < json.length && json.charCodeAt(i) !== 0x22; i += 1) {
        if (json.charCodeAt(i) === 0x5c) i += 1;
      }
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
    }
  }
  if (deepest > limit) throw tooDeep('The JSON nests objects and arrays', deepest, limit);
};
