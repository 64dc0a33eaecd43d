import ExifReader from 'exifreader';
import sharp, { type Region } from 'sharp';
import { DEFAULT_CONFIG } from '../../../server/src/config';
import { creditsFromTags } from '../../../server/src/images/domain/credits';
import { exifTiff } from '../../../server/src/images/domain/exif';
import { cleanProfile, summariseProfile } from '../../../server/src/images/domain/icc-profile';
import {
  exifSegment,
  iccSegments,
  jpegIccProfile,
  rewriteJpegMetadata,
  splitJpeg,
} from '../../../server/src/images/domain/jpeg-segments';
import {
  isPhotographicPng,
  pngIccProfile,
  readPngChunks,
} from '../../../server/src/images/domain/png-chunks';
import { withoutFineRefinements } from '../../../server/src/images/domain/progressive-scans';
import type { RasterFormat } from '../../../server/src/images/domain/sniff';
import { inspectImage, prepareUpload } from '../../../server/src/images/pipeline';
import { iccOf, photo, withMetadata } from '../../helpers/images';

const limits = { maxPixels: 200_000_000, maxFrames: 300 };
const prepare = async (source: Buffer, format: RasterFormat) =>
  prepareUpload(source, await inspectImage(source, format, limits), DEFAULT_CONFIG.images);

/** A photograph as PNG: smooth colour fields and film grain, which no lossless coder squeezes. */
const photoPng = async (width: number, height: number) => {
  const grain = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 22 },
    },
  })
    .png()
    .toBuffer();
  const grained = await sharp(await photo(width, height))
    .composite([{ input: grain, blend: 'soft-light' }])
    .png()
    .toBuffer();
  return sharp(grained).removeAlpha().ensureAlpha(0.8).png().toBuffer();
};

/** Half black, half white from left to right: which side is which shows how an image is turned. */
const leftDark = async (width: number, height: number) => {
  const half = await sharp({
    create: { width: Math.round(width / 2), height, channels: 3, background: '#000' },
  })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#fff' } })
    .composite([{ input: half, left: 0, top: 0 }])
    .jpeg({ quality: 90 })
    .toBuffer();
};

const meanOf = async (image: Buffer, region: Region) => {
  const patch = await sharp(image).extract(region).png().toBuffer();
  const { channels } = await sharp(patch).stats();
  return channels.slice(0, 3).reduce((n, c) => n + c.mean, 0) / 3;
};

/** A profile with what a calibration tool or an OS adds: maker, model and creator in the header, text and vendor tags. */
const withPrivateParts = (profile: Buffer) => {
  const text = (t: string) =>
    Buffer.concat([Buffer.from('text\0\0\0\0', 'latin1'), Buffer.from(`${t}\0`)]);
  const extra: Array<[string, Buffer]> = [
    ['cprt', text('Copyright Ivan Petrov')],
    ['dmdd', text('Monitor SN-4471')],
    ['mmod', Buffer.from('mmod\0\0\0\0SERIAL-99887766', 'latin1')],
  ];
  const count = profile.readUInt32BE(128);
  const entries = Array.from({ length: count }, (_, i) =>
    profile.subarray(132 + i * 12, 144 + i * 12)
  ).filter((e) => !extra.some(([sig]) => e.toString('latin1', 0, 4) === sig));
  const tableEnd = 132 + (entries.length + extra.length) * 12;
  const shift = tableEnd - (132 + count * 12);
  const moved = entries.map((e) => {
    const copy = Buffer.from(e);
    copy.writeUInt32BE(e.readUInt32BE(4) + shift, 4);
    return copy;
  });
  const body = profile.subarray(132 + count * 12);
  let at = tableEnd + body.length;
  const added = extra.map(([sig, data]) => {
    const entry = Buffer.alloc(12);
    entry.write(sig, 0, 'latin1');
    entry.writeUInt32BE(at, 4);
    entry.writeUInt32BE(data.length, 8);
    at += data.length;
    return entry;
  });
  const out = Buffer.concat([
    profile.subarray(0, 132),
    ...moved,
    ...added,
    body,
    ...extra.map(([, data]) => data),
  ]);
  out.writeUInt32BE(out.length, 0);
  out.writeUInt32BE(entries.length + extra.length, 128);
  out.write('SN12', 52, 'latin1'); // device model
  out.write('IVAN', 80, 'latin1'); // creator
  return out;
};

const taggedWith = (jpeg: Buffer, profile: Buffer) => {
  const { header, scans } = splitJpeg(jpeg);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    ...iccSegments(profile),
    ...header.map((s) => s.bytes),
    scans,
  ]);
};

describe('cleaning an ICC profile', () => {
  test('drops the header fields and tags that can name a device or a person; colours stay the same', async () => {
    const dirty = withPrivateParts(await iccOf('p3'));
    expect(summariseProfile(dirty)).not.toBeNull();
    const clean = cleanProfile(dirty)!;
    for (const leak of ['Ivan', 'SN-4471', 'SERIAL', 'SN12', 'IVAN'])
      expect({ leak, found: clean.includes(Buffer.from(leak)) }).toEqual({ leak, found: false });
    expect(summariseProfile(clean)?.space).toBe('RGB ');

    const pixels = await sharp({
      create: { width: 64, height: 32, channels: 3, background: { r: 200, g: 100, b: 50 } },
    })
      .jpeg()
      .toBuffer();
    const asSrgb = async (profile: Buffer) =>
      sharp(taggedWith(pixels, profile)).toColourspace('srgb').raw().toBuffer();
    expect((await asSrgb(clean)).equals(await asSrgb(dirty))).toBe(true);
  });

  test('a standard profile keeps its name; anything unreadable is not kept', async () => {
    expect(summariseProfile(cleanProfile(await iccOf('srgb'))!)?.description).toBe('sRGB');
    expect(cleanProfile(Buffer.from('not a profile at all, just some words'))).toBeNull();
  });

  test('a profile larger than one JPEG segment is split and put back together', async () => {
    const cmyk = await iccOf('cmyk');
    expect(cmyk.length).toBeGreaterThan(65535);
    const jpeg = taggedWith(await leftDark(16, 16), cmyk);
    expect(jpegIccProfile(splitJpeg(jpeg).header)?.equals(cmyk)).toBe(true);
  });
});

describe('the EXIF block a kept JPEG carries', () => {
  test('holds its orientation and ASCII credits, nothing else', async () => {
    const tiff = exifTiff({ orientation: 6, artist: 'Ivan Petrov', copyright: '(c) TASS' })!;
    const jpeg = rewriteJpegMetadata(await leftDark(16, 16), [exifSegment(tiff)]);
    const tags = ExifReader.load(jpeg, { expanded: true });
    expect(Object.keys(tags.exif ?? {}).sort()).toEqual(['Artist', 'Copyright', 'Orientation']);
    expect(tags.exif?.Orientation?.value).toBe(6);
    expect(creditsFromTags(tags)).toEqual({ creator: 'Ivan Petrov', copyrightNotice: '(c) TASS' });
    expect(exifTiff({ orientation: 1 })).toBeNull();
  });
});

describe('the upload step keeps a JPEG’s compressed data where only metadata says how to show it', () => {
  test('a turned photo: same scans, orientation tag kept, GPS and serials gone, sizes upright', async () => {
    const source = await withMetadata(await leftDark(1200, 800), [
      '-Orientation=6',
      '-n',
      '-GPSLatitude=38.5598',
      '-GPSLatitudeRef=N',
      '-EXIF:SerialNumber=SN-4471',
      '-EXIF:LensSerialNumber=LSN-0092',
      '-EXIF:OwnerName=Ivan Petrov',
      '-EXIF:Artist=Ivan Petrov',
    ]);
    const upload = await prepare(source, 'jpeg');
    expect(upload.original.rewritten).toBe('lossless');
    expect([upload.original.width, upload.original.height]).toEqual([800, 1200]);
    const kept = upload.original.data;
    expect(splitJpeg(kept).scans.equals(splitJpeg(source).scans)).toBe(true);
    const tags = ExifReader.load(kept, { expanded: true });
    expect(tags.exif?.Orientation?.value).toBe(6);
    expect(tags.gps).toBeUndefined();
    for (const leak of ['SN-4471', 'LSN-0092'])
      expect(kept.includes(Buffer.from(leak))).toBe(false);
    expect(Object.keys(tags.exif ?? {}).sort()).toEqual(['Artist', 'Orientation']);

    // Turned a quarter clockwise: the dark left half of the stored pixels is now the top.
    const large = upload.formats.find((f) => f.key === 'large')!;
    expect([large.width, large.height]).toEqual([667, 1000]);
    expect((await sharp(large.data).metadata()).orientation ?? 1).toBe(1);
    expect(await meanOf(large.data, { left: 300, top: 100, width: 60, height: 60 })).toBeLessThan(
      40
    );
    expect(
      await meanOf(large.data, { left: 300, top: 850, width: 60, height: 60 })
    ).toBeGreaterThan(215);
  });

  test('a CMYK photo with a profile: CMYK kept with the profile cleaned, sizes in sRGB with the right colour', async () => {
    const source = await sharp({
      create: { width: 600, height: 400, channels: 3, background: '#c83220' },
    })
      .withIccProfile('cmyk')
      .jpeg({ quality: 95 })
      .toBuffer();
    expect((await sharp(source).metadata()).space).toBe('cmyk');
    const upload = await prepare(source, 'jpeg');
    expect(upload.original.rewritten).toBe('lossless');
    expect(splitJpeg(upload.original.data).scans.equals(splitJpeg(source).scans)).toBe(true);
    const original = await sharp(upload.original.data).metadata();
    expect(original.space).toBe('cmyk');
    expect(original.icc!.length).toBeLessThan((await sharp(source).metadata()).icc!.length);

    for (const size of upload.formats) {
      const meta = await sharp(size.data).metadata();
      expect({ key: size.key, space: meta.space, icc: Boolean(meta.icc) }).toEqual({
        key: size.key,
        space: 'srgb',
        icc: false,
      });
      const [r, g, b] = (await sharp(size.data).stats()).channels.map((c) => c.mean);
      expect(r).toBeGreaterThan(150);
      expect(g).toBeLessThan(90);
      expect(b).toBeLessThan(80);
    }
  });

  test('a CMYK JPEG with no profile has no defined colours: it is converted to sRGB', async () => {
    const source = await sharp({
      create: { width: 300, height: 200, channels: 3, background: '#c83220' },
    })
      .toColourspace('cmyk')
      .jpeg()
      .toBuffer();
    const upload = await prepare(source, 'jpeg');
    expect(upload.original.rewritten).toBe('re-encoded');
    expect((await sharp(upload.original.data).metadata()).space).toBe('srgb');
  });
});

describe('PNG', () => {
  test('a photograph sent as PNG is stored as WebP, alpha kept, in far fewer bytes', async () => {
    const source = await photoPng(1200, 900);
    expect(isPhotographicPng(readPngChunks(source), 1200 * 900)).toBe(true);
    const upload = await prepare(source, 'png');
    expect([upload.original.format, upload.original.mime, upload.original.ext]).toEqual([
      'webp',
      'image/webp',
      '.webp',
    ]);
    expect(upload.original.rewritten).toBe('re-encoded');
    const original = await sharp(upload.original.data).metadata();
    expect([original.width, original.height, original.hasAlpha]).toEqual([1200, 900, true]);
    for (const size of upload.formats) {
      expect(size.format).toBe('webp');
      expect((await sharp(size.data).metadata()).hasAlpha).toBe(true);
    }
    // The output set against the PNG itself (Strapi's is a quantised PNG plus PNG sizes).
    const bytes = [upload.original, ...upload.formats].reduce((n, f) => n + f.data.length, 0);
    expect(bytes).toBeLessThan(source.length / 4);
  });

  test('a drawing stays the PNG it was, image data byte for byte, with PNG sizes', async () => {
    const source = await sharp({
      create: {
        width: 1200,
        height: 900,
        channels: 4,
        background: { r: 0, g: 80, b: 160, alpha: 0.6 },
      },
    })
      .composite([
        {
          input: await sharp({
            create: { width: 400, height: 300, channels: 4, background: '#ffcc00' },
          })
            .png()
            .toBuffer(),
          left: 100,
          top: 100,
        },
      ])
      .png()
      .toBuffer();
    expect(isPhotographicPng(readPngChunks(source), 1200 * 900)).toBe(false);
    const upload = await prepare(source, 'png');
    expect([upload.original.format, upload.original.rewritten]).toEqual(['png', 'lossless']);
    const idat = (png: Buffer) =>
      Buffer.concat(
        readPngChunks(png)
          .filter((c) => c.type === 'IDAT')
          .map((c) => c.data)
      );
    expect(idat(upload.original.data).equals(idat(source))).toBe(true);
    expect(upload.formats.map((f) => f.format)).toEqual(upload.formats.map(() => 'png'));
  });

  test('a PNG’s profile is kept cleaned, under a neutral name', async () => {
    const source = await sharp({
      create: { width: 64, height: 48, channels: 3, background: '#336699' },
    })
      .withIccProfile('p3')
      .png()
      .toBuffer();
    const upload = await prepare(source, 'png');
    expect(upload.original.rewritten).toBe('lossless');
    const profile = pngIccProfile(readPngChunks(upload.original.data));
    expect(profile).not.toBeNull();
    expect(summariseProfile(profile!)?.space).toBe('RGB ');
    const iccp = readPngChunks(upload.original.data).find((c) => c.type === 'iCCP')!;
    expect(iccp.data.toString('latin1', 0, iccp.data.indexOf(0))).toBe('ICC profile');
  });
});

describe('a progressive JPEG', () => {
  const psnr = (a: Buffer, b: Buffer) => {
    let squares = 0;
    for (let i = 0; i < a.length; i++) squares += (a[i] - b[i]) ** 2;
    return 10 * Math.log10((255 * 255) / (squares / a.length));
  };

  test('its sizes are decoded without the fine refinements, about a level from the full decode; the original keeps every scan', async () => {
    const source = await sharp(await photoPng(2400, 1600))
      .flatten()
      .jpeg({ quality: 90, progressive: true })
      .toBuffer();
    const coarse = withoutFineRefinements(splitJpeg(source))!;
    expect(coarse.length).toBeLessThan(source.length / 2);
    const at = (jpeg: Buffer) => sharp(jpeg).resize({ width: 600 }).raw().toBuffer();
    expect(psnr(await at(source), await at(coarse))).toBeGreaterThan(45);

    const upload = await prepare(source, 'jpeg');
    expect(splitJpeg(upload.original.data).scans.equals(splitJpeg(source).scans)).toBe(true);
    const large = upload.formats.find((f) => f.key === 'large')!;
    const fromFull = await sharp(source).resize({ width: large.width }).jpeg().toBuffer();
    expect(
      psnr(await sharp(large.data).raw().toBuffer(), await sharp(fromFull).raw().toBuffer())
    ).toBeGreaterThan(35);
  });

  test('a baseline JPEG has no refinements to leave out', async () => {
    expect(withoutFineRefinements(splitJpeg(await leftDark(64, 64)))).toBeNull();
  });
});
