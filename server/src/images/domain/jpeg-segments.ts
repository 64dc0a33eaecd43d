/**
 * Lossless JPEG metadata rewrite: the file is rebuilt from what defines the image, its
 * compressed data kept byte for byte. Only the tables, the frame and scan headers, the
 * restart interval and each scan's entropy-coded data are kept; JFIF and Adobe are rebuilt
 * in their exact short forms; every other segment (EXIF, XMP, IPTC/Photoshop, comments,
 * maker segments, DNL, the ICC profile as found), wherever it sits, is dropped, as is
 * anything after the end-of-image marker (where polyglot payloads and extra MPF pictures
 * live). The caller's own segments (a fresh EXIF block, the credits' XMP, a cleaned ICC
 * profile) go in after the JFIF header.
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

const SOF_MARKERS = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);
const DHT = 0xc4;
const DAC = 0xcc;
const DQT = 0xdb;
const DRI = 0xdd;
/** Segments that define the image: tables, frame header, restart interval. */
const isTable = (marker: number) =>
  marker === DQT || marker === DHT || marker === DAC || marker === DRI;

const segment = (marker: number, ...payload: Buffer[]) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(2 + payload.reduce((n, p) => n + p.length, 0), 2);
  return Buffer.concat([head, ...payload]);
};

/** JFIF rebuilt in its 16-byte form, version 1.01, no thumbnail; null when malformed. */
const rebuiltJfif = (bytes: Buffer): Buffer | null => {
  if (bytes.length < 18 || !startsWithAscii(bytes, 'JFIF\0')) return null;
  const units = bytes[11];
  const x = bytes.readUInt16BE(12);
  const y = bytes.readUInt16BE(14);
  if (units > 2 || !x || !y) return null;
  const payload = Buffer.alloc(14);
  payload.write('JFIF\0', 0, 'latin1');
  payload[5] = 1;
  payload[6] = 1;
  payload[7] = units;
  payload.writeUInt16BE(x, 8);
  payload.writeUInt16BE(y, 10);
  return segment(APP0, payload);
};

/** Adobe's colour-transform segment rebuilt as its 12 bytes (version 100, no flags); null when malformed. */
const rebuiltAdobe = (bytes: Buffer): Buffer | null => {
  if (bytes.length < 16 || !startsWithAscii(bytes, 'Adobe')) return null;
  const transform = bytes[15];
  if (transform > 2) return null;
  const payload = Buffer.alloc(12);
  payload.write('Adobe', 0, 'latin1');
  payload.writeUInt16BE(100, 5);
  payload[11] = transform;
  return segment(APP14, payload);
};

/** Whether a table, frame or scan header segment is exactly as long as its contents say. */
const exactLength = (marker: number, bytes: Buffer): boolean => {
  const length = bytes.length - 2;
  if (SOF_MARKERS.has(marker)) return length >= 8 && length === 8 + 3 * bytes[9];
  if (marker === SOS) return length >= 6 && length === 6 + 2 * bytes[4];
  if (marker === DRI) return length === 4;
  if (marker === DAC) return length >= 2 && (length - 2) % 2 === 0;
  if (marker === DQT) {
    let at = 4;
    while (at < bytes.length) at += 1 + (bytes[at] >> 4 ? 128 : 64);
    return at === bytes.length;
  }
  if (marker === DHT) {
    let at = 4;
    while (at + 17 <= bytes.length) {
      let codes = 0;
      for (let i = 1; i <= 16; i++) codes += bytes[at + i];
      at += 17 + codes;
    }
    return at === bytes.length;
  }
  return false;
};

export interface JpegParts {
  /** The header segments as found (`joinJpeg` keeps only those that define the image). */
  header: JpegSegment[];
  /** The scans rebuilt: each SOS with its entropy-coded data, the tables between them, then EOI. */
  scans: Buffer;
  /** False when a kept segment is not exactly as long as its contents: the data is then not kept as it is. */
  exact: boolean;
}

/**
 * Reads a JPEG and rebuilds it from what defines the image: in the header only the tables,
 * the frame header, the restart interval and JFIF and Adobe rebuilt; from the first SOS on,
 * each scan's entropy-coded data (byte stuffing and restart markers are data) and the tables
 * between scans, up to EOI. Any other segment (APPn, COM, DNL, ...), wherever it is, and
 * anything after EOI are dropped.
 */
export const splitJpeg = (jpeg: Buffer): JpegParts => {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== SOI)
    throw new JpegStructureError('not a JPEG (no start-of-image marker)');
  const header: JpegSegment[] = [];
  let exact = true;
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
    const bytes = jpeg.subarray(at, at + 2 + length);
    if ((isTable(marker) || SOF_MARKERS.has(marker)) && !exactLength(marker, bytes)) exact = false;
    header.push({ marker, bytes });
    at += 2 + length;
  }
  // From the first SOS: each scan header with its entropy-coded data, and the tables between scans.
  const pieces: Buffer[] = [];
  let dropped = false;
  while (at + 1 < jpeg.length) {
    // `at` is at a marker (possibly after fill bytes).
    const markerStart = at;
    while (jpeg[at] === 0xff && jpeg[at + 1] === 0xff) at++;
    if (jpeg[at] !== 0xff || at + 1 >= jpeg.length) break;
    if (at !== markerStart) dropped = true;
    const marker = jpeg[at + 1];
    if (marker === EOI) {
      pieces.push(jpeg.subarray(at, at + 2));
      const scans = dropped || pieces.length > 1 ? Buffer.concat(pieces) : pieces[0];
      return { header, scans, exact };
    }
    if (isStandalone(marker) || marker === 0x00) {
      dropped = true;
      at += 2;
      continue;
    }
    if (at + 4 > jpeg.length) break;
    const length = jpeg.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > jpeg.length)
      throw new JpegStructureError('a JPEG segment runs past the end of the file');
    const segmentEnd = at + 2 + length;
    if (marker !== SOS) {
      if (isTable(marker)) {
        if (!exactLength(marker, jpeg.subarray(at, segmentEnd))) exact = false;
        pieces.push(jpeg.subarray(at, segmentEnd));
      } else dropped = true; // APPn, COM, DNL and anything else between or after the scans
      at = segmentEnd;
      continue;
    }
    if (!exactLength(marker, jpeg.subarray(at, segmentEnd))) exact = false;
    // The entropy-coded data runs to the next marker: FF00 (a stuffed byte) and RSTn are data.
    let end = segmentEnd;
    for (;;) {
      // Jump to the next 0xFF natively: megabytes of scan data, walked byte by byte, would cost milliseconds.
      end = jpeg.indexOf(0xff, end);
      if (end === -1 || end + 1 >= jpeg.length) {
        end = -1;
        break;
      }
      const next = jpeg[end + 1];
      if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) end += 2;
      else break;
    }
    if (end === -1) break;
    pieces.push(jpeg.subarray(at, end));
    at = end;
  }
  throw new JpegStructureError('the JPEG is truncated (no end-of-image marker)');
};

/**
 * The JPEG rebuilt from its image-defining parts: JFIF and Adobe rebuilt (or dropped when
 * malformed), the tables, frame header and restart interval, the rebuilt scans, and `insert`
 * (complete APPn segments) after JFIF.
 */
export const joinJpeg = (
  { header, scans }: Pick<JpegParts, 'header' | 'scans'>,
  insert: Buffer[] = []
): Buffer => {
  const app0 = header.find((s) => s.marker === APP0 && startsWithAscii(s.bytes, 'JFIF\0'));
  const app14 = header.find((s) => s.marker === APP14 && startsWithAscii(s.bytes, 'Adobe'));
  const jfif = app0 && rebuiltJfif(app0.bytes);
  const adobe = app14 && rebuiltAdobe(app14.bytes);
  const tables = header
    .filter((s) => isTable(s.marker) || SOF_MARKERS.has(s.marker))
    .map((s) => s.bytes);
  return Buffer.concat([
    Buffer.from([0xff, SOI]),
    ...(jfif ? [jfif] : []),
    ...insert,
    ...(adobe ? [adobe] : []),
    ...tables,
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
