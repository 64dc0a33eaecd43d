import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { urgencyOf } from '../../subjects/domain/subjects';
import { storyGenres, storySubjects, type NamedConcept } from './classification';
import { WireParseError } from './errors';
import { htmlToSections, plainTextToSections } from './html';
import { WIRE_LIMITS, assertXmlDepth } from './limits';
import type { StorySection, WirePicture, WireStory } from './story';

type Node = Record<string, unknown>;

/**
 * DTDs are how XML smuggles in external entities (XXE) and entity bombs ("billion laughs").
 * NewsML-G2 needs neither, so any document that declares one is refused before parsing.
 */
const DECLARATIONS = /<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST)\b/iu;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  trimValues: true,
  // Only XML's five predefined entities and character references; no DTD entities exist past the check above.
  processEntities: true,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  // The body is kept as raw markup for the sanitizer, read once, never built into this tree.
  stopNodes: ['*.inlineXML', '*.inlineData'],
  // Deeper documents are refused before parsing, with a message that says so.
  maxNestedTags: WIRE_LIMITS.xmlDepth,
});

const list = (v: unknown): Node[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node];
const first = (v: unknown): Node | undefined => list(v)[0];

/** Text content of an element that may be a string or an object with `#text`/`name`. */
const text = (v: unknown): string | undefined => {
  const node = Array.isArray(v) ? v[0] : v;
  if (typeof node === 'string') return node.replace(/\s+/gu, ' ').trim() || undefined;
  if (node && typeof node === 'object') {
    const n = node as Node;
    return text(n['#text']) ?? text(n.name);
  }
  return undefined;
};
const attr = (v: unknown, name: string): string | undefined => {
  const node = first(v);
  const value = node?.[`@${name}`];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
};
/** `nprov:REUTERS` → `REUTERS`. */
const qcodeCode = (qcode?: string) => qcode?.split(':').pop() || undefined;

/** The English `<name>` of a concept, else one without a language, else the first. */
const nameOf = (concept: Node): string | undefined => {
  const names = list(concept.name);
  const lang = (n: unknown) =>
    typeof n === 'object' && n ? String((n as Node)['@lang'] ?? '') : '';
  return text(
    names.find((n) => /^en\b/iu.test(lang(n))) ?? names.find((n) => !lang(n)) ?? names[0]
  );
};

/** `contentMeta/subject` or `genre` elements: `@qcode` or `@uri`, and a name. */
const concepts = (v: unknown): NamedConcept[] =>
  list(v).map((c) =>
    typeof c === 'object' && c
      ? { qcode: attr(c, 'qcode'), uri: attr(c, 'uri'), name: nameOf(c) }
      : { name: text(c) }
  );

const INLINE = { inlineXML: 'xml', inlineData: 'data' } as const;

/**
 * The raw markup of the item's body: the first `<inlineXML>` / `<inlineData>` in its
 * contentSet that holds anything (the sanitizer reads XML as HTML).
 */
const inlineContent = (
  contentSet: unknown
): { kind: 'xml' | 'data'; content: string } | undefined => {
  for (const set of list(contentSet)) {
    // Keys keep document order, so the first kind named is the first to appear.
    for (const [name, value] of Object.entries(set)) {
      if (name !== 'inlineXML' && name !== 'inlineData') continue;
      for (const element of Array.isArray(value) ? value : [value]) {
        const content = typeof element === 'string' ? element : (element as Node)['#text'];
        if (typeof content === 'string' && content.trim()) return { kind: INLINE[name], content };
      }
    }
  }
  return undefined;
};

const decodeXmlText = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/giu, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()];
    return String.fromCodePoint(
      e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
    );
  });

/** inlineData as text: entities decoded, CDATA sections taken as they are. */
const inlineText = (content: string) =>
  content
    .split(/<!\[CDATA\[([\s\S]*?)\]\]>/u)
    .map((part, i) => (i % 2 ? part : decodeXmlText(part)))
    .join('');

const bodySections = (contentSet: unknown): StorySection[] => {
  const inline = inlineContent(contentSet);
  if (!inline) return [];
  return inline.kind === 'xml'
    ? htmlToSections(inline.content, { xhtml: true })
    : plainTextToSections(inlineText(inline.content));
};

const datePart = (iso?: string) =>
  iso && /^\d{4}-\d{2}-\d{2}/u.test(iso) ? iso.slice(0, 10) : undefined;

const picturesOf = (
  item: Node,
  meta: Node,
  creditLine?: string,
  caption?: string
): WirePicture[] => {
  if (qcodeCode(attr((item.itemMeta as Node)?.itemClass, 'qcode')) !== 'picture') return [];
  const renditions = list((item.contentSet as Node)?.remoteContent);
  const best =
    renditions.find((r) => /highRes|original/iu.test(String(r['@rendition'] ?? ''))) ??
    renditions[0];
  const picture: WirePicture = {
    href: typeof best?.['@href'] === 'string' ? (best['@href'] as string) : undefined,
    caption,
    creditLine,
    creator: text(first(meta.creator)?.name),
    expires: text((item.itemMeta as Node)?.expires),
  };
  return [
    Object.fromEntries(Object.entries(picture).filter(([, v]) => v !== undefined)) as WirePicture,
  ];
};

/**
 * Parses a NewsML-G2 newsItem. Throws WireParseError (400 malformed or DTD-bearing XML,
 * 422 not a usable newsItem or nested deeper than the limit).
 */
export const parseNewsmlG2 = (xml: string): WireStory => {
  if (DECLARATIONS.test(xml)) {
    throw new WireParseError(
      'XML with a DOCTYPE or entity declarations is not accepted (no DTDs, no external entities)',
      400
    );
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new WireParseError(
      `The body is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`,
      400
    );
  }
  assertXmlDepth(xml);
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (e) {
    // The validator passed it, so this is the parser's own limit or bug: still the client's copy, never a 500.
    throw new WireParseError(`The XML could not be read: ${(e as Error).message}`, 400);
  }
  const root = Object.keys(doc).find((k) => !k.startsWith('?'));
  let item: Node | undefined;
  if (root === 'newsItem') item = doc.newsItem as Node;
  else if (root === 'newsMessage') {
    const items = list(((doc.newsMessage as Node).itemSet as Node)?.newsItem);
    if (items.length === 1) item = items[0];
  }
  if (!item) {
    throw new WireParseError(`Expected a NewsML-G2 newsItem, found <${root ?? 'nothing'}>`, 422);
  }

  const itemMeta = (item.itemMeta ?? {}) as Node;
  const meta = (item.contentMeta ?? {}) as Node;
  const rights = first(item.rightsInfo) ?? {};
  const headline = text(meta.headline);
  if (!headline)
    throw new WireParseError('The newsItem has no headline (contentMeta/headline)', 422);

  const caption = text(
    list(meta.description).find((d) => /caption/iu.test(String(d['@role'] ?? ''))) ??
      meta.description
  );
  const creditLine = text(meta.creditline);
  let sections = bodySections(item.contentSet);
  if (!sections.length && caption) sections = [{ paragraphs: [caption] }];

  const provider = first(itemMeta.provider);
  const copyrightHolder = text(first(rights.copyrightHolder)?.name);
  const version = Number(item['@version']);
  const located = text(first(meta.located)?.name);

  const story: WireStory = {
    headline,
    guid: typeof item['@guid'] === 'string' ? (item['@guid'] as string) : undefined,
    version: Number.isInteger(version) ? version : undefined,
    versionCreated: text(itemMeta.versionCreated),
    firstCreated: text(itemMeta.firstCreated),
    embargoed: text(itemMeta.embargoed),
    expires: text(itemMeta.expires),
    editorNote: text(itemMeta.edNote),
    pubStatus: qcodeCode(attr(itemMeta.pubStatus, 'qcode')),
    language:
      attr(meta.language, 'tag') ??
      (typeof item['@lang'] === 'string' ? (item['@lang'] as string) : undefined),
    byline: text(meta.by) ?? text(first(meta.creator)?.name),
    dateline:
      located || meta.contentCreated
        ? { place: located, date: datePart(text(meta.contentCreated)) }
        : undefined,
    sections,
    slugline: text(meta.slugline),
    photoCredit: creditLine,
    copyrightHolder,
    copyrightNotice: text(rights.copyrightNotice),
    usageTerms: text(rights.usageTerms),
    agencyName:
      qcodeCode(attr(provider, 'qcode')) ??
      text(provider?.name) ??
      copyrightHolder ??
      text(first(meta.infoSource)?.name),
    pictures: picturesOf(item, meta, creditLine, caption),
    subjects: storySubjects(concepts(meta.subject)),
    urgency: urgencyOf(text(meta.urgency)),
    genre: storyGenres(concepts(meta.genre)),
  };
  if (story.dateline) {
    story.dateline = Object.fromEntries(
      Object.entries(story.dateline).filter(([, v]) => v !== undefined)
    );
  }
  return Object.fromEntries(
    Object.entries(story).filter(([, v]) => v !== undefined)
  ) as unknown as WireStory;
};
