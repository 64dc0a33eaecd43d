import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import sharp from 'sharp';

/** A photo-like JPEG: smooth colour fields with grain, so encoders have real work. */
export const photo = async (width: number, height: number, options: { marker?: { x: number; y: number; size: number } } = {}) => {
  const field = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 90, sigma: 30 } } })
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
        data.fill(255, (row * width + col) * info.channels, (row * width + col + 1) * info.channels);
      }
    }
  }
  return sharp(data, { raw: { width, height, channels: info.channels } }).jpeg({ quality: 90 }).toBuffer();
};

const tmpFile = (data: Buffer, ext: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-img-')), `image${ext}`);
  fs.writeFileSync(file, data);
  return file;
};

/** Writes metadata with exiftool (the same tool photo desks use), e.g. `['-IPTC:Credit=TASS']`. */
export const withMetadata = (data: Buffer, args: string[], ext = '.jpg') => {
  const file = tmpFile(data, ext);
  execFileSync('exiftool', ['-q', '-overwrite_original', '-charset', 'iptc=UTF8', '-codedcharacterset=utf8', ...args, file]);
  const out = fs.readFileSync(file);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return out;
};

/** Every tag exiftool finds, by group:name. */
export const metadataOf = (file: string): Record<string, unknown> => {
  const [tags] = JSON.parse(execFileSync('exiftool', ['-j', '-G1', '-a', '-n', file]).toString('utf8'));
  return tags;
};

/** The tags that would give away a place, a device or its owner. */
export const privateTags = (tags: Record<string, unknown>) =>
  Object.keys(tags).filter((key) => /GPS|Serial|OwnerName|CameraOwner|Latitude|Longitude/iu.test(key) && !/^Composite:/u.test(key));

/** Every file under a folder (uploads included). */
export const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(dir, f)).isFile()).map((f) => path.join(dir, f)) : [];

/** A whole-frame crop's mean brightness around a point given in fractions of width and height. */
export const brightnessAt = async (data: Buffer, fx: number, fy: number, size = 6) => {
  const { width = 0, height = 0 } = await sharp(data).metadata();
  const left = Math.max(0, Math.min(width - size, Math.round(fx * width - size / 2)));
  const top = Math.max(0, Math.min(height - size, Math.round(fy * height - size / 2)));
  // stats() reads its input, not the pipeline's result: cut the patch out first.
  const patch = await sharp(data).extract({ left, top, width: size, height: size }).png().toBuffer();
  const { channels } = await sharp(patch).stats();
  return channels.slice(0, 3).reduce((sum, c) => sum + c.mean, 0) / 3;
};

/** Tags a JPEG with an ICC profile without touching its pixels (a camera or editor writing Display P3, say). */
export const taggedWithIcc = (jpeg: Buffer, icc: Buffer) => {
  const header = Buffer.from('ICC_PROFILE\0\x01\x01', 'latin1');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(2 + header.length + icc.length);
  return Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xe2]), length, header, icc, jpeg.subarray(2)]);
};
