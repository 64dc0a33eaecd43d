/**
 * A snapshot read as text, field by field in reading order: what the word diff compares.
 * It reads the delivery JSON the snapshot keeps (`{ data }`, or the 410 body of a kill).
 */

type Json = Record<string, unknown>;

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The text of Strapi rich-text blocks: paragraphs, headings and list items on lines of their own. */
export const blocksText = (blocks: unknown): string =>
  list(blocks)
    .map((block) => {
      const node = obj(block);
      if (typeof node.text === 'string') return node.text;
      const children = list(node.children);
      const inline = children.every(
        (c) => typeof obj(c).text === 'string' || obj(c).type === 'link'
      );
      return inline
        ? children
            .map((c) => (obj(c).type === 'link' ? blocksText(obj(c).children) : str(obj(c).text)))
            .join('')
        : blocksText(children);
    })
    .filter(Boolean)
    .join('\n');

const photoText = (photo: unknown) => {
  const p = obj(photo);
  return [str(p.caption), str(p.creditLine)].filter(Boolean).join(' — ');
};

export const SNAPSHOT_FIELDS = [
  'headline',
  'standfirst',
  'dateline',
  'byline',
  'leadPhoto',
  'body',
  'gallery',
  'attribution',
  'tags',
  'corrections',
  'notice',
] as const;
export type SnapshotField = (typeof SNAPSHOT_FIELDS)[number];

/** Each field of a snapshot as plain text ('' when the snapshot has none). */
export const snapshotText = (delivery: unknown): Record<SnapshotField, string> => {
  const body = obj(delivery);
  const view = obj(body.data);
  const dateline = obj(view.dateline);
  return {
    headline: str(view.headline),
    standfirst: str(view.standfirst),
    dateline: [str(dateline.place), str(dateline.date)].filter(Boolean).join(', '),
    byline: str(view.byline),
    leadPhoto: photoText(view.leadPhoto),
    body: list(view.sections)
      .map((section) => {
        const s = obj(section);
        return [str(s.subhead), blocksText(s.blocks)].filter(Boolean).join('\n');
      })
      .filter(Boolean)
      .join('\n\n'),
    gallery: list(view.gallery).map(photoText).filter(Boolean).join('\n'),
    attribution: str(obj(view.attribution).line),
    tags: list(view.tags).map(str).join(', '),
    corrections: list(view.corrections)
      .map((c) => [str(obj(c).date).slice(0, 10), str(obj(c).note)].filter(Boolean).join(': '))
      .join('\n'),
    // A kill's snapshot keeps the 410 body: its notice is what readers were told.
    notice: body.data === null ? str(obj(body.error).message) : '',
  };
};
