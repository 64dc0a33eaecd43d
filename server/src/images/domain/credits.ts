/**
 * Photo credits from embedded metadata. XMP wins over IPTC-IIM, which wins over EXIF:
 * the IPTC Photo Metadata standard makes XMP the current form, IIM the legacy one, and
 * EXIF carries only Artist and Copyright.
 */

export interface PhotoCredits {
  creditLine?: string;
  creator?: string;
  copyrightNotice?: string;
  source?: string;
  caption?: string;
  usageTerms?: string;
}

export const CREDIT_FIELDS = [
  'creditLine',
  'creator',
  'copyrightNotice',
  'source',
  'caption',
  'usageTerms',
] as const;

/** One tag as ExifReader reports it (`expanded: true`). */
interface Tag {
  value?: unknown;
  description?: unknown;
}
type Group = Record<string, Tag | undefined> | undefined;

/** The groups of ExifReader's expanded output this module reads (its own types have no index signature). */
export interface MetadataTags {
  exif?: object;
  iptc?: object;
  xmp?: object;
}

const clean = (text: string) =>
  text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/gu, '').trim();

/** A tag's text: XMP lists and language alternatives become their items joined, IIM repeats the same. */
const textOf = (tag: Tag | undefined): string | undefined => {
  if (!tag) return undefined;
  const { value, description } = tag;
  let text: string | undefined;
  if (
    Array.isArray(value) &&
    value.length &&
    value.every((item) => typeof item === 'object' && item)
  ) {
    // XMP lists and language alternatives, or a repeated IIM dataset: the items, joined.
    text = (value as Tag[])
      .map((item) =>
        typeof item.description === 'string'
          ? item.description
          : typeof item.value === 'string'
            ? item.value
            : ''
      )
      .filter(Boolean)
      .join(', ');
  } else if (typeof description === 'string') {
    text = description;
  } else if (typeof value === 'string') {
    text = value;
  }
  const result = text ? clean(text) : '';
  return result || undefined;
};

const first = (...candidates: Array<string | undefined>) => candidates.find((c) => c !== undefined);

/** Reads the credit fields; missing ones are left out. */
export const creditsFromTags = (tags: MetadataTags): PhotoCredits => {
  const x = (name: string) => textOf((tags.xmp as Group)?.[name]);
  const i = (name: string) => textOf((tags.iptc as Group)?.[name]);
  const e = (name: string) => textOf((tags.exif as Group)?.[name]);
  const credits: PhotoCredits = {
    creditLine: first(x('Credit'), i('Credit')),
    creator: first(x('creator'), i('By-line'), e('Artist')),
    copyrightNotice: first(x('rights'), i('Copyright Notice'), e('Copyright')),
    source: first(x('Source'), i('Source')),
    caption: first(x('description'), i('Caption/Abstract'), e('ImageDescription')),
    usageTerms: first(x('UsageTerms')),
  };
  return Object.fromEntries(
    Object.entries(credits).filter(([, v]) => v !== undefined)
  ) as PhotoCredits;
};
