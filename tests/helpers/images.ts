import fs from 'fs';
import os from 'os';
import path from 'path';
import { ExifTool } from 'exiftool-vendored';
import sharp from 'sharp';

/** A photo-like JPEG: smooth colour fields with grain, so encoders have real work. */
export const photo = async (
  width: number,
  height: number,
  options: { marker?: { x: number; y: number; size: number } } = {}
) => {
  const field = await sharp({
    create: {
      width: 8,
      height: 6,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 90, sigma: 30 },
    },
  })
    .png()
    .toBuffer();
  const { data, info } = await sharp(field)
    .resize(width, height, { kernel: 'cubic', fit: 'fill' })
    .modulate({ brightness: 0.6 })
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (options.marker) {
    // A white square painted into the pixels: easy to find again in a crop.
    const { x, y, size } = options.marker;
    for (let row = Math.max(0, y - size / 2); row < Math.min(height, y + size / 2); row++) {
      for (let col = Math.max(0, x - size / 2); col < Math.min(width, x + size / 2); col++) {
        data.fill(
          255,
          (row * width + col) * info.channels,
          (row * width + col + 1) * info.channels
        );
      }
    }
  }
  return sharp(data, { raw: { width, height, channels: info.channels } })
    .jpeg({ quality: 90 })
    .toBuffer();
};

const tmpFile = (data: Buffer, ext: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-img-')), `image${ext}`);
  fs.writeFileSync(file, data);
  return file;
};

/**
 * ExifTool from npm (exiftool-vendored's Perl build, on this machine's Perl): no system package.
 * One short-lived process per call, ended before the call returns, so nothing outlives a test.
 */
const withExifTool = async <T>(work: (tool: ExifTool) => Promise<T>): Promise<T> => {
  const tool = new ExifTool({ maxProcs: 1, taskTimeoutMillis: 60_000 });
  try {
    return await work(tool);
  } finally {
    await tool.end();
  }
};

/** Writes metadata as photo desks' tools do, with ExifTool, e.g. `['-IPTC:Credit=TASS']`. */
export const withMetadata = async (data: Buffer, args: string[], ext = '.jpg') => {
  const file = tmpFile(data, ext);
  try {
    await withExifTool((tool) =>
      tool.write(
        file,
        {},
        {
          writeArgs: [
            '-overwrite_original',
            '-charset',
            'iptc=UTF8',
            '-codedcharacterset=utf8',
            ...args,
          ],
        }
      )
    );
    return fs.readFileSync(file);
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
};

/** Every tag ExifTool finds, by group:name. */
export const metadataOf = (file: string): Promise<Record<string, unknown>> =>
  withExifTool(
    async (tool) =>
      (await tool.readRaw(file, { readArgs: ['-G1', '-a', '-n'] })) as Record<string, unknown>
  );

/** The tags that would give away a place, a device or its owner. */
export const privateTags = (tags: Record<string, unknown>) =>
  Object.keys(tags).filter(
    (key) =>
      /GPS|Serial|OwnerName|CameraOwner|Latitude|Longitude/iu.test(key) && !/^Composite:/u.test(key)
  );

/** Every file under a folder (uploads included). */
export const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true })
        .map(String)
        .filter((f) => fs.statSync(path.join(dir, f)).isFile())
        .map((f) => path.join(dir, f))
    : [];

/** A whole-frame crop's mean brightness around a point given in fractions of width and height. */
export const brightnessAt = async (data: Buffer, fx: number, fy: number, size = 6) => {
  const { width = 0, height = 0 } = await sharp(data).metadata();
  const left = Math.max(0, Math.min(width - size, Math.round(fx * width - size / 2)));
  const top = Math.max(0, Math.min(height - size, Math.round(fy * height - size / 2)));
  // stats() reads its input, not the pipeline's result: cut the patch out first.
  const patch = await sharp(data)
    .extract({ left, top, width: size, height: size })
    .png()
    .toBuffer();
  const { channels } = await sharp(patch).stats();
  return channels.slice(0, 3).reduce((sum, c) => sum + c.mean, 0) / 3;
};

/** Tags a JPEG with an ICC profile without touching its pixels (a camera or editor writing Display P3, say). */
export const taggedWithIcc = (jpeg: Buffer, icc: Buffer) => {
  const header = Buffer.from('ICC_PROFILE\0\x01\x01', 'latin1');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(2 + header.length + icc.length);
  return Buffer.concat([
    jpeg.subarray(0, 2),
    Buffer.from([0xff, 0xe2]),
    length,
    header,
    icc,
    jpeg.subarray(2),
  ]);
};

/** The ICC profile sharp embeds under `name` (`srgb`, `p3`, `cmyk`), as a file would carry it. */
export const iccOf = async (name: string) =>
  (
    await sharp(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
        .withIccProfile(name)
        .jpeg()
        .toBuffer()
    ).metadata()
  ).icc!;

/** A photograph-like PNG: grain everywhere, which no lossless coding brings below 8 bits a pixel. */
export const grainPng = (width: number, height: number) =>
  sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 30 },
    },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();
