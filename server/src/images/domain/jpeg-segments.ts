/**
 * Lossless JPEG metadata rewrite: the compressed image is kept byte for byte, while every
 * metadata segment that could carry a GPS position, device serials or an owner's name
 * (EXIF, XMP, IPTC/Photoshop, comments, maker segments) is dropped, as is anything after
 * the end-of-image marker (where polyglot payloads and extra MPF pictures live). The
 * caller's own segments (clean credit metadata) go in after the JFIF header.
 */

export class JpegStructureError extends Error {}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP2 = 0xe2;
const APP14 = 0xee;

const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
const isApp = (marker: number) => marker >= 0xe0 && marker <= 0xef;

export interface JpegSegment {
  marker: number;
  /** The whole segment, marker and length included. */
  bytes: Buffer;
}

const startsWithAscii = (segment: Buffer, text: string) =>
  segment.subarray(4, 4 + text.length).toString('latin1') === text;

/** Whether a metadata segment survives the rewrite: JFIF, Adobe colour transform and (if asked) the ICC profile. */
const keepSegment = (segment: JpegSegment, keepIcc: boolean) => {
  if (segment.marker === 0xfe) return false; // COM
  if (!isApp(segment.marker)) return true; // tables, frame header, restart interval
  if (segment.marker === APP0) return startsWithAscii(segment.bytes, 'JFIF\0');
  if (segment.marker === APP14) return startsWithAscii(segment.bytes, 'Adobe');
  if (segment.marker === APP2) return keepIcc && startsWithAscii(segment.bytes, 'ICC_PROFILE\0');
  return false;
};

/** Splits a JPEG into its header segments and the scan data (from the first SOS to EOI inclusive). */
export const splitJpeg = (jpeg: Buffer): { header: JpegSegment[]; scans: Buffer } => {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== SOI)
    throw new JpegStructureError('not a JPEG (no start-of-image marker)');
  const header: JpegSegment[] = [];
  let at = 2;
  for (;;) {
    while (jpeg[at] === 0xff && jpeg[at + 1] === 0xff) at++; // fill bytes
    if (at + 4 > jpeg.length || jpeg[at] !== 0xff)
      throw new JpegStructureError('the JPEG ends before its image data');
    const marker = jpeg[at + 1];
    if (isStandalone(marker)) {
      at += 2;
      continue;
    }
    if (marker === EOI) throw new JpegStructureError('the JPEG has no image data');
    const length = jpeg.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > jpeg.length)
      throw new JpegStructureError('a JPEG segment runs past the end of the file');
    if (marker === SOS) break;
    header.push({ marker, bytes: jpeg.subarray(at, at + 2 + length) });
    at += 2 + length;
  }
  // Walk the entropy-coded data (and any tables between progressive scans) to the real EOI.
  const scanStart = at;
  while (at < jpeg.length - 1) {
    if (jpeg[at] !== 0xff) {
      // Jump to the next 0xFF natively: megabytes of scan data, walked byte by byte, would cost milliseconds.
      at = jpeg.indexOf(0xff, at);
      if (at === -1) break;
      continue;
    }
    const next = jpeg[at + 1];
    if (next === 0x00 || next === 0xff || isStandalone(next)) {
      at += next === 0xff ? 1 : 2;
      continue;
    }
    if (next === EOI) return { header, scans: jpeg.subarray(scanStart, at + 2) };
    if (at + 4 > jpeg.length) break;
    at += 2 + jpeg.readUInt16BE(at + 2); // a marker segment between scans (SOS, DHT, DQT, DRI)
  }
  throw new JpegStructureError('the JPEG is truncated (no end-of-image marker)');
};

/** The JPEG with only image-defining segments, plus `insert` (complete APPn segments) after JFIF. */
export const rewriteJpegMetadata = (
  jpeg: Buffer,
  insert: Buffer[] = [],
  options: { keepIcc?: boolean } = {}
): Buffer => {
  const { header, scans } = splitJpeg(jpeg);
  const kept = header.filter((s) => keepSegment(s, options.keepIcc ?? false)).map((s) => s.bytes);
  const jfifEnd = header[0]?.marker === APP0 && kept[0] === header[0].bytes ? 1 : 0;
  return Buffer.concat([
    Buffer.from([0xff, SOI]),
    ...kept.slice(0, jfifEnd),
    ...insert,
    ...kept.slice(jfifEnd),
    scans,
  ]);
};

/** The APPn segments of a JPEG (used to lift freshly encoded EXIF/XMP segments into another file). */
export const appSegments = (jpeg: Buffer, marker: number): Buffer[] =>
  splitJpeg(jpeg)
    .header.filter((s) => s.marker === marker)
    .map((s) => s.bytes);

/** Whether the ICC profile segments describe sRGB (so they can stay as they are). */
export const iccIsSrgb = (description: string | undefined) =>
  Boolean(description && /srgb|iec\s*61966-2[.-]1/iu.test(description));
