import sharp from 'sharp';
import { DEFAULT_CONFIG } from '../../../server/src/config';
import { splitJpeg } from '../../../server/src/images/domain/jpeg-segments';
import type { RasterFormat } from '../../../server/src/images/domain/sniff';
import { inspectImage, prepareUpload } from '../../../server/src/images/pipeline';

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
