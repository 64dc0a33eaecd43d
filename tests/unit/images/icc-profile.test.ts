import sharp from 'sharp';
import { deflateSync } from 'zlib';
import {
  cleanProfile,
  MAX_KEPT_PROFILE_BYTES,
  summariseProfile,
} from '../../../server/src/images/domain/icc-profile';
import { iccSegments, splitJpeg } from '../../../server/src/images/domain/jpeg-segments';
import { iccOf } from '../../helpers/images';

const entryAt = (profile: Buffer, signature: string) => {
  const count = profile.readUInt32BE(128);
  for (let i = 0; i < count; i++)
    if (profile.toString('latin1', 132 + i * 12, 136 + i * 12) === signature) return 132 + i * 12;
  throw new Error(`no ${signature} tag`);
};

const pointTag = (profile: Buffer, signature: string, offset: number, size: number) => {
  const out = Buffer.from(profile);
  const at = entryAt(out, signature);
  out.writeUInt32BE(offset, at + 4);
  out.writeUInt32BE(size, at + 8);
  return out;
};

/** A profile with private header fields and a private text block appended. */
const withPrivateBlock = (profile: Buffer) => {
  const block = Buffer.from('text\0\0\0\0Owner: Jane Roe, serial SN-998877\0\0\0\0', 'latin1');
  const out = Buffer.concat([profile, block]);
  out.write('SNYD', 48, 'latin1');
  out.write('SERL', 52, 'latin1');
  out.write('JANE', 80, 'latin1');
  out.writeUInt32BE(out.length, 0);
  return { profile: out, block: { offset: profile.length, size: block.length } };
};

/** A minimal RGB profile of the given tags ([signature, offset, size]) over a body of `size` bytes. */
const syntheticProfile = (size: number, tags: Array<[string, number, number]>) => {
  const p = Buffer.alloc(size);
  p.writeUInt32BE(size, 0);
  p[8] = 2;
  p.write('mntr', 12, 'latin1');
  p.write('RGB ', 16, 'latin1');
  p.write('XYZ ', 20, 'latin1');
  p.write('acsp', 36, 'latin1');
  p.writeUInt32BE(tags.length, 128);
  tags.forEach(([signature, offset, length], i) => {
    p.write(signature, 132 + i * 12, 'latin1');
    p.writeUInt32BE(offset, 136 + i * 12);
    p.writeUInt32BE(length, 140 + i * 12);
  });
  return p;
};

/** An `mft2` (lut16) block: 3 inputs, 3 outputs, `grid` points a side, 2-entry curves. */
const lut16 = (grid: number) => {
  const length = 52 + 2 * (3 * 2 + grid ** 3 * 3 + 3 * 2);
  const data = Buffer.alloc(length);
  data.write('mft2', 0, 'latin1');
  [data[8], data[9], data[10]] = [3, 3, grid];
  for (const i of [12, 28, 44]) data.writeInt32BE(0x10000, i); // identity matrix
  data.writeUInt16BE(2, 48);
  data.writeUInt16BE(2, 50);
  return data;
};

/** The JPEG with `profile` as its only ICC profile. */
const tagged = (jpeg: Buffer, profile: Buffer) => {
  const { header, scans } = splitJpeg(jpeg);
  const others = header.filter(
    (s) => !(s.marker === 0xe2 && s.bytes.toString('latin1', 4, 15) === 'ICC_PROFILE')
  );
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    ...iccSegments(profile),
    ...others.map((s) => s.bytes),
    scans,
  ]);
};

const asSrgb = (jpeg: Buffer) => sharp(jpeg).toColourspace('srgb').raw().toBuffer();

describe('a kept ICC profile is rebuilt from well-formed colour tags only', () => {
  test('a colour tag pointing at a private text block makes the profile unreadable', async () => {
    const { profile, block } = withPrivateBlock(await iccOf('p3'));
    expect(cleanProfile(profile)).not.toBeNull();
    const dirty = pointTag(profile, 'chad', block.offset, block.size);
    const clean = cleanProfile(dirty);
    expect(clean?.includes('Jane Roe') ?? false).toBe(false);
    expect(clean).toBeNull();
  });

  test('a colour tag pointing at the header makes the profile unreadable', async () => {
    const { profile } = withPrivateBlock(await iccOf('p3'));
    const dirty = pointTag(profile, 'wtpt', 0, 128);
    const clean = cleanProfile(dirty);
    expect(clean?.includes('SERL') ?? false).toBe(false);
    expect(clean).toBeNull();
  });

  test('bytes after the length a tag type defines are not copied', async () => {
    const p3 = await iccOf('p3');
    const wtpt = p3.readUInt32BE(entryAt(p3, 'wtpt') + 4);
    const secret = Buffer.from('SN-998877\0\0\0', 'latin1');
    const grown = Buffer.concat([p3, p3.subarray(wtpt, wtpt + 20), secret]);
    grown.writeUInt32BE(grown.length, 0);
    const dirty = pointTag(grown, 'wtpt', p3.length, 20 + secret.length);
    const clean = cleanProfile(dirty)!;
    expect(clean).not.toBeNull();
    expect(clean.includes('SN-998877')).toBe(false);
  });

  test('many tags over overlapping ranges do not inflate the profile', () => {
    const size = 256 * 1024;
    const count = 200;
    const start = 132 + count * 12;
    const dirty = syntheticProfile(
      size,
      Array.from({ length: count }, (_, i): [string, number, number] => [
        'A2B0',
        start + i * 4,
        size - start - i * 4,
      ])
    );
    expect(deflateSync(dirty).length).toBeLessThan(2000);
    const clean = cleanProfile(dirty);
    expect(clean?.length ?? 0).toBeLessThanOrEqual(size);
    expect(clean).toBeNull();
  });

  test('tags whose ranges overlap, repeat a signature or are misaligned are refused', () => {
    const lut = lut16(2);
    const size = 512 + lut.length * 2;
    const valid = syntheticProfile(size, [
      ['A2B0', 512, lut.length],
      ['B2A0', 512 + lut.length, lut.length],
    ]);
    lut.copy(valid, 512);
    lut.copy(valid, 512 + lut.length);
    expect(cleanProfile(valid)).not.toBeNull();

    const tableOf = (tags: Array<[string, number, number]>) => {
      const p = Buffer.from(valid);
      p.writeUInt32BE(tags.length, 128);
      tags.forEach(([signature, offset, length], i) => {
        p.write(signature, 132 + i * 12, 'latin1');
        p.writeUInt32BE(offset, 136 + i * 12);
        p.writeUInt32BE(length, 140 + i * 12);
      });
      return p;
    };
    // Overlapping, not identical.
    expect(
      cleanProfile(
        tableOf([
          ['A2B0', 512, lut.length],
          ['B2A0', 516, lut.length],
        ])
      )
    ).toBeNull();
    // The same signature twice.
    expect(
      cleanProfile(
        tableOf([
          ['A2B0', 512, lut.length],
          ['A2B0', 512 + lut.length, lut.length],
        ])
      )
    ).toBeNull();
    // Not on a 4-byte boundary.
    expect(cleanProfile(tableOf([['A2B0', 514, lut.length]]))).toBeNull();
    // Inside the tag table.
    expect(cleanProfile(tableOf([['A2B0', 140, lut.length]]))).toBeNull();
    // More tags than any colour profile has.
    const crowded = (extra: number) => {
      const p = Buffer.alloc(1024 + lut.length);
      valid.copy(p, 0, 0, 128);
      p.writeUInt32BE(p.length, 0);
      lut.copy(p, 1024);
      p.writeUInt32BE(extra + 1, 128);
      for (let i = 0; i <= extra; i++) {
        p.write(i ? `x${String(i).padStart(3, '0')}` : 'A2B0', 132 + i * 12, 'latin1');
        p.writeUInt32BE(1024, 136 + i * 12);
        p.writeUInt32BE(i ? 8 : lut.length, 140 + i * 12);
      }
      return p;
    };
    expect(cleanProfile(crowded(63))).not.toBeNull();
    expect(cleanProfile(crowded(64))).toBeNull();
  });

  test('identical tags share one block and the clean profile is never larger', async () => {
    const p3 = await iccOf('p3');
    const clean = cleanProfile(p3)!;
    expect(clean.length).toBeLessThanOrEqual(p3.length);
    const offsets = ['rTRC', 'gTRC', 'bTRC'].map((t) => clean.readUInt32BE(entryAt(clean, t) + 4));
    expect(new Set(offsets).size).toBe(1);
  });

  test('a wrong type, non-zero reserved bytes or an unchecked transform make the profile unreadable', async () => {
    const p3 = await iccOf('p3');
    const at = (sig: string) => p3.readUInt32BE(entryAt(p3, sig) + 4);
    const wrongType = Buffer.from(p3);
    wrongType.write('text', at('rXYZ'), 'latin1');
    expect(cleanProfile(wrongType)).toBeNull();
    const reserved = Buffer.from(p3);
    reserved.write('JANE', at('rTRC') + 4, 'latin1');
    expect(cleanProfile(reserved)).toBeNull();

    const mAB = Buffer.alloc(64);
    mAB.write('mAB ', 0, 'latin1');
    const size = 256 + mAB.length;
    const v4 = syntheticProfile(size, [['A2B0', 256, mAB.length]]);
    mAB.copy(v4, 256);
    expect(cleanProfile(v4)).toBeNull();
  });

  test('a profile too large for 255 JPEG segments is not kept', () => {
    const build = (grid: number) => {
      const lut = lut16(grid);
      const p = syntheticProfile(512 + lut.length, [['A2B0', 512, lut.length]]);
      lut.copy(p, 512);
      return p;
    };
    expect(cleanProfile(build(17))).not.toBeNull();
    const large = build(141);
    expect(large.length).toBeGreaterThan(MAX_KEPT_PROFILE_BYTES);
    expect(cleanProfile(large)).toBeNull();
  });

  test('a description of odd length is read, not thrown on', async () => {
    const p3 = Buffer.from(await iccOf('p3'));
    const desc = p3.readUInt32BE(entryAt(p3, 'desc') + 4);
    expect(p3.toString('latin1', desc, desc + 4)).toBe('mluc');
    p3.writeUInt32BE(p3.readUInt32BE(desc + 20) - 1, desc + 20);
    expect(() => summariseProfile(p3)).not.toThrow();
    expect(summariseProfile(p3)?.space).toBe('RGB ');
    expect(cleanProfile(p3)).not.toBeNull();
  });

  test('standard profiles clean to the same colours', async () => {
    const rgb = await sharp({
      create: { width: 48, height: 16, channels: 3, background: { r: 200, g: 100, b: 50 } },
    })
      .jpeg()
      .toBuffer();
    for (const name of ['p3', 'srgb']) {
      const profile = await iccOf(name);
      const clean = cleanProfile(profile)!;
      expect(clean).not.toBeNull();
      expect((await asSrgb(tagged(rgb, clean))).equals(await asSrgb(tagged(rgb, profile)))).toBe(
        true
      );
    }
    const cmyk = await sharp(rgb).withIccProfile('cmyk').jpeg().toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const profile = (await sharp(cmyk).metadata()).icc!;
    const clean = cleanProfile(profile)!;
    expect(clean).not.toBeNull();
    expect(summariseProfile(clean)?.space).toBe('CMYK');
    expect(clean.length).toBeLessThan(profile.length);
    expect((await asSrgb(tagged(cmyk, clean))).equals(await asSrgb(tagged(cmyk, profile)))).toBe(
      true
    );
  });
});
