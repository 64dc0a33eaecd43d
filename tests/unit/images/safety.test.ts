import sharp from 'sharp';
import { claimsToBeImage, sniff } from '../../../server/src/images/domain/sniff';
import {
  JpegStructureError,
  rewriteJpegMetadata,
  splitJpeg,
} from '../../../server/src/images/domain/jpeg-segments';
import { inspectImage } from '../../../server/src/images/pipeline';
import { DEFAULT_CONFIG } from '../../../server/src/config';
import ExifReader from 'exifreader';
import { creditsFromTags } from '../../../server/src/images/domain/credits';
import {
  PngStructureError,
  readPngChunks,
  rewritePngMetadata,
} from '../../../server/src/images/domain/png-chunks';
import { readWebpChunks, rewriteWebpMetadata } from '../../../server/src/images/domain/webp-chunks';
import { creditsXmp } from '../../../server/src/images/domain/xmp';
import { withMetadata } from '../../helpers/images';

const jpeg = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#884422' } })
    .jpeg()
    .toBuffer();

describe('sniff: the type comes from the bytes', () => {
  test.each([
    ['jpeg', () => jpeg()],
    [
      'png',
      () =>
        sharp({ create: { width: 4, height: 4, channels: 4, background: '#000' } })
          .png()
          .toBuffer(),
    ],
    [
      'webp',
      () =>
        sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
          .webp()
          .toBuffer(),
    ],
    [
      'gif',
      () =>
        sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
          .gif()
          .toBuffer(),
    ],
    [
      'avif',
      () =>
        sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
          .avif()
          .toBuffer(),
    ],
    [
      'tiff',
      () =>
        sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
          .tiff()
          .toBuffer(),
    ],
  ])('%s', async (format, make) => {
    expect(sniff(await make())).toMatchObject({ kind: 'raster', format });
  });

  test.each([
    ['<svg xmlns="http://www.w3.org/2000/svg"/>', 'SVG'],
    ['\uFEFF  <?xml version="1.0"?><svg><script/></svg>', 'SVG'],
    ['<!DOCTYPE html><p>hi', 'HTML'],
    ['<html><script>x</script>', 'HTML'],
    ['<?xml version="1.0"?><rss/>', 'XML'],
  ])('markup %#', (text, what) => {
    expect(sniff(Buffer.from(text))).toEqual({ kind: 'markup', what });
  });

  test('anything else is not an image, whatever it is called', () => {
    expect(sniff(Buffer.from('%PDF-1.7'))).toEqual({
      kind: 'file',
      mime: 'application/pdf',
      ext: '.pdf',
      name: 'PDF',
    });
    expect(sniff(Buffer.from('Quarterly notes, nothing more'))).toEqual({ kind: 'other' });
    expect(sniff(Buffer.from('alert(document.cookie)'))).toEqual({ kind: 'other' });
    expect(claimsToBeImage('photo.JPG', 'application/octet-stream')).toBe(true);
    expect(claimsToBeImage('notes.txt', 'image/png')).toBe(true);
    expect(claimsToBeImage('notes.txt', 'text/plain')).toBe(false);
  });
});

describe('markup is named wherever it begins near the start', () => {
  test.each([
    ['leading text, then a page', 'Read me first\n\n<html><body><script>alert(1)</script>', 'HTML'],
    ['a script after a line of prose', 'hello world <script>fetch("/admin")</script>', 'HTML'],
    ['an image tag with a handler', 'x <img src=x onerror=alert(1)>', 'HTML'],
    [
      'SVG after a comment-like line',
      '-- drawing --\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      'SVG',
    ],
    ['an XML declaration', '<?xml version="1.0"?><note/>', 'XML'],
  ])('%s', (_name, text, what) => {
    expect(sniff(Buffer.from(text))).toEqual({ kind: 'markup', what });
  });
});

describe('lossless JPEG metadata rewrite', () => {
  test('drops EXIF, GPS, IPTC, XMP, comments and trailing bytes; keeps the compressed image byte for byte', async () => {
    const source = await withMetadata(await jpeg(), [
      '-GPSLatitude=55.7',
      '-GPSLatitudeRef=N',
      '-IPTC:Credit=TASS',
      '-XMP-dc:Creator=X',
      '-Comment=hello',
    ]);
    const polyglot = Buffer.concat([source, Buffer.from('<html><script>1</script>')]);
    const clean = rewriteJpegMetadata(polyglot);
    const markers = splitJpeg(clean).header.map((s) => s.marker);
    expect(markers.filter((m) => m === 0xe1 || m === 0xed || m === 0xfe)).toEqual([]);
    expect(splitJpeg(clean).scans.equals(splitJpeg(source).scans)).toBe(true);
    expect(clean.includes(Buffer.from('<html'))).toBe(false);
    expect((await sharp(clean).raw().toBuffer()).equals(await sharp(source).raw().toBuffer())).toBe(
      true
    );
  });

  test('inserted segments go in after JFIF', async () => {
    const segment = Buffer.concat([Buffer.from([0xff, 0xe1, 0x00, 0x08]), Buffer.from('abcdef')]);
    const jfif = Buffer.from([
      0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00,
      0x01, 0x00, 0x00,
    ]);
    const source = await jpeg();
    const withJfif = Buffer.concat([source.subarray(0, 2), jfif, source.subarray(2)]);
    const header = splitJpeg(rewriteJpegMetadata(withJfif, [segment])).header;
    expect(header[0].bytes.equals(jfif)).toBe(true);
    expect(header[1].bytes.equals(segment)).toBe(true);
  });

  test('a JPEG without an end-of-image marker is refused as truncated', async () => {
    const whole = await jpeg();
    expect(() => rewriteJpegMetadata(whole.subarray(0, whole.length - 40))).toThrow(
      JpegStructureError
    );
    expect(() => rewriteJpegMetadata(Buffer.from('not a jpeg'))).toThrow(/not a JPEG/u);
  });
});

describe('the pixel limit', () => {
  test('the default lets a 61 MP camera file through and stops a larger one from its header alone', async () => {
    const limits = {
      maxPixels: DEFAULT_CONFIG.images.maxPixels,
      maxFrames: DEFAULT_CONFIG.images.maxFrames,
    };
    const camera = await sharp({
      create: { width: 9504, height: 6336, channels: 3, background: '#555' },
    })
      .jpeg()
      .toBuffer();
    await expect(inspectImage(camera, 'jpeg', limits)).resolves.toMatchObject({
      width: 9504,
      height: 6336,
    });
    // 12 000 × 9 000 = 108 MP: refused before any decoding.
    const huge = await sharp({
      create: { width: 12000, height: 9000, channels: 3, background: '#555' },
    })
      .jpeg()
      .toBuffer();
    await expect(inspectImage(huge, 'jpeg', limits)).rejects.toMatchObject({ status: 413 });
  });
});

describe('lossless WebP metadata rewrite', () => {
  test('drops EXIF (GPS) and XMP, keeps the image data, adds clean credits', async () => {
    const source = await withMetadata(
      await sharp({ create: { width: 64, height: 48, channels: 3, background: '#446688' } })
        .webp({ quality: 80 })
        .toBuffer(),
      [
        '-GPSLatitude=55.7',
        '-GPSLatitudeRef=N',
        '-XMP-dc:Creator=Someone',
        '-EXIF:SerialNumber=SN1',
      ],
      '.webp'
    );
    expect(readWebpChunks(source).map((c) => c.fourcc)).toEqual(
      expect.arrayContaining(['EXIF', 'XMP '])
    );
    const clean = rewriteWebpMetadata(Buffer.concat([source, Buffer.from('<html>')]), {
      xmp: creditsXmp({ creditLine: 'TASS' }),
      canvas: { width: 64, height: 48, hasAlpha: false },
    });
    const fourccs = readWebpChunks(clean).map((c) => c.fourcc);
    expect(fourccs).not.toContain('EXIF');
    expect(fourccs.filter((f) => f === 'XMP ')).toHaveLength(1);
    expect(clean.includes(Buffer.from('<html'))).toBe(false);
    expect(clean.includes(Buffer.from('Someone'))).toBe(false);
    expect((await sharp(clean).raw().toBuffer()).equals(await sharp(source).raw().toBuffer())).toBe(
      true
    );
    expect(creditsFromTags(ExifReader.load(clean, { expanded: true }))).toEqual({
      creditLine: 'TASS',
    });
  });

  test('a simple WebP gets an extended header to carry the credits', async () => {
    const simple = await sharp({
      create: { width: 30, height: 20, channels: 4, background: { r: 1, g: 2, b: 3, alpha: 0.5 } },
    })
      .webp()
      .toBuffer();
    const clean = rewriteWebpMetadata(simple, {
      xmp: creditsXmp({ creator: 'A' }),
      canvas: { width: 30, height: 20, hasAlpha: true },
    });
    const meta = await sharp(clean).metadata();
    expect([meta.width, meta.height, meta.hasAlpha]).toEqual([30, 20, true]);
    expect(creditsFromTags(ExifReader.load(clean, { expanded: true }))).toEqual({ creator: 'A' });
  });
});

describe('lossless PNG metadata rewrite', () => {
  test('drops EXIF (GPS), text and XMP chunks and anything after IEND; keeps the pixels; adds clean credits', async () => {
    const source = await withMetadata(
      await sharp({
        create: {
          width: 40,
          height: 30,
          channels: 4,
          background: { r: 10, g: 200, b: 90, alpha: 0.7 },
        },
      })
        .png()
        .toBuffer(),
      [
        '-GPSLatitude=55.7',
        '-GPSLatitudeRef=N',
        '-XMP-dc:Creator=Someone',
        '-PNG:Comment=secret',
        '-EXIF:OwnerName=Owner',
      ],
      '.png'
    );
    expect(readPngChunks(source).map((c) => c.type)).toEqual(
      expect.arrayContaining(['eXIf', 'iTXt'])
    );
    const clean = rewritePngMetadata(Buffer.concat([source, Buffer.from('<html>')]), {
      xmp: creditsXmp({ creditLine: 'TASS' }),
    });
    const types = readPngChunks(clean).map((c) => c.type);
    expect(types.filter((t) => ['eXIf', 'tEXt', 'zTXt', 'tIME'].includes(t))).toEqual([]);
    expect(types).toEqual(expect.arrayContaining(['IHDR', 'IDAT', 'IEND']));
    expect(types.filter((t) => t === 'iTXt')).toHaveLength(1);
    for (const leak of ['<html', 'Someone', 'secret', 'Owner'])
      expect(clean.includes(Buffer.from(leak))).toBe(false);
    expect((await sharp(clean).raw().toBuffer()).equals(await sharp(source).raw().toBuffer())).toBe(
      true
    );
    expect(creditsFromTags(ExifReader.load(clean, { expanded: true }))).toEqual({
      creditLine: 'TASS',
    });
  });

  test('a PNG cut short is refused as truncated', async () => {
    const whole = await sharp({
      create: { width: 40, height: 30, channels: 3, background: '#123456' },
    })
      .png()
      .toBuffer();
    expect(() => rewritePngMetadata(whole.subarray(0, whole.length - 20))).toThrow(
      PngStructureError
    );
  });
});
