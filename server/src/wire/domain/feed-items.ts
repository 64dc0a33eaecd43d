/**
 * Splits what a feed answers into single agency items, each a payload the existing ingest
 * takes as it is (dedupe, versions, diffs, pictures on take): one item never depends on
 * another, so a bad item is refused alone and the good ones of the same poll go in.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WireParseError } from './errors';
import { assertXmlDepth, WIRE_LIMITS } from './limits';

export type FeedKind = 'rss' | 'ninjs' | 'newsml-g2';

/** One item of a feed, ready for the ingest. */
export interface FeedItem {
  payload: string;
  contentType: 'application/ninjs+json' | 'application/vnd.iptc.g2.newsitem+xml';
}

/** Items past this in one answer are not read: a feed is a window, not an archive. */
export const MAX_FEED_ITEMS = 1000;

const DECLARATIONS = /<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST)\b/iu;

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node];

const rssParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  maxNestedTags: WIRE_LIMITS.xmlDepth,
});

/** Well-formed XML with no DTD (the door to external entities and entity bombs), else 422. */
const checkXml = (xml: string, what: string) => {
  if (DECLARATIONS.test(xml)) {
    throw new WireParseError(`The ${what} declares a DTD or entities, which are not accepted`);
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new WireParseError(
      `The ${what} is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`
    );
  }
  assertXmlDepth(xml);
};

const text = (v: unknown): string | undefined => {
  const node = Array.isArray(v) ? v[0] : v;
  if (typeof node === 'string') return node.trim() || undefined;
  if (node && typeof node === 'object') return text((node as Node)['#text']);
  return undefined;
};

const isoTime = (v: string | undefined) => {
  if (!v) return undefined;
  const time = new Date(v);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
};

const cap = <T>(items: T[]) => items.slice(0, MAX_FEED_ITEMS);

/**
 * An RSS 2.0 or Atom entry as a ninjs 2.2 item: full text from `content:encoded` / Atom
 * `content` where present, else the description or summary. The entry's guid or id is its
 * identity, so a re-polled entry is a duplicate and an edited one a new version only when
 * the feed says so (`updated`); entries without one are deduplicated by their text.
 */
const entryAsNinjs = (entry: Node, atom: boolean) => {
  const headline = text(entry.title);
  const html = atom
    ? (text(entry.content) ?? text(entry.summary))
    : (text(entry['content:encoded']) ?? text(entry.description));
  const link = atom
    ? list(entry.link).find((l) => !l['@rel'] || l['@rel'] === 'alternate')?.['@href']
    : text(entry.link);
  const guid = atom ? text(entry.id) : text(entry.guid);
  const author = atom
    ? text(list(entry.author)[0]?.name)
    : (text(entry.author) ?? text(entry['dc:creator']));
  const published = isoTime(
    atom ? (text(entry.updated) ?? text(entry.published)) : text(entry.pubDate)
  );
  const item: Record<string, unknown> = {
    uri: guid ?? (typeof link === 'string' ? link : undefined),
    type: 'text',
    headlines: headline ? [{ role: 'main', value: headline }] : [],
    ...(html ? { bodies: [{ role: 'main', contenttype: 'text/html', value: html }] } : {}),
    ...(published ? { versioncreated: published } : {}),
    ...(author ? { by: author } : {}),
  };
  for (const key of Object.keys(item)) if (item[key] === undefined) delete item[key];
  return item;
};

/** The entries of an RSS 2.0 or Atom document, each as a ninjs item. Throws WireParseError. */
const rssItems = (xml: string): FeedItem[] => {
  checkXml(xml, 'feed');
  const doc = rssParser.parse(xml) as Node;
  const rss = doc.rss as Node | undefined;
  const atom = doc.feed as Node | undefined;
  if (!rss && !atom)
    throw new WireParseError('Expected an RSS 2.0 <rss> or an Atom <feed> document');
  const entries = atom ? list(atom.entry) : list((rss?.channel as Node | undefined)?.item);
  return cap(entries).map((entry) => ({
    payload: JSON.stringify(entryAsNinjs(entry, Boolean(atom))),
    contentType: 'application/ninjs+json',
  }));
};

/** A JSON array of ninjs items, an object with an `items` or `data` array, or a single item. */
const ninjsItems = (json: string): FeedItem[] => {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    throw new WireParseError('The feed is not valid JSON');
  }
  const wrapped = doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Node) : undefined;
  const items = Array.isArray(doc)
    ? doc
    : Array.isArray(wrapped?.items)
      ? wrapped.items
      : Array.isArray(wrapped?.data)
        ? wrapped.data
        : [doc];
  return cap(items as unknown[]).map((item) => ({
    payload: JSON.stringify(item),
    contentType: 'application/ninjs+json',
  }));
};

/** `<newsItem>` open and close tags, any namespace prefix. */
const NEWS_ITEM = /<(\/?)(?:[\w.-]+:)?newsItem\b[^>]*?(\/?)>/gu;
const ROOT = /<(?:[\w.-]+:)?(newsItem|newsMessage)\b/u;
const XMLNS = /\sxmlns(?::[\w.-]+)?="[^"]*"/gu;

/**
 * A NewsML-G2 `newsItem`, or a `newsMessage` envelope whose items are cut out whole (their
 * text as sent, so each is stored as the agency wrote it) and given the envelope's namespace
 * declarations. Throws WireParseError.
 */
const newsmlItems = (xml: string): FeedItem[] => {
  checkXml(xml, 'feed');
  const root = ROOT.exec(xml);
  if (!root) throw new WireParseError('Expected a NewsML-G2 <newsItem> or <newsMessage>');
  const contentType = 'application/vnd.iptc.g2.newsitem+xml';
  if (root[1] === 'newsItem') return [{ payload: xml, contentType }];
  const rootTag = xml.slice(root.index, xml.indexOf('>', root.index));
  const namespaces = (rootTag.match(XMLNS) ?? []).join('');
  const items: FeedItem[] = [];
  let start = -1;
  for (const tag of xml.matchAll(NEWS_ITEM)) {
    const [whole, closing, selfClosing] = tag;
    if (!closing && !selfClosing && start < 0) start = tag.index;
    else if (closing && start >= 0) {
      const item = xml.slice(start, tag.index + whole.length);
      // Declarations the item lacks come from the envelope; its own stay first and win.
      const openEnd = item.indexOf('>') - (item[item.indexOf('>') - 1] === '/' ? 1 : 0);
      const withNamespaces = item.slice(0, openEnd) + namespaces + item.slice(openEnd);
      items.push({ payload: dedupeAttributes(withNamespaces), contentType });
      start = -1;
      if (items.length >= MAX_FEED_ITEMS) break;
    }
  }
  if (!items.length) throw new WireParseError('The newsMessage holds no newsItem');
  return items;
};

/** Keeps the first of repeated `xmlns` declarations in an item's open tag (XML forbids repeats). */
const dedupeAttributes = (item: string) => {
  const end = item.indexOf('>');
  const open = item.slice(0, end);
  const seen = new Set<string>();
  const cleaned = open.replace(XMLNS, (decl) => {
    const name = decl.trim().split('=')[0];
    if (seen.has(name)) return '';
    seen.add(name);
    return decl;
  });
  return cleaned + item.slice(end);
};

/** The items of one feed answer, by the feed's kind. Throws WireParseError (the whole answer is unreadable). */
export const feedItems = (kind: FeedKind, body: string): FeedItem[] =>
  kind === 'rss' ? rssItems(body) : kind === 'ninjs' ? ninjsItems(body) : newsmlItems(body);
