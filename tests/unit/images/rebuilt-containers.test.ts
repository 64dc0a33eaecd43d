import sharp from 'sharp';
import { crc32 } from 'zlib';
import { DEFAULT_CONFIG } from '../../../server/src/config';
import { splitJpeg } from '../../../server/src/images/domain/jpeg-segments';
import type { RasterFormat } from '../../../server/src/images/domain/sniff';
import { inspectImage, prepareUpload } from '../../../server/src/images/pipeline';
import { nameWithExt } from '../../../server/src/images/stored-file';
import { grainPng } from '../../helpers/images';

const limits = { maxPixels: 50_000_000, maxFrames: 100 };
const prepare = async (source: Buffer, format: RasterFormat) =>
  prepareUpload(source, await inspectImage(source, format, limits), DEFAULT_CONFIG.images);
const SECRET = 'SECRET owner Jane Roe GPS 48.85N serial 1234';

const picture = (width = 256, height = 192) =>
  sharp({ create: { width, height, channels: 3, background: '#3a6' } }).composite([
    {
      input: Buffer.from(
        `<svg width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="red"/></svg>`
      ),
    },
  ]);

describe('a kept JPEG is rebuilt from what defines the image', () => {
  const seg = (marker: number, payload: Buffer) => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(payload.length + 2, 2);
    return Buffer.concat([head, payload]);
  };
  const afterApp0 = (j: Buffer, s: Buffer) => {
    const end = 4 + j.readUInt16BE(4);
    return Buffer.concat([j.subarray(0, end), s, j.subarray(end)]);
  };
  const afterSoi = (j: Buffer, s: Buffer) => Buffer.concat([j.subarray(0, 2), s, j.subarray(2)]);
  const beforeEoi = (j: Buffer, s: Buffer) =>
    Buffer.concat([j.subarray(0, j.length - 2), s, j.subarray(j.length - 2)]);
  const beforeSecondScan = (j: Buffer, s: Buffer) => {
    const sos = Buffer.from([0xff, 0xda]);
    const second = j.indexOf(sos, j.indexOf(sos) + 2);
    return Buffer.concat([j.subarray(0, second), s, j.subarray(second)]);
  };
  const exif = seg(
    0xe1,
    Buffer.concat([
      Buffer.from('Exif\0\0MM\0*\0\0\0\x08\0\0\0\0\0\0', 'latin1'),
      Buffer.from(SECRET),
    ])
  );

  test.each([
    [
      'a DNL segment in the header',
      (j: Buffer) =>
        afterApp0(j, seg(0xdc, Buffer.concat([Buffer.from([0, 0xc0]), Buffer.from(SECRET)]))),
    ],
    [
      'an Adobe segment longer than its 12 bytes',
      (j: Buffer) =>
        afterApp0(
          j,
          seg(
            0xee,
            Buffer.concat([Buffer.from('Adobe\0\x64\0\0\0\0\x01', 'latin1'), Buffer.from(SECRET)])
          )
        ),
    ],
    [
      'a JFIF segment with a thumbnail and extra bytes',
      (j: Buffer) =>
        afterSoi(
          j,
          seg(
            0xe0,
            Buffer.concat([
              Buffer.from('JFIF\0\x01\x02\0\0\x01\0\x01\x02\x02', 'latin1'),
              Buffer.alloc(12, 0x7f),
              Buffer.from(SECRET),
            ])
          )
        ),
    ],
    ['an EXIF segment just before EOI', (j: Buffer) => beforeEoi(j, exif)],
    ['a comment just before EOI', (j: Buffer) => beforeEoi(j, seg(0xfe, Buffer.from(SECRET)))],
    ['bytes after EOI', (j: Buffer) => Buffer.concat([j, Buffer.from(SECRET)])],
  ])('%s is not stored', async (_name, tamper) => {
    const source = tamper(await picture().jpeg({ quality: 80 }).toBuffer());
    const upload = await prepare(source, 'jpeg');
    expect(upload.original.rewritten).toBe('lossless');
    expect(upload.original.data.includes(SECRET)).toBe(false);
    await expect(sharp(upload.original.data).stats()).resolves.toBeTruthy();
  });

  test('an EXIF segment between the scans of a progressive JPEG is not stored', async () => {
    const clean = await picture().jpeg({ quality: 80, progressive: true }).toBuffer();
    const upload = await prepare(beforeSecondScan(clean, exif), 'jpeg');
    expect(upload.original.rewritten).toBe('lossless');
    expect(upload.original.data.includes(SECRET)).toBe(false);
    expect(splitJpeg(upload.original.data).scans.equals(splitJpeg(clean).scans)).toBe(true);
  });

  test('JFIF and Adobe are rebuilt in their exact forms, the image data byte for byte', async () => {
    const clean = await picture().jpeg({ quality: 80 }).toBuffer();
    const adobe = seg(0xee, Buffer.from('Adobe\0\x64\x80\0\0\0\x01', 'latin1'));
    const jfif = seg(0xe0, Buffer.from('JFIF\0\x01\x02\x01\0\x48\0\x48\0\0', 'latin1'));
    const upload = await prepare(afterSoi(afterSoi(clean, adobe), jfif), 'jpeg');
    const { header } = splitJpeg(upload.original.data);
    expect(header[0].bytes.toString('latin1')).toBe(
      '\xff\xe0\0\x10JFIF\0\x01\x01\x01\0\x48\0\x48\0\0'
    );
    expect(header.find((s) => s.marker === 0xee)?.bytes.toString('latin1')).toBe(
      '\xff\xee\0\x0eAdobe\0\x64\0\0\0\0\x01'
    );
    expect(splitJpeg(upload.original.data).scans.equals(splitJpeg(clean).scans)).toBe(true);
  });
});

const pngChunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const chunksOf = (png: Buffer) => {
  const out: [string, Buffer][] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    out.push([png.toString('latin1', at + 4, at + 8), png.subarray(at + 8, at + 8 + length)]);
    at += 12 + length;
  }
  return out;
};
const buildPng = (chunks: [string, Buffer][]) =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    ...chunks.map(([type, data]) => pngChunk(type, data)),
  ]);

describe('a kept PNG keeps each chunk at its exact size', () => {
  const drawing = () => picture(64, 64).removeAlpha().png().toBuffer();
  const idatOf = (png: Buffer) =>
    Buffer.concat(
      chunksOf(png)
        .filter(([t]) => t === 'IDAT')
        .map(([, d]) => d)
    );
  const ihdrOf = (png: Buffer) => chunksOf(png).find(([t]) => t === 'IHDR')!;

  test('bytes after the zlib stream in IDAT are not stored', async () => {
    const source = await drawing();
    const tampered = buildPng([
      ihdrOf(source),
      ['IDAT', Buffer.concat([idatOf(source), Buffer.from(SECRET)])],
      ['IEND', Buffer.alloc(0)],
    ]);
    const upload = await prepare(tampered, 'png');
    expect(upload.original.data.includes(SECRET)).toBe(false);
    expect(upload.original.ext).toBe('.png');
  });

  test('an oversized tRNS chunk is dropped, the image data kept', async () => {
    const source = await drawing();
    const tampered = buildPng([
      ihdrOf(source),
      ['tRNS', Buffer.concat([Buffer.from([0, 1, 0, 2, 0, 3]), Buffer.from(SECRET)])],
      ['IDAT', idatOf(source)],
      ['IEND', Buffer.alloc(0)],
    ]);
    const upload = await prepare(tampered, 'png');
    expect(upload.original.rewritten).toBe('lossless');
    expect(upload.original.data.includes(SECRET)).toBe(false);
    expect(idatOf(upload.original.data).equals(idatOf(source))).toBe(true);
  });

  test('a well-formed tRNS, pHYs and gAMA are kept', async () => {
    const source = await drawing();
    const phys = Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]);
    const tampered = buildPng([
      ihdrOf(source),
      ['gAMA', Buffer.from([0, 0, 0xb1, 0x8f])],
      ['tRNS', Buffer.from([0, 1, 0, 2, 0, 3])],
      ['pHYs', phys],
      ['IDAT', idatOf(source)],
      ['IEND', Buffer.alloc(0)],
    ]);
    const upload = await prepare(tampered, 'png');
    expect(upload.original.rewritten).toBe('lossless');
    expect(chunksOf(upload.original.data).map(([t]) => t)).toEqual(
      expect.arrayContaining(['gAMA', 'tRNS', 'pHYs'])
    );
  });

  const apng = async (frames: number, frameSize = 32, fdat = Buffer.from(SECRET)) => {
    const source = await picture(32, 32).png().toBuffer();
    const actl = Buffer.alloc(8);
    actl.writeUInt32BE(frames, 0);
    const fctl = Buffer.alloc(26);
    fctl.writeUInt32BE(1, 0);
    fctl.writeUInt32BE(frameSize, 4);
    fctl.writeUInt32BE(frameSize, 8);
    return buildPng([
      ihdrOf(source),
      ['acTL', actl],
      ['IDAT', idatOf(source)],
      ['fcTL', fctl],
      ['fdAT', Buffer.concat([Buffer.from([0, 0, 0, 2]), fdat])],
      ['IEND', Buffer.alloc(0)],
    ]);
  };

  test('an animated PNG with more frames than the limit is refused, naming the limit', async () => {
    await expect(inspectImage(await apng(100_000), 'png', limits)).rejects.toMatchObject({
      status: 413,
      message: expect.stringMatching(/100000 frames; the limit is 100/u),
    });
  });

  test('an animated PNG frame larger than the pixel limit is refused', async () => {
    await expect(inspectImage(await apng(2, 100_000), 'png', limits)).rejects.toMatchObject({
      status: 413,
      message: expect.stringMatching(/frame is 100000×100000/u),
    });
  });

  test('an animated PNG is stored as its still image, its frames never kept', async () => {
    const upload = await prepare(await apng(2), 'png');
    expect(upload.original.rewritten).toBe('re-encoded');
    expect(upload.original.data.includes(SECRET)).toBe(false);
    const types = chunksOf(upload.original.data).map(([t]) => t);
    expect(types).not.toContain('fdAT');
    expect(types).not.toContain('acTL');
  });
});

describe('a WebP is never kept byte for byte', () => {
  test.each([false, true])(
    'bytes after the bitstream in its chunk are not stored (lossless: %s)',
    async (lossless) => {
      const w = await picture(64, 64).webp({ lossless }).toBuffer();
      const size = w.readUInt32LE(16);
      const payload = Buffer.concat([w.subarray(20, 20 + size), Buffer.from(SECRET)]);
      const head = Buffer.alloc(8);
      w.copy(head, 0, 12, 16);
      head.writeUInt32LE(payload.length, 4);
      const body = Buffer.concat([
        Buffer.from('WEBP'),
        head,
        payload,
        Buffer.alloc(payload.length % 2),
      ]);
      const riff = Buffer.alloc(8);
      riff.write('RIFF');
      riff.writeUInt32LE(body.length, 4);
      const upload = await prepare(Buffer.concat([riff, body]), 'webp');
      expect(upload.original.rewritten).toBe('re-encoded');
      expect(upload.original.data.includes(SECRET)).toBe(false);
      if (lossless) {
        const [a, b] = await Promise.all(
          [w, upload.original.data].map((d) => sharp(d).raw().toBuffer())
        );
        expect(a.equals(b)).toBe(true);
      }
    }
  );
});

describe('the stored format is one the image fits and the allow-list has', () => {
  test('a photograph sent as PNG wider than WebP holds is kept as PNG, not refused', async () => {
    const upload = await prepare(await grainPng(16_400, 24), 'png');
    expect(upload.original.ext).toBe('.png');
    expect(upload.original.width).toBe(16_400);
  });

  test('a photograph sent as PNG stays PNG when the allow-list has no WebP', async () => {
    const source = await grainPng(600, 400);
    const info = await inspectImage(source, 'png', limits);
    const upload = await prepareUpload(source, info, DEFAULT_CONFIG.images, [
      'image/jpeg',
      'image/png',
    ]);
    expect(upload.original.ext).toBe('.png');
    const converted = await prepareUpload(source, info, DEFAULT_CONFIG.images);
    expect(converted.original.ext).toBe('.webp');
  });

  test('a stored name carries the stored type', () => {
    expect(nameWithExt('photo.png', '.webp')).toBe('photo.webp');
    expect(nameWithExt('photo.JPEG', '.jpg')).toBe('photo.JPEG');
    expect(nameWithExt('scan', '.jpg')).toBe('scan.jpg');
  });
});
