/** Strapi "blocks" rich text, the shape a section's text is stored in. */
export type TextNode = { type: 'text'; text: string; bold?: boolean; italic?: boolean };
export type ParagraphBlock = { type: 'paragraph'; children: TextNode[] };
export type Blocks = ParagraphBlock[];

export const paragraphsToBlocks = (paragraphs: string[]): Blocks =>
  paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));
