/**
 * Lossless WebP metadata rewrite (RIFF chunks): the image data is kept as it is, EXIF and
 * XMP chunks and the ICC profile as found are dropped, anything after the RIFF container is
 * cut off, and a clean XMP chunk and a cleaned ICC profile can be added.
 */

export class WebpStructureError extends Error {}

const KEEP = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF']);
const FLAG_ICC = 0x20;
const FLAG_ALPHA = 0x10;
const FLAG_EXIF = 0x08;
const FLAG_XMP = 0x04;
const FLAG_ANIMATION = 0x02;

export interface Chunk {
  fourcc: string;
  data: Buffer;
}

const chunk = ({ fourcc, data }: Chunk) => {
  const header = Buffer.alloc(8);
  header.write(fourcc, 0, 'latin1');
  header.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
};

export const readWebpChunks = (webp: Buffer): Chunk[] => {
  if (
    webp.length < 20 ||
    webp.toString('latin1', 0, 4) !== 'RIFF' ||
    webp.toString('latin1', 8, 12) !== 'WEBP'
  ) {
    throw new WebpStructureError('not a WebP file');
  }
  const end = Math.min(webp.length, 8 + webp.readUInt32LE(4));
  const chunks: Chunk[] = [];
  for (let at = 12; at + 8 <= end; ) {
    const size = webp.readUInt32LE(at + 4);
    if (at + 8 + size > end)
      throw new WebpStructureError('a WebP chunk runs past the end of the file');
    chunks.push({
      fourcc: webp.toString('latin1', at, at + 4),
      data: webp.subarray(at + 8, at + 8 + size),
    });
    at += 8 + size + (size % 2);
  }
  if (!chunks.some((c) => c.fourcc === 'VP8 ' || c.fourcc === 'VP8L' || c.fourcc === 'ANMF'))
    throw new WebpStructureError('the WebP has no image data');
  return chunks;
};

/** The embedded ICC profile, or null. */
export const webpIccProfile = (chunks: Chunk[]): Buffer | null =>
  chunks.find((c) => c.fourcc === 'ICCP')?.data ?? null;

/** The WebP with only image chunks, plus `xmp` and the (cleaned) `icc` when given; `canvas` is needed to add an extended header to a simple file. */
export const rewriteWebpMetadata = (
  webp: Buffer | Chunk[],
  options: {
    xmp?: string | null;
    icc?: Buffer | null;
    canvas: { width: number; height: number; hasAlpha: boolean };
  }
): Buffer => {
  const chunks = (Buffer.isBuffer(webp) ? readWebpChunks(webp) : webp).filter((c) =>
    KEEP.has(c.fourcc)
  );
  if (options.icc) chunks.unshift({ fourcc: 'ICCP', data: options.icc });
  const extended = chunks.find((c) => c.fourcc === 'VP8X');
  if (!extended && !options.xmp && !options.icc)
    return Buffer.concat([riffHeader(chunks), ...chunks.map(chunk)]);

  const header = extended ? Buffer.from(extended.data) : Buffer.alloc(10);
  if (!extended) {
    header.writeUIntLE(options.canvas.width - 1, 4, 3);
    header.writeUIntLE(options.canvas.height - 1, 7, 3);
  }
  let flags = header[0] & (FLAG_ANIMATION | FLAG_ALPHA);
  if (!extended && options.canvas.hasAlpha) flags |= FLAG_ALPHA;
  if (options.icc) flags |= FLAG_ICC;
  if (options.xmp) flags |= FLAG_XMP;
  flags &= ~FLAG_EXIF;
  header[0] = flags;
  // Order: VP8X, ICCP, then image chunks, then metadata (XMP last).
  const body: Chunk[] = [
    { fourcc: 'VP8X', data: header },
    ...chunks.filter((c) => c.fourcc === 'ICCP'),
    ...chunks.filter((c) => c.fourcc !== 'VP8X' && c.fourcc !== 'ICCP'),
    ...(options.xmp ? [{ fourcc: 'XMP ', data: Buffer.from(options.xmp, 'utf8') }] : []),
  ];
  return Buffer.concat([riffHeader(body), ...body.map(chunk)]);
};

const riffHeader = (chunks: Chunk[]) => {
  const size = 4 + chunks.reduce((n, c) => n + 8 + c.data.length + (c.data.length % 2), 0);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(size, 4);
  header.write('WEBP', 8, 'latin1');
  return header;
};
