/**
 * What a file is, from its first bytes (magic numbers), never from its name or the
 * Content-Type the client sent. Markup is singled out because SVG and HTML can carry
 * scripts that run when the file is opened from the site's own origin.
 */

export type RasterFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'heif' | 'tiff';

export type Sniffed =
  | { kind: 'raster'; format: RasterFormat; mime: string; ext: string }
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

const startsWith = (head: Uint8Array, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
const ascii = (head: Uint8Array, from: number, to: number) => String.fromCharCode(...head.subarray(from, to));

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1', 'heim', 'heis']);

const rasterFormat = (head: Uint8Array): RasterFormat | null => {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'webp';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (ascii(head, 4, 8) === 'ftyp') {
    const size = Math.min(head.length, (head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3]);
    const brands = [ascii(head, 8, 12)];
    for (let at = 16; at + 4 <= size; at += 4) brands.push(ascii(head, at, at + 4));
    if (brands.some((b) => AVIF_BRANDS.has(b))) return 'avif';
    if (brands.some((b) => HEIF_BRANDS.has(b))) return 'heif';
  }
  return null;
};

/** Markup, whatever the extension: text that opens with a tag, a doctype or an XML declaration. */
const markup = (head: Uint8Array): 'SVG' | 'HTML' | 'XML' | null => {
  let text: string;
  if (startsWith(head, [0xfe, 0xff]) || startsWith(head, [0xff, 0xfe])) {
    text = Buffer.from(head).toString('utf16le').replace(/\0/gu, '');
  } else {
    text = Buffer.from(head).toString('utf8');
  }
  const lead = text.replace(/^\uFEFF/u, '').trimStart().toLowerCase();
  if (!lead.startsWith('<')) return null;
  if (/<svg[\s>]/u.test(lead)) return 'SVG';
  if (/^<!doctype\s+html|<html[\s>]|<script[\s>]|<body[\s>]|<iframe[\s>]|<head[\s>]/u.test(lead)) return 'HTML';
  if (/^<\?xml|^<!doctype|^<!--/u.test(lead)) return 'XML';
  return 'HTML';
};

/** Classifies a file from its first bytes (4 KiB is plenty). */
export const sniff = (head: Uint8Array): Sniffed => {
  const format = rasterFormat(head);
  if (format) return { kind: 'raster', format, ...RASTER[format] };
  const what = markup(head);
  if (what) return { kind: 'markup', what };
  return { kind: 'other' };
};

const IMAGE_EXTENSIONS = /\.(jpe?g|jfif|png|apng|gif|webp|avif|heic|heif|tiff?|bmp|ico|svgz?)$/iu;

/** Whether the client presented the file as an image, by name or declared type. */
export const claimsToBeImage = (name: string | undefined, declaredMime: string | undefined) =>
  Boolean((declaredMime && /^image\//iu.test(declaredMime)) || (name && IMAGE_EXTENSIONS.test(name)));
