/**
 * Lossless PNG metadata rewrite: image chunks are kept as they are (APNG frames included),
 * text, EXIF and time chunks and the ICC profile as found are dropped, nothing after IEND
 * survives, and a clean XMP packet (iTXt, as Adobe writes it) and a cleaned ICC profile
 * can be added.
 */
import { crc32, deflateSync, inflateSync } from 'zlib';

export class PngStructureError extends Error {}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Chunks that define how the image looks; everything else is metadata. */
const IMAGE_CHUNKS = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'cHRM',
  'gAMA',
  'sBIT',
  'sRGB',
  'bKGD',
  'hIST',
  'pHYs',
  'acTL',
  'fcTL',
  'fdAT',
  'cICP',
  'mDCv',
  'cLLi',
]);

export interface Chunk {
  type: string;
  data: Buffer;
}

const encodeChunk = ({ type, data }: Chunk) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
};

export const readPngChunks = (png: Buffer): Chunk[] => {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE))
    throw new PngStructureError('not a PNG file');
  const chunks: Chunk[] = [];
  for (let at = 8; ; ) {
    if (at + 12 > png.length) throw new PngStructureError('the PNG is truncated (no IEND chunk)');
    const length = png.readUInt32BE(at);
    if (at + 12 + length > png.length)
      throw new PngStructureError('a PNG chunk runs past the end of the file');
    const type = png.toString('latin1', at + 4, at + 8);
    chunks.push({ type, data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') return chunks;
  }
};

/** The embedded ICC profile (iCCP, inflated), or null when there is none or it cannot be read. */
export const pngIccProfile = (chunks: Chunk[]): Buffer | null => {
  const iccp = chunks.find((c) => c.type === 'iCCP');
  if (!iccp) return null;
  const nameEnd = iccp.data.indexOf(0);
  if (nameEnd < 1 || iccp.data[nameEnd + 1] !== 0) return null;
  try {
    return inflateSync(iccp.data.subarray(nameEnd + 2), { maxOutputLength: 16 * 1024 * 1024 });
  } catch {
    return null;
  }
};

/**
 * Above this many bits of compressed data per pixel a PNG holds a photograph: drawings,
 * logos and screenshots compress to a few bits per pixel, photographs to 12 or more
 * (an RGB photo's grain does not deflate), and no lossless encoding makes them small.
 */
export const PHOTOGRAPHIC_BITS_PER_PIXEL = 8;

/** Whether a PNG holds a photograph (see above); an animated PNG is never counted as one. */
export const isPhotographicPng = (chunks: Chunk[], pixels: number) => {
  if (chunks.some((c) => c.type === 'acTL')) return false;
  const bytes = chunks.reduce((n, c) => (c.type === 'IDAT' ? n + c.data.length : n), 0);
  return (bytes * 8) / Math.max(1, pixels) > PHOTOGRAPHIC_BITS_PER_PIXEL;
};

/** The PNG with image chunks only, plus the XMP packet and the (cleaned) ICC profile when given. */
export const rewritePngMetadata = (
  png: Buffer | Chunk[],
  options: { xmp?: string | null; icc?: Buffer | null } = {}
): Buffer => {
  const chunks = (Buffer.isBuffer(png) ? readPngChunks(png) : png).filter((c) =>
    IMAGE_CHUNKS.has(c.type)
  );
  if (!chunks.some((c) => c.type === 'IDAT'))
    throw new PngStructureError('the PNG has no image data');
  const out = [...chunks];
  if (options.icc) {
    // The profile's name is free text too: a neutral one replaces it.
    const data = Buffer.concat([
      Buffer.from('ICC profile\0\0', 'latin1'),
      deflateSync(options.icc),
    ]);
    out.splice(1, 0, { type: 'iCCP', data });
  }
  if (options.xmp) {
    // keyword, NUL, compression flag 0, method 0, empty language tag and translated keyword, text
    const data = Buffer.concat([
      Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'),
      Buffer.from(options.xmp, 'utf8'),
    ]);
    out.splice(1, 0, { type: 'iTXt', data });
  }
  return Buffer.concat([SIGNATURE, ...out.map(encodeChunk)]);
};
