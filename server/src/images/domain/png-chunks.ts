/**
 * Lossless PNG metadata rewrite: image chunks are kept when each is exactly as long as its
 * contents (see `keepableChunks`; an animated PNG never is), text, EXIF and time chunks and
 * the ICC profile as found are dropped, nothing after IEND survives, and a clean XMP packet
 * (iTXt, as Adobe writes it) and a cleaned ICC profile can be added.
 */
import { createInflate, crc32, deflateSync, inflateSync } from 'zlib';

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

const ANIMATION_CHUNKS = new Set(['acTL', 'fcTL', 'fdAT']);

export interface PngAnimation {
  /** Frames declared (acTL) or found (fcTL), whichever is more. */
  frames: number;
  /** The largest frame's width × height. */
  largestFrame: { width: number; height: number };
}

/** An animated PNG's frame count and largest frame, from its acTL and fcTL chunks; null when still. */
export const pngAnimation = (chunks: Chunk[]): PngAnimation | null => {
  if (!chunks.some((c) => ANIMATION_CHUNKS.has(c.type))) return null;
  let frames = 0;
  let declared = 0;
  let largestFrame = { width: 0, height: 0 };
  for (const c of chunks) {
    if (c.type === 'acTL' && c.data.length >= 4)
      declared = Math.max(declared, c.data.readUInt32BE(0));
    if (c.type !== 'fcTL' || c.data.length < 12) continue;
    frames++;
    const width = c.data.readUInt32BE(4);
    const height = c.data.readUInt32BE(8);
    if (width * height > largestFrame.width * largestFrame.height) largestFrame = { width, height };
  }
  return { frames: Math.max(frames, declared, 1), largestFrame };
};

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

interface Header {
  width: number;
  height: number;
  depth: number;
  colourType: number;
  interlaced: boolean;
}

const readHeader = (ihdr: Chunk | undefined): Header | null => {
  if (!ihdr || ihdr.type !== 'IHDR' || ihdr.data.length !== 13) return null;
  const d = ihdr.data;
  const header = {
    width: d.readUInt32BE(0),
    height: d.readUInt32BE(4),
    depth: d[8],
    colourType: d[9],
    interlaced: d[12] === 1,
  };
  if (!CHANNELS[header.colourType] || ![1, 2, 4, 8, 16].includes(header.depth)) return null;
  return header;
};

/** Bytes the image data inflates to: each row of each pass with its filter byte. */
const rawSize = ({ width, height, depth, colourType, interlaced }: Header) => {
  const bits = CHANNELS[colourType] * depth;
  const rows = (w: number, h: number) => (w && h ? h * (1 + Math.ceil((w * bits) / 8)) : 0);
  if (!interlaced) return rows(width, height);
  return ADAM7.reduce(
    (n, [x, y, dx, dy]) => n + rows(Math.ceil((width - x) / dx), Math.ceil((height - y) / dy)),
    0
  );
};

/** Whether a zlib stream inflates to exactly `expected` bytes and ends exactly where `data` ends (streamed, output discarded). */
const inflatesExactly = (data: Buffer, expected: number): Promise<boolean> =>
  new Promise((resolve) => {
    const inflate = createInflate();
    let total = 0;
    inflate.on('data', (piece: Buffer) => {
      total += piece.length;
      if (total > expected) {
        inflate.destroy();
        resolve(false);
      }
    });
    inflate.on('error', () => resolve(false));
    inflate.on('end', () => resolve(total === expected && inflate.bytesWritten === data.length));
    inflate.end(data);
  });

/** Exact lengths of the ancillary image chunks, by colour type; chunks of another length are dropped. */
const exactAncillary = (type: string, length: number, header: Header, paletteEntries: number) => {
  const t = header.colourType;
  switch (type) {
    case 'tRNS':
      if (t === 3) return length >= 1 && length <= paletteEntries;
      return length === ({ 0: 2, 2: 6 } as Record<number, number>)[t];
    case 'bKGD':
      return length === ({ 0: 2, 2: 6, 3: 1, 4: 2, 6: 6 } as Record<number, number>)[t];
    case 'sBIT':
      return length === ({ 0: 1, 2: 3, 3: 3, 4: 2, 6: 4 } as Record<number, number>)[t];
    case 'hIST':
      return t === 3 && length === paletteEntries * 2;
    case 'pHYs':
      return length === 9;
    case 'gAMA':
      return length === 4;
    case 'cHRM':
      return length === 32;
    case 'sRGB':
      return length === 1;
    case 'cICP':
      return length === 4;
    case 'mDCv':
      return length === 24;
    case 'cLLi':
      return length === 8;
    default:
      return false; // anything else: not validated, not kept
  }
};

/**
 * The chunks to keep byte for byte, or null when the image data cannot be kept as it is:
 * an animated PNG (its frames are never kept), a malformed header or palette, image data
 * split by other chunks or that does not inflate to exactly the image's size and end where
 * its chunks end. Ancillary chunks of the wrong length are dropped.
 */
export const keepableChunks = async (chunks: Chunk[]): Promise<Chunk[] | null> => {
  if (chunks.some((c) => ANIMATION_CHUNKS.has(c.type))) return null;
  const header = readHeader(chunks[0]);
  if (!header || chunks.some((c) => c.type === 'IEND' && c.data.length)) return null;
  const plte = chunks.filter((c) => c.type === 'PLTE');
  if (plte.length > 1 || (plte[0] && (plte[0].data.length % 3 || plte[0].data.length > 768)))
    return null;
  if (header.colourType === 3 && !plte.length) return null;
  const paletteEntries = plte.length ? plte[0].data.length / 3 : 0;
  const first = chunks.findIndex((c) => c.type === 'IDAT');
  const last = chunks.map((c) => c.type).lastIndexOf('IDAT');
  if (first < 0 || chunks.slice(first, last + 1).some((c) => c.type !== 'IDAT')) return null;
  const idat = Buffer.concat(chunks.slice(first, last + 1).map((c) => c.data));
  if (!(await inflatesExactly(idat, rawSize(header)))) return null;
  const seen = new Set<string>();
  return chunks.filter((c) => {
    if (['IHDR', 'PLTE', 'IDAT', 'IEND'].includes(c.type)) return true;
    if (!IMAGE_CHUNKS.has(c.type) || seen.has(c.type)) return false;
    seen.add(c.type);
    return exactAncillary(c.type, c.data.length, header, paletteEntries);
  });
};
