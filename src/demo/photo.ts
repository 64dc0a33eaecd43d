import sharp from 'sharp';

/**
 * A demo picture for the seed story, drawn here (the repository ships no photographs):
 * soft colour fields with grain, so every rendition has real content to show.
 */
export const drawDemoPhoto = async (width = 2400, height = 1600) => {
  const field = await sharp({
    create: {
      width: 6,
      height: 4,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 120, sigma: 45 },
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
      noise: { type: 'gaussian', mean: 128, sigma: 18 },
    },
  })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const smooth = await sharp(field)
    .resize(width, height, { kernel: 'cubic', fit: 'fill' })
    .png({ compressionLevel: 1 })
    .toBuffer();
  return sharp(smooth)
    .composite([{ input: grain, blend: 'soft-light' }])
    .jpeg({ quality: 88 })
    .toBuffer();
};
