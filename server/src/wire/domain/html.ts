import { Parser, parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import sanitizeHtml from 'sanitize-html';
import {
  blockText,
  type Block,
  type InlineNode,
  type TextNode,
} from '../../articles/domain/blocks';
import { assertHtmlDepth } from './limits';
import type { StorySection } from './story';

/** Agency page furniture (datelines, bylines, vignettes) that a body's HTML wraps in classed divs and spans. */
const FURNITURE = /\b(dat|dateline|byline|vignette|source|credit|meta|caption)\b/iu;

/**
 * Empties furniture elements before sanitizing; the empty shells are removed after.
 * (sanitize-html's `exclusiveFilter` drops an element by cutting its output back, which
 * copies the whole output each time: quadratic in the number of furniture elements.) The
 * elements stay in place, so the sanitizer's parser closes what it closed before.
 */
const emptyFurniture = (html: string, xhtml: boolean): string => {
  if (!FURNITURE.test(html)) return html;
  const kept: string[] = [];
  let from = 0;
  let depth = 0;
  let furniture: { depth: number; contentStart: number } | undefined;
  let ended = false;
  const parser = new Parser(
    {
      // Counted by name: an open tag cut short at the end has a name and a close, but no attributes.
      onopentagname: () => {
        depth += 1;
      },
      onopentag: (name, attribs) => {
        if (
          !furniture &&
          (name === 'div' || name === 'span') &&
          FURNITURE.test(attribs.class ?? '')
        ) {
          furniture = { depth, contentStart: parser.endIndex + 1 };
        }
      },
      onclosetag: () => {
        if (furniture?.depth === depth) {
          // An explicit or implied close starts at the tag that closes it, or at the end.
          const contentEnd = ended ? html.length : parser.startIndex;
          if (contentEnd > furniture.contentStart) {
            kept.push(html.slice(from, furniture.contentStart));
            from = contentEnd;
          }
          furniture = undefined;
        }
        depth -= 1;
      },
    },
    { recognizeSelfClosing: xhtml }
  );
  parser.write(html);
  ended = true;
  parser.end();
  kept.push(html.slice(from));
  return kept.join('');
};
const EMPTY_SHELL = /<(div|span) class="([^"]*)"><\/\1>/gu;
const removeFurnitureShells = (html: string) =>
  html.replace(EMPTY_SHELL, (shell, _tag, cls: string) => (FURNITURE.test(cls) ? '' : shell));

/** What an article body may hold; everything else is dropped before it is stored. */
const BODY_HTML: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h2',
    'h3',
    'h4',
    'ul',
    'ol',
    'li',
    'blockquote',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'code',
    'a',
    'br',
    'div',
    'span',
  ],
  allowedAttributes: { a: ['href'], div: ['class'], span: ['class'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Dropped with their text: code, page furniture, and the headline/byline a body repeats.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'head',
    'title',
    'h1',
    'figure',
    'figcaption',
    'nav',
    'aside',
    'header',
    'footer',
    'hl1',
    'hedline',
    'byline',
    'abstract',
    'body.head',
    'body.end',
  ],
  // NITF and other wire markup onto HTML.
  transformTags: { hl2: 'h2', hl3: 'h3', 'body.content': 'div', block: 'div', section: 'div' },
};
/** XHTML (a NewsML-G2 inlineXML body): `<span/>` is an empty element, not an unclosed one. */
const BODY_XHTML: sanitizeHtml.IOptions = { ...BODY_HTML, parser: { recognizeSelfClosing: true } };

export interface BodyMarkup {
  /** The markup is XHTML, so self-closed elements are empty. */
  xhtml?: boolean;
}

/**
 * Removes scripts, event handlers, `javascript:` URLs and any tag an article body does not
 * allow. Throws WireParseError 422 when the markup nests deeper than the limit.
 */
export const sanitizeBodyHtml = (html: string, markup: BodyMarkup = {}): string => {
  const xhtml = markup.xhtml === true;
  assertHtmlDepth(html, { selfClosing: xhtml });
  return removeFurnitureShells(
    sanitizeHtml(emptyFurniture(html, xhtml), xhtml ? BODY_XHTML : BODY_HTML)
  );
};

const collapse = (s: string) => s.replace(/\s+/gu, ' ');

type Marks = Omit<TextNode, 'type' | 'text'>;
const MARK_TAGS: Record<string, keyof Marks> = {
  strong: 'bold',
  b: 'bold',
  em: 'italic',
  i: 'italic',
  u: 'underline',
  s: 'strikethrough',
  code: 'code',
};

/** Appends the inline content of `nodes` to `out` (one array, so a long run is never copied per level). */
const inlineNodes = (
  nodes: ChildNode[],
  marks: Marks = {},
  out: InlineNode[] = []
): InlineNode[] => {
  for (const node of nodes) {
    if (node.type === 'text') {
      const text = collapse(node.data);
      if (text) out.push({ type: 'text', text, ...marks });
    } else if (node.type === 'tag') {
      const el = node as Element;
      if (el.name === 'br') out.push({ type: 'text', text: '\n', ...marks });
      else if (el.name === 'a' && el.attribs.href) {
        const children = inlineNodes(el.children, marks).filter(
          (n): n is TextNode => n.type === 'text'
        );
        if (children.length) out.push({ type: 'link', url: el.attribs.href, children });
      } else {
        const mark = MARK_TAGS[el.name];
        inlineNodes(el.children, mark ? { ...marks, [mark]: true } : marks, out);
      }
    }
  }
  return out;
};

/** Trims the run and drops it when it is only whitespace. */
const tidy = (nodes: InlineNode[]): InlineNode[] | null => {
  const text = nodes
    .map((n) => (n.type === 'text' ? n.text : n.children.map((c) => c.text).join('')))
    .join('');
  if (!text.trim()) return null;
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  if (first.type === 'text') first.text = first.text.replace(/^\s+/u, '');
  if (last.type === 'text') last.text = last.text.replace(/\s+$/u, '');
  return nodes.filter((n) => n.type !== 'text' || n.text !== '');
};

const elementText = (el: Element): string =>
  collapse(
    inlineNodes(el.children)
      .map((n) => (n.type === 'text' ? n.text : n.children.map((c) => c.text).join('')))
      .join('')
  ).trim();

/**
 * Sanitizes body HTML and reads it into sections: a new section starts at each `<h2>`,
 * `<h3>` or `<h4>` subhead; paragraphs, lists and quotes become Strapi blocks. Throws
 * WireParseError 422 when the markup nests deeper than the limit (the walk below recurses).
 */
export const htmlToSections = (html: string, markup: BodyMarkup = {}): StorySection[] => {
  const doc = parseDocument(sanitizeBodyHtml(html, markup));
  const sections: StorySection[] = [];
  let current: StorySection = { paragraphs: [], blocks: [] };
  let loose: ChildNode[] = [];

  const push = (block: Block) => {
    current.blocks!.push(block);
    current.paragraphs.push(blockText(block));
  };
  const flushLoose = () => {
    const children = tidy(inlineNodes(loose));
    if (children) push({ type: 'paragraph', children });
    loose = [];
  };

  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (node.type !== 'tag') {
        if (node.type === 'text') loose.push(node);
        continue;
      }
      const el = node as Element;
      if (['h2', 'h3', 'h4'].includes(el.name)) {
        flushLoose();
        if (current.paragraphs.length || current.subhead) sections.push(current);
        current = { subhead: elementText(el) || undefined, paragraphs: [], blocks: [] };
      } else if (el.name === 'p' || el.name === 'blockquote') {
        flushLoose();
        const children = tidy(inlineNodes(el.children));
        if (children) push({ type: el.name === 'p' ? 'paragraph' : 'quote', children });
      } else if (el.name === 'ul' || el.name === 'ol') {
        flushLoose();
        const items = el.children
          .filter((c): c is Element => c.type === 'tag' && (c as Element).name === 'li')
          .map((li) => tidy(inlineNodes(li.children)))
          .filter((c): c is InlineNode[] => c !== null)
          .map((children) => ({ type: 'list-item' as const, children }));
        if (items.length)
          push({
            type: 'list',
            format: el.name === 'ol' ? 'ordered' : 'unordered',
            children: items,
          });
      } else if (el.name === 'div') {
        flushLoose();
        walk(el.children);
        flushLoose();
      } else {
        loose.push(el);
      }
    }
  };
  walk(doc.children);
  flushLoose();
  if (current.paragraphs.length || current.subhead) sections.push(current);
  return sections.map((s) => (s.subhead ? s : { paragraphs: s.paragraphs, blocks: s.blocks }));
};

/** Plain-text bodies: one paragraph per blank-line-separated block, or per line when there are no blank lines. */
export const plainTextToSections = (text: string): StorySection[] => {
  const normalized = text.replace(/\r\n?/gu, '\n').replace(/[\u00A0\u2007\u202F]/gu, ' ');
  const chunks = /\n\s*\n/u.test(normalized)
    ? normalized.split(/\n\s*\n/u)
    : normalized.split('\n');
  const paragraphs = chunks.map((c) => collapse(c).trim()).filter(Boolean);
  return paragraphs.length ? [{ paragraphs }] : [];
};
