/**
 * Lossless PNG metadata rewrite: image chunks are kept as they are (APNG frames included),
 * text, EXIF and time chunks (and an ICC profile unless asked to keep it) are dropped,
 * nothing after IEND survives, and a clean XMP packet can be added (iTXt, as Adobe writes it).
 */
import { crc32 } from 'zlib';

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

interface Chunk {
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

/** The PNG with image chunks only, plus the XMP packet when given. */
export const rewritePngMetadata = (
  png: Buffer,
  options: { xmp?: string | null; keepIcc?: boolean } = {}
): Buffer => {
  const chunks = readPngChunks(png).filter(
    (c) => IMAGE_CHUNKS.has(c.type) || (options.keepIcc && c.type === 'iCCP')
  );
  if (!chunks.some((c) => c.type === 'IDAT'))
    throw new PngStructureError('the PNG has no image data');
  const out = [...chunks];
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
