import ExifReader from 'exifreader';
import sharp from 'sharp';
import { creditsFromTags } from '../../../server/src/images/domain/credits';
import { creditsExif, creditsXmp } from '../../../server/src/images/domain/xmp';
import {
  decodeWidthFor,
  planRenditions,
  planStandardFormats,
} from '../../../server/src/images/domain/plan';
import { withMetadata } from '../../helpers/images';

const blank = () =>
  sharp({ create: { width: 32, height: 24, channels: 3, background: '#777' } })
    .jpeg()
    .toBuffer();
const read = (data: Buffer) => creditsFromTags(ExifReader.load(data, { expanded: true }));

describe('credits from embedded metadata', () => {
  test('IPTC-IIM alone (2:110, 2:80, 2:116, 2:115, 2:120), Cyrillic included', async () => {
    const data = await withMetadata(await blank(), [
      '-IPTC:Credit=Фото: ТАСС',
      '-IPTC:By-line=Михаил Метцель',
      '-IPTC:CopyrightNotice=© ТАСС',
      '-IPTC:Source=TASS',
      '-IPTC:Caption-Abstract=Президент России',
    ]);
    expect(read(data)).toEqual({
      creditLine: 'Фото: ТАСС',
      creator: 'Михаил Метцель',
      copyrightNotice: '© ТАСС',
      source: 'TASS',
      caption: 'Президент России',
    });
  });

  test('XMP wins over IPTC-IIM, which wins over EXIF', async () => {
    const data = await withMetadata(await blank(), [
      '-EXIF:Artist=exif artist',
      '-EXIF:Copyright=exif copyright',
      '-IPTC:By-line=iim creator',
      '-XMP-dc:Creator=xmp creator',
      '-XMP-dc:Rights=xmp rights',
      '-XMP-xmpRights:UsageTerms=Editorial use only',
    ]);
    expect(read(data)).toEqual({
      creator: 'xmp creator',
      copyrightNotice: 'xmp rights',
      usageTerms: 'Editorial use only',
    });
  });

  test('EXIF Artist and Copyright when nothing else says it', async () => {
    const data = await withMetadata(await blank(), [
      '-EXIF:Artist=A. Photographer',
      '-EXIF:Copyright=Agency 2026',
    ]);
    expect(read(data)).toEqual({ creator: 'A. Photographer', copyrightNotice: 'Agency 2026' });
  });

  test('what is written back reads the same (XMP), EXIF only for ASCII', async () => {
    const credits = {
      creditLine: 'ТАСС',
      creator: 'Ivan <Petrov> & Co',
      copyrightNotice: '© TASS',
      source: 'TASS',
      caption: 'A "caption"',
    };
    const data = await sharp(await blank())
      .withXmp(creditsXmp(credits)!)
      .jpeg()
      .toBuffer();
    expect(read(data)).toEqual(credits);
    expect(creditsExif(credits)).toEqual({ Artist: 'Ivan <Petrov> & Co' });
    expect(creditsXmp({})).toBeNull();
  });
});

describe('upload-time sizes and the decode width', () => {
  test("Strapi's sizes: only those the source exceeds, fitted inside their box", () => {
    expect(planStandardFormats(2400, 1600)).toEqual([
      { key: 'thumbnail', width: 234, height: 156 },
      { key: 'large', width: 1000, height: 667 },
      { key: 'medium', width: 750, height: 500 },
      { key: 'small', width: 500, height: 333 },
    ]);
    expect(planStandardFormats(600, 400).map((f) => f.key)).toEqual(['thumbnail', 'small']);
  });

  test('one decode at the smallest width that serves every rendition', () => {
    const plan = {
      widths: [320, 1024],
      crops: { '1x1': [1, 1] as [number, number] },
      formats: ['jpeg' as const],
    };
    // 1:1 of 6000×4000 is 4000 wide; 1024 of it needs 0.256 of the source: 1536 px.
    expect(decodeWidthFor(6000, planRenditions(6000, 4000, null, plan))).toBe(1536);
    // 800×600 with an 800 rendition of the whole frame: nothing to shrink.
    expect(
      decodeWidthFor(800, planRenditions(800, 600, null, { ...plan, widths: [320, 800] }))
    ).toBe(800);
    // Only 320 fits: the square box is 600 wide, so 320/600 of the source width.
    expect(decodeWidthFor(800, planRenditions(800, 600, null, plan))).toBe(427);
  });
});
