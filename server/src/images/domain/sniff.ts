/**
 * What a file is, from its first bytes (magic numbers), never from its name or the
 * Content-Type the client sent. Uploads are decided by an allow-list of what is sniffed
 * here; markup is singled out only to name the refusal, because SVG and HTML can carry
 * scripts that run when the file is opened from the site's own origin.
 */

export type RasterFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'heif' | 'tiff';

export type Sniffed =
  | { kind: 'raster'; format: RasterFormat; mime: string; ext: string }
  /** A document or media file of a known type, stored as it is. */
  | { kind: 'file'; mime: string; ext: string; name: string }
  | { kind: 'markup'; what: 'SVG' | 'HTML' | 'XML' }
  | { kind: 'other' };

const RASTER: Record<RasterFormat, { mime: string; ext: string }> = {
  jpeg: { mime: 'image/jpeg', ext: '.jpg' },
  png: { mime: 'image/png', ext: '.png' },
  webp: { mime: 'image/webp', ext: '.webp' },
  gif: { mime: 'image/gif', ext: '.gif' },
  avif: { mime: 'image/avif', ext: '.avif' },
  heif: { mime: 'image/heif', ext: '.heic' },
  tiff: { mime: 'image/tiff', ext: '.tif' },
};

export const rasterType = (format: RasterFormat) => RASTER[format];

const startsWith = (head: Uint8Array, bytes: number[], at = 0) =>
  bytes.every((b, i) => head[at + i] === b);
const ascii = (head: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...head.subarray(from, to));

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1', 'heim', 'heis']);

const rasterFormat = (head: Uint8Array): RasterFormat | null => {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'webp';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'tiff';
  if (ascii(head, 4, 8) === 'ftyp') {
    const size = Math.min(
      head.length,
      (head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3]
    );
    const brands = [ascii(head, 8, 12)];
    for (let at = 16; at + 4 <= size; at += 4) brands.push(ascii(head, at, at + 4));
    if (brands.some((b) => AVIF_BRANDS.has(b))) return 'avif';
    if (brands.some((b) => HEIF_BRANDS.has(b))) return 'heif';
  }
  return null;
};

const FILES: Array<{
  mime: string;
  ext: string;
  name: string;
  test: (head: Uint8Array) => boolean;
}> = [
  { mime: 'application/pdf', ext: '.pdf', name: 'PDF', test: (h) => ascii(h, 0, 5) === '%PDF-' },
  {
    mime: 'video/mp4',
    ext: '.mp4',
    name: 'MP4 video',
    test: (h) =>
      ascii(h, 4, 8) === 'ftyp' && /^(isom|iso2|mp41|mp42|avc1|M4V |dash)$/u.test(ascii(h, 8, 12)),
  },
  {
    mime: 'video/quicktime',
    ext: '.mov',
    name: 'QuickTime video',
    test: (h) => ascii(h, 4, 8) === 'ftyp' && ascii(h, 8, 12) === 'qt  ',
  },
  {
    mime: 'video/webm',
    ext: '.webm',
    name: 'WebM video',
    test: (h) => startsWith(h, [0x1a, 0x45, 0xdf, 0xa3]),
  },
  {
    mime: 'audio/mpeg',
    ext: '.mp3',
    name: 'MP3 audio',
    test: (h) => ascii(h, 0, 3) === 'ID3' || (h[0] === 0xff && (h[1] & 0xe6) === 0xe2),
  },
  {
    mime: 'audio/wav',
    ext: '.wav',
    name: 'WAV audio',
    test: (h) => ascii(h, 0, 4) === 'RIFF' && ascii(h, 8, 12) === 'WAVE',
  },
  { mime: 'audio/ogg', ext: '.ogg', name: 'Ogg audio', test: (h) => ascii(h, 0, 4) === 'OggS' },
];

/** Markup, whatever the extension: text that opens with a tag, a doctype or an XML declaration. */
const markup = (head: Uint8Array): 'SVG' | 'HTML' | 'XML' | null => {
  let text: string;
  if (startsWith(head, [0xfe, 0xff]) || startsWith(head, [0xff, 0xfe])) {
    text = Buffer.from(head).toString('utf16le').replace(/\0/gu, '');
  } else {
    text = Buffer.from(head).toString('utf8');
  }
  const lead = text
    .replace(/^\uFEFF/u, '')
    .trimStart()
    .toLowerCase();
  // Browsers sniff past leading text too: a tag anywhere near the start is markup.
  if (!lead.startsWith('<')) {
    if (/<svg[\s>/]/u.test(lead)) return 'SVG';
    return /<(?:!doctype|html|head|body|script|iframe|object|embed|img|svg|style|meta|link|a)[\s>/]/u.test(
      lead
    )
      ? 'HTML'
      : null;
  }
  if (/<svg[\s>]/u.test(lead)) return 'SVG';
  if (/^<!doctype\s+html|<html[\s>]|<script[\s>]|<body[\s>]|<iframe[\s>]|<head[\s>]/u.test(lead))
    return 'HTML';
  if (/^<\?xml|^<!doctype|^<!--/u.test(lead)) return 'XML';
  return 'HTML';
};

/** Classifies a file from its first bytes (4 KiB is plenty). */
export const sniff = (head: Uint8Array): Sniffed => {
  const format = rasterFormat(head);
  if (format) return { kind: 'raster', format, ...RASTER[format] };
  const file = FILES.find((f) => f.test(head));
  if (file) return { kind: 'file', mime: file.mime, ext: file.ext, name: file.name };
  const what = markup(head);
  if (what) return { kind: 'markup', what };
  return { kind: 'other' };
};

const IMAGE_EXTENSIONS = /\.(jpe?g|jfif|png|apng|gif|webp|avif|heic|heif|tiff?|bmp|ico|svgz?)$/iu;

/** Whether the client presented the file as an image, by name or declared type. */
export const claimsToBeImage = (name: string | undefined, declaredMime: string | undefined) =>
  Boolean(
    (declaredMime && /^image\//iu.test(declaredMime)) || (name && IMAGE_EXTENSIONS.test(name))
  );

/** Every type the sniffer recognises, by MIME type, with the name an editor knows it by. */
export const KNOWN_TYPES: Record<string, string> = {
  ...Object.fromEntries(
    Object.entries(RASTER).map(([format, t]) => [t.mime, format.toUpperCase()])
  ),
  ...Object.fromEntries(FILES.map((f) => [f.mime, f.name])),
};

/** What an upload may be unless configured otherwise: the images the pipeline handles, and PDF documents. */
export const DEFAULT_ALLOWED_TYPES = [
  ...Object.values(RASTER).map((t) => t.mime),
  'application/pdf',
];
