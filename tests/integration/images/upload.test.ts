import fs from 'fs';
import path from 'path';
import sharp from 'sharp';
import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import {
  brightnessAt,
  filesUnder,
  grainPng,
  metadataOf,
  photo,
  privateTags,
  taggedWithIcc,
  withMetadata,
} from '../../helpers/images';
import { splitJpeg } from '../../../server/src/images/domain/jpeg-segments';
import { fileRow, renditionsSettled } from '../../helpers/renditions';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { uploadAsAdmin, uploadWithToken } from '../../helpers/uploads';

let newsroom: Newsroom;
let admin: AdminSession;

const CREDITS = [
  '-IPTC:Credit=ТАСС / Reuters',
  '-IPTC:By-line=Ivan Petrov',
  '-IPTC:CopyrightNotice=(c) 2026 TASS',
  '-IPTC:Source=TASS',
  '-IPTC:Caption-Abstract=Putin and Aliyev in Dushanbe',
  '-XMP-photoshop:Credit=ТАСС / Reuters',
  '-EXIF:Artist=Ivan Petrov',
  '-GPSLatitude=38.5598',
  '-GPSLatitudeRef=N',
  '-GPSLongitude=68.787',
  '-GPSLongitudeRef=E',
  '-EXIF:SerialNumber=SN-4471',
  '-EXIF:LensSerialNumber=LSN-0092',
  '-EXIF:OwnerName=Ivan Petrov',
];

const stored = (url: string) => path.join(newsroom.publicDir, url);

beforeAll(async () => {
  newsroom = await startNewsroom();
  admin = await createAdminSession(newsroom);
});
afterAll(async () => {
  await renditionsSettled(newsroom);
  await newsroom?.stop();
});

describe('an upload through the Media Library', () => {
  let file: {
    id: number;
    url: string;
    width: number;
    height: number;
    mime: string;
    ext: string;
    formats: Record<string, { url: string; width: number; height: number; mime: string }>;
    newsroom: { credits: Record<string, string>; placeholder: string };
  };

  let uploaded: Buffer;

  beforeAll(async () => {
    uploaded = await withMetadata(await photo(2400, 1600), [...CREDITS, '-Orientation=6', '-n']);
    const res = await uploadAsAdmin(newsroom, admin.auth, uploaded, 'dushanbe.jpg');
    expect(res.status).toBe(201);
    file = res.body[0];
  });

  test('keeps the turned original’s compressed data with its orientation tag; sizes, credits and a placeholder come upright', async () => {
    expect(file.mime).toBe('image/jpeg');
    expect([file.width, file.height]).toEqual([1600, 2400]);
    expect(Object.keys(file.formats).sort()).toEqual(['large', 'medium', 'small', 'thumbnail']);
    expect([file.formats.large.width, file.formats.large.height]).toEqual([667, 1000]);
    expect(file.newsroom.credits).toEqual({
      creditLine: 'ТАСС / Reuters',
      creator: 'Ivan Petrov',
      copyrightNotice: '(c) 2026 TASS',
      source: 'TASS',
      caption: 'Putin and Aliyev in Dushanbe',
    });
    expect(file.newsroom.placeholder).toMatch(/^data:image\/jpeg;base64,/u);
    const kept = fs.readFileSync(stored(file.url));
    expect(splitJpeg(kept).scans.equals(splitJpeg(uploaded).scans)).toBe(true);
    const original = await sharp(kept).metadata();
    expect([original.width, original.height, original.orientation]).toEqual([2400, 1600, 6]);
    expect(original.autoOrient).toEqual({ width: 1600, height: 2400 });
    const large = await sharp(fs.readFileSync(stored(file.formats.large.url))).metadata();
    expect([large.width, large.height, large.orientation ?? 1]).toEqual([667, 1000, 1]);
  });

  test('renders the newsroom plan in the background: widths, crops and formats, recorded in formats', async () => {
    await renditionsSettled(newsroom);
    const row = await fileRow(newsroom, file.id);
    const keys = Object.keys(row.formats);
    // 1600×2400 source: original frame up to 1600 wide; 16:9 box is 1600×900, 4:3 is 1600×1200, 1:1 is 1600×1600.
    for (const crop of ['original', '16x9', '4x3', '1x1']) {
      for (const width of [320, 640, 1024, 1600]) {
        for (const format of ['avif', 'webp', 'jpeg'])
          expect(keys).toContain(`${crop}_${width}_${format}`);
      }
      expect(keys).not.toContain(`${crop}_2048_jpeg`); // never upscaled
    }
    const ratios: Record<string, number> = {
      original: 1600 / 2400,
      '16x9': 16 / 9,
      '4x3': 4 / 3,
      '1x1': 1,
    };
    for (const [key, format] of Object.entries(
      row.formats as Record<string, { url: string; width: number; height: number; mime: string }>
    )) {
      const meta = await sharp(fs.readFileSync(stored(format.url))).metadata();
      expect([meta.width, meta.height]).toEqual([format.width, format.height]);
      const match = /^(.+)_(\d+)_(avif|webp|jpeg)$/u.exec(key);
      if (!match) continue;
      expect(meta.format).toBe(match[3] === 'avif' ? 'heif' : match[3]);
      expect(format.mime).toBe(`image/${match[3]}`);
      expect(meta.width).toBe(Number(match[2]));
      expect(Math.abs(meta.width! / meta.height! - ratios[match[1]])).toBeLessThan(0.01);
    }
  });

  test('no stored file carries GPS, serial numbers or the owner; public files keep credit and copyright', async () => {
    await renditionsSettled(newsroom);
    const all = filesUnder(path.join(newsroom.publicDir, 'uploads'));
    expect(all.length).toBeGreaterThan(40);
    for (const f of all)
      expect({ file: f, leaks: privateTags(await metadataOf(f)) }).toEqual({ file: f, leaks: [] });
    const original = await metadataOf(stored(file.url));
    expect(original['XMP-photoshop:Credit']).toBe('ТАСС / Reuters');
    expect(original['XMP-dc:Rights']).toBe('(c) 2026 TASS');
    expect(original['IFD0:Artist']).toBe('Ivan Petrov');
    const row = await fileRow(newsroom, file.id);
    const webp = await metadataOf(stored(row.formats['16x9_640_webp'].url));
    expect(webp['XMP-photoshop:Credit']).toBe('ТАСС / Reuters');
  });

  test('moving the focal point cuts the crops again around it', async () => {
    // A bright marker near the right edge: outside a centred square crop, inside one cut around it.
    const source = await photo(1200, 800, { marker: { x: 1080, y: 400, size: 60 } });
    const up = await uploadAsAdmin(newsroom, admin.auth, source, 'marker.jpg');
    expect(up.status).toBe(201);
    await renditionsSettled(newsroom);
    const before = await fileRow(newsroom, up.body[0].id);
    const centred = fs.readFileSync(stored(before.formats['1x1_640_jpeg'].url));
    expect(await brightnessAt(centred, 0.99, 0.5)).toBeLessThan(150);

    const res = await newsroom
      .http()
      .post(`/upload?id=${up.body[0].id}`)
      .set(admin.auth)
      .field('fileInfo', JSON.stringify({ focalPoint: { x: 90, y: 50 } }));
    expect(res.status).toBe(200);
    await renditionsSettled(newsroom);
    const after = await fileRow(newsroom, up.body[0].id);
    expect(after.newsroom.renditions.focalPoint).toEqual({ x: 90, y: 50 });
    // The 800×800 box around x = 1080 is held inside the frame (left 400): the marker sits at 85 %.
    const cut = fs.readFileSync(stored(after.formats['1x1_640_jpeg'].url));
    expect(await brightnessAt(cut, 0.85, 0.5)).toBeGreaterThan(200);
    // The whole-frame renditions were kept; the old crop files are gone from storage.
    expect(after.formats.original_640_jpeg.url).toBe(before.formats.original_640_jpeg.url);
    expect(fs.existsSync(stored(before.formats['1x1_640_jpeg'].url))).toBe(false);
  });
});

describe('replacing a file', () => {
  test('renders the plan again for the new image, under the same file record', async () => {
    const first = await uploadAsAdmin(newsroom, admin.auth, await photo(1000, 800), 'before.jpg');
    await renditionsSettled(newsroom);
    const res = await newsroom
      .http()
      .post(`/upload?id=${first.body[0].id}`)
      .set(admin.auth)
      .attach(
        'files',
        await withMetadata(await photo(1600, 900), ['-IPTC:Credit=Replaced credit']),
        'after.jpg'
      );
    expect(res.status).toBe(200);
    await renditionsSettled(newsroom);
    const row = await fileRow(newsroom, first.body[0].id);
    expect([row.width, row.height]).toEqual([1600, 900]);
    expect(row.newsroom.credits.creditLine).toBe('Replaced credit');
    expect(Object.keys(row.formats)).toEqual(
      expect.arrayContaining(['original_1600_avif', '16x9_1600_jpeg', 'thumbnail'])
    );
    const meta = await sharp(
      fs.readFileSync(stored(row.formats.original_1600_jpeg.url))
    ).metadata();
    expect([meta.width, meta.height]).toEqual([1600, 900]);
  });
});

describe('a photograph sent as PNG', () => {
  test('is stored as WebP and named as what it is, its sizes too', async () => {
    const res = await uploadAsAdmin(newsroom, admin.auth, await grainPng(1200, 900), 'photo.png');
    expect(res.status).toBe(201);
    const row = await fileRow(newsroom, res.body[0].id);
    expect([row.name, row.ext, row.mime]).toEqual(['photo.webp', '.webp', 'image/webp']);
    for (const size of ['thumbnail', 'small', 'medium']) {
      const format = row.formats[size];
      expect(format.name).toBe(`${size}_photo${format.ext}`);
    }
  });

  test('replacing a PNG keeps the stored file a PNG under its URL', async () => {
    const drawing = await sharp({
      create: { width: 800, height: 600, channels: 3, background: '#2050a0' },
    })
      .png()
      .toBuffer();
    const first = await uploadAsAdmin(newsroom, admin.auth, drawing, 'chart.png');
    expect(first.body[0].ext).toBe('.png');
    const res = await newsroom
      .http()
      .post(`/upload?id=${first.body[0].id}`)
      .set(admin.auth)
      .attach('files', await grainPng(1000, 700), 'photo.png');
    expect(res.status).toBe(200);
    await renditionsSettled(newsroom);
    const row = await fileRow(newsroom, first.body[0].id);
    expect([row.ext, row.mime, row.url]).toEqual(['.png', 'image/png', first.body[0].url]);
    expect((await sharp(fs.readFileSync(stored(row.url))).metadata()).format).toBe('png');
    expect([row.width, row.height]).toEqual([1000, 700]);
  });
});

describe('uploads through the content API', () => {
  let token: string;
  beforeAll(async () => {
    token = await createApiToken(newsroom, admin);
  });

  test('a transparent PNG keeps its alpha in WebP/AVIF; the JPEG fallback is flattened', async () => {
    const png = await sharp({
      create: {
        width: 900,
        height: 600,
        channels: 4,
        background: { r: 200, g: 30, b: 30, alpha: 0.5 },
      },
    })
      .png()
      .toBuffer();
    const res = await uploadWithToken(newsroom, token, png, 'overlay.png');
    expect(res.status).toBe(201);
    await renditionsSettled(newsroom);
    const row = await fileRow(newsroom, res.body[0].id);
    expect(row.mime).toBe('image/png');
    expect(
      (await sharp(fs.readFileSync(stored(row.formats.original_640_webp.url))).metadata()).hasAlpha
    ).toBe(true);
    expect(
      (await sharp(fs.readFileSync(stored(row.formats.original_640_jpeg.url))).metadata()).hasAlpha
    ).toBe(false);
  });

  test('CMYK JPEG comes out as sRGB with the right colour', async () => {
    const cmyk = await sharp({
      create: { width: 400, height: 300, channels: 3, background: '#c83220' },
    })
      .toColourspace('cmyk')
      .jpeg({ quality: 95 })
      .toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const res = await uploadWithToken(newsroom, token, cmyk, 'cmyk.jpg');
    expect(res.status).toBe(201);
    const out = await sharp(fs.readFileSync(stored(res.body[0].url))).metadata();
    expect(out.space).toBe('srgb');
    const { channels } = await sharp(fs.readFileSync(stored(res.body[0].url))).stats();
    const [r, g, b] = channels.map((c) => c.mean);
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(90);
    expect(b).toBeLessThan(80);
  });

  test('a wide-gamut (Display P3) photo is converted to sRGB, not reinterpreted', async () => {
    const { icc } = await sharp(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
        .withIccProfile('p3')
        .jpeg()
        .toBuffer()
    ).metadata();
    const plain = await sharp({
      create: { width: 300, height: 200, channels: 3, background: { r: 200, g: 100, b: 50 } },
    })
      .jpeg({ quality: 98 })
      .toBuffer();
    const p3 = taggedWithIcc(plain, icc!);
    const expected = (await sharp(p3).toColourspace('srgb').raw().toBuffer()).subarray(0, 3);
    const res = await uploadWithToken(newsroom, token, p3, 'p3.jpg');
    expect(res.status).toBe(201);
    // The original keeps its pixels and its (cleaned) profile: viewers convert it as before.
    const kept = fs.readFileSync(stored(res.body[0].url));
    expect(splitJpeg(kept).scans.equals(splitJpeg(p3).scans)).toBe(true);
    const shown = (await sharp(kept).toColourspace('srgb').raw().toBuffer()).subarray(0, 3);
    expect([...shown]).toEqual([...expected]);
    // Strapi's sizes are converted to sRGB.
    const thumbnail = fs.readFileSync(stored(res.body[0].formats.thumbnail.url));
    expect((await sharp(thumbnail).metadata()).icc).toBeUndefined();
    const stats = await sharp(thumbnail).stats();
    const got = stats.channels.slice(0, 3).map((c) => c.mean);
    got.forEach((value, i) => expect(Math.abs(value - expected[i])).toBeLessThan(6));
    expect(Math.abs(got[0] - 200) + Math.abs(got[1] - 100) + Math.abs(got[2] - 50)).toBeGreaterThan(
      15
    );
  });

  test('a CMYK JPEG with a profile keeps its data; its sizes and renditions are sRGB with the right colour', async () => {
    const cmyk = await sharp({
      create: { width: 700, height: 500, channels: 3, background: '#c83220' },
    })
      .withIccProfile('cmyk')
      .jpeg({ quality: 95 })
      .toBuffer();
    const res = await uploadWithToken(newsroom, token, cmyk, 'cmyk-profile.jpg');
    expect(res.status).toBe(201);
    const kept = fs.readFileSync(stored(res.body[0].url));
    expect((await sharp(kept).metadata()).space).toBe('cmyk');
    expect(splitJpeg(kept).scans.equals(splitJpeg(cmyk).scans)).toBe(true);
    await renditionsSettled(newsroom);
    const row = await fileRow(newsroom, res.body[0].id);
    const outputs = Object.entries(row.formats as Record<string, { url: string }>);
    expect(outputs.length).toBeGreaterThan(10);
    for (const [key, format] of outputs) {
      const data = fs.readFileSync(stored(format.url));
      expect({ key, space: (await sharp(data).metadata()).space }).toEqual({ key, space: 'srgb' });
      const [r, g, b] = (await sharp(data).stats()).channels.map((c) => c.mean);
      expect({ key, red: r > 150 && g < 90 && b < 80 }).toEqual({ key, red: true });
    }
  });
});
