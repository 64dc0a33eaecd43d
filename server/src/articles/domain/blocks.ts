/** Strapi "blocks" rich text: the shape a section's text is stored in. */
export type TextNode = {
  type: 'text';
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  code?: boolean;
};
export type LinkNode = { type: 'link'; url: string; children: TextNode[] };
export type InlineNode = TextNode | LinkNode;
export type ParagraphBlock = { type: 'paragraph'; children: InlineNode[] };
export type QuoteBlock = { type: 'quote'; children: InlineNode[] };
export type ListBlock = {
  type: 'list';
  format: 'ordered' | 'unordered';
  children: Array<{ type: 'list-item'; children: InlineNode[] }>;
};
export type Block = ParagraphBlock | QuoteBlock | ListBlock;
export type Blocks = Block[];

export const paragraphsToBlocks = (paragraphs: string[]): Blocks =>
  paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));

const inlineText = (nodes: InlineNode[]): string =>
  nodes.map((n) => (n.type === 'text' ? n.text : inlineText(n.children))).join('');

/** The plain text of a block, as an editor reads it (list items one per line). */
export const blockText = (block: Block): string =>
  block.type === 'list'
    ? block.children.map((item) => inlineText(item.children)).join('\n')
    : inlineText(block.children);
