/** The benchmark's test images: photo-like (smooth colour fields plus grain), generated once per machine. */
import fs from 'fs';
import os from 'os';
import path from 'path';
import sharp from 'sharp';

export const INPUTS = [
  { name: '12 MP JPEG', file: '12mp.jpg' },
  { name: '24 MP JPEG', file: '24mp.jpg' },
  { name: '24 MP progressive JPEG', file: '24mp-progressive.jpg' },
  { name: 'CMYK JPEG with ICC', file: 'cmyk.jpg' },
  { name: 'orientation-6 JPEG', file: 'orientation-6.jpg' },
  { name: '4000 px RGBA PNG', file: 'rgba.png' },
  { name: '4000 px WebP', file: 'photo.webp' },
  { name: '45 MP JPEG', file: '45mp.jpg' },
] as const;

export const INPUT_DIR = path.join(os.tmpdir(), 'newsroom-bench-images-v1');

const photoPixels = async (width: number, height: number, channels: 3 | 4 = 3) => {
  const field = await sharp({
    create: {
      width: 12,
      height: 9,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 110, sigma: 50 },
    },
  })
    .png()
    .toBuffer();
  const grain = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 22 },
    },
  })
    .png({ compressionLevel: 0 })
    .toBuffer();
  let image = sharp(
    await sharp(field)
      .resize(width, height, { kernel: 'cubic', fit: 'fill' })
      .png({ compressionLevel: 0 })
      .toBuffer()
  ).composite([{ input: grain, blend: 'soft-light' }]);
  if (channels === 4)
    image = sharp(await image.png({ compressionLevel: 0 }).toBuffer()).ensureAlpha(0.85);
  return sharp(await image.png({ compressionLevel: 0 }).toBuffer());
};

export const ensureInputs = async () => {
  fs.mkdirSync(INPUT_DIR, { recursive: true });
  const make: Record<string, () => Promise<Buffer>> = {
    '12mp.jpg': async () => (await photoPixels(4000, 3000)).jpeg({ quality: 90 }).toBuffer(),
    '24mp.jpg': async () => (await photoPixels(6000, 4000)).jpeg({ quality: 90 }).toBuffer(),
    '24mp-progressive.jpg': async () =>
      (await photoPixels(6000, 4000)).jpeg({ quality: 90, progressive: true }).toBuffer(),
    'cmyk.jpg': async () =>
      (await photoPixels(4000, 3000)).withIccProfile('cmyk').jpeg({ quality: 90 }).toBuffer(),
    // Pixels stored sideways with an EXIF orientation of 6, as cameras write portrait shots.
    'orientation-6.jpg': async () =>
      (await photoPixels(4000, 3000))
        .withMetadata({ orientation: 6 })
        .jpeg({ quality: 90 })
        .toBuffer(),
    'rgba.png': async () => (await photoPixels(4000, 3000, 4)).png().toBuffer(),
    'photo.webp': async () => (await photoPixels(4000, 3000)).webp({ quality: 90 }).toBuffer(),
    '45mp.jpg': async () => (await photoPixels(8192, 5464)).jpeg({ quality: 90 }).toBuffer(),
  };
  for (const input of INPUTS) {
    const file = path.join(INPUT_DIR, input.file);
    if (!fs.existsSync(file)) fs.writeFileSync(file, await make[input.file]());
  }
};
