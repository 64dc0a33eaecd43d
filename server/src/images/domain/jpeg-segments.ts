/**
 * Lossless JPEG metadata rewrite: the compressed image is kept byte for byte, while every
 * metadata segment that could carry a GPS position, device serials or an owner's name
 * (EXIF, XMP, IPTC/Photoshop, comments, maker segments, the ICC profile as found) is
 * dropped, as is anything after the end-of-image marker (where polyglot payloads and extra
 * MPF pictures live). The caller's own segments (a fresh EXIF block, the credits' XMP, a
 * cleaned ICC profile) go in after the JFIF header.
 */

export class JpegStructureError extends Error {}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
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

const ICC_SIGNATURE = 'ICC_PROFILE\0';
const EXIF_SIGNATURE = 'Exif\0\0';
const XMP_SIGNATURE = 'http://ns.adobe.com/xap/1.0/\0';
/** Most payload one segment holds (the length field counts itself). */
const MAX_PAYLOAD = 0xffff - 2;

/** Whether a metadata segment survives the rewrite: JFIF and the Adobe colour transform only. */
const keepSegment = (segment: JpegSegment) => {
  if (segment.marker === 0xfe) return false; // COM
  if (!isApp(segment.marker)) return true; // tables, frame header, restart interval
  if (segment.marker === APP0) return startsWithAscii(segment.bytes, 'JFIF\0');
  if (segment.marker === APP14) return startsWithAscii(segment.bytes, 'Adobe');
  return false;
};

const segment = (marker: number, ...payload: Buffer[]) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(2 + payload.reduce((n, p) => n + p.length, 0), 2);
  return Buffer.concat([head, ...payload]);
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
export const joinJpeg = (
  { header, scans }: { header: JpegSegment[]; scans: Buffer },
  insert: Buffer[] = []
): Buffer => {
  const kept = header.filter(keepSegment).map((s) => s.bytes);
  const jfifEnd = header[0]?.marker === APP0 && kept[0] === header[0].bytes ? 1 : 0;
  return Buffer.concat([
    Buffer.from([0xff, SOI]),
    ...kept.slice(0, jfifEnd),
    ...insert,
    ...kept.slice(jfifEnd),
    scans,
  ]);
};

export const rewriteJpegMetadata = (jpeg: Buffer, insert: Buffer[] = []): Buffer =>
  joinJpeg(splitJpeg(jpeg), insert);

/** The ICC profile spread over APP2 segments, put back together; null when absent or its pieces do not add up. */
export const jpegIccProfile = (header: JpegSegment[]): Buffer | null => {
  const pieces = header
    .filter((s) => s.marker === APP2 && startsWithAscii(s.bytes, ICC_SIGNATURE))
    .map((s) => ({ index: s.bytes[16], count: s.bytes[17], data: s.bytes.subarray(18) }));
  if (!pieces.length) return null;
  const count = pieces[0].count;
  const ordered = [...pieces].sort((a, b) => a.index - b.index);
  if (pieces.length !== count || ordered.some((p, i) => p.index !== i + 1 || p.count !== count))
    return null;
  return Buffer.concat(ordered.map((p) => p.data));
};

/** APP2 segments carrying an ICC profile (split when it is larger than one segment holds). */
export const iccSegments = (profile: Buffer): Buffer[] => {
  const room = MAX_PAYLOAD - ICC_SIGNATURE.length - 2;
  const count = Math.ceil(profile.length / room);
  return Array.from({ length: count }, (_, i) =>
    segment(
      APP2,
      Buffer.from(ICC_SIGNATURE, 'latin1'),
      Buffer.from([i + 1, count]),
      profile.subarray(i * room, (i + 1) * room)
    )
  );
};

/** An APP1 EXIF segment around a TIFF block. */
export const exifSegment = (tiff: Buffer) =>
  segment(APP1, Buffer.from(EXIF_SIGNATURE, 'latin1'), tiff);

/** An APP1 XMP segment, or null when the packet does not fit in one (libvips drops such a packet too). */
export const xmpSegment = (xmp: string): Buffer | null => {
  const packet = Buffer.from(xmp, 'utf8');
  if (XMP_SIGNATURE.length + packet.length > MAX_PAYLOAD) return null;
  return segment(APP1, Buffer.from(XMP_SIGNATURE, 'latin1'), packet);
};
