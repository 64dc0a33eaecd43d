/**
 * Cleaning an ICC colour profile before it is kept in a public file. A profile is more than
 * colour: its header names the device maker, model and the profile's creator and date, and
 * its tags can carry free text (description, copyright, device model `dmdd`, a metadata
 * dictionary `meta`) and vendor tags (Apple's `mmod` holds a display's serial number; a
 * calibration tool writes the owner's description). The clean profile is rebuilt from the
 * tags a colour transform reads — colourants, tone curves, white and black point, chromatic
 * adaptation and the conversion tables, all numbers — with those header fields zeroed and
 * a description that is either a standard profile's name or a neutral one. The colours it
 * defines are the same, so the image looks the same.
 */

export const PROFILE_HEADER_BYTES = 128;

/** Tags that define how colours convert; every other tag (text, vendor, preview) is dropped. */
const COLOUR_TAGS = new Set([
  'A2B0',
  'A2B1',
  'A2B2',
  'B2A0',
  'B2A1',
  'B2A2',
  'D2B0',
  'D2B1',
  'D2B2',
  'D2B3',
  'B2D0',
  'B2D1',
  'B2D2',
  'B2D3',
  'rXYZ',
  'gXYZ',
  'bXYZ',
  'rTRC',
  'gTRC',
  'bTRC',
  'kTRC',
  'wtpt',
  'bkpt',
  'chad',
  'chrm',
  'gamt',
  'clro',
  'cicp',
]);

/** Header bytes zeroed: date (24–35), device maker and model (48–55), creator and profile ID (80–99), reserved (100–127). */
const ZEROED: Array<[number, number]> = [
  [24, 36],
  [48, 56],
  [80, 128],
];

/**
 * Names of profiles published by standards bodies and vendors for everyone, kept as the
 * description; any other name (a calibration tool writes the owner's or the device's) is
 * replaced.
 */
const STANDARD_NAMES = new Set(
  [
    'sRGB',
    'sRGB IEC61966-2.1',
    'sRGB IEC61966-2-1 black scaled',
    'sRGB built-in',
    'sRGB2014',
    'Display P3',
    'Adobe RGB (1998)',
    'ProPhoto RGB',
    'eciRGB v2',
    'Generic RGB Profile',
    'Generic CMYK Profile',
    'Generic Gray Profile',
    'Generic Gray Gamma 2.2 Profile',
    'Gray Gamma 1.8',
    'Gray Gamma 2.2',
    'Dot Gain 10%',
    'Dot Gain 15%',
    'Dot Gain 20%',
    'Dot Gain 25%',
    'Dot Gain 30%',
    'U.S. Web Coated (SWOP) v2',
    'U.S. Web Uncoated v2',
    'U.S. Sheetfed Coated v2',
    'U.S. Sheetfed Uncoated v2',
    'Coated GRACoL 2006 (ISO 12647-2:2004)',
    'Web Coated SWOP 2006 Grade 3 Paper',
    'Web Coated SWOP 2006 Grade 5 Paper',
    'Coated FOGRA27 (ISO 12647-2:2004)',
    'Coated FOGRA39 (ISO 12647-2:2004)',
    'Uncoated FOGRA29 (ISO 12647-2:2004)',
    'Web Coated FOGRA28 (ISO 12647-2:2004)',
    'ISO Coated v2 (ECI)',
    'ISO Coated v2 300% (ECI)',
    'PSO Coated v3',
    'PSO Uncoated v3 (FOGRA52)',
    'Euroscale Coated v2',
    'Euroscale Uncoated v2',
    'Japan Color 2001 Coated',
    'Japan Color 2001 Uncoated',
    'Japan Color 2002 Newspaper',
    'Japan Web Coated (Ad)',
  ].map((name) => name.toLowerCase())
);

const NEUTRAL_NAME = 'Embedded colour profile';

export interface ProfileSummary {
  /** Colour space signature from the header, e.g. `RGB `, `CMYK`, `GRAY`. */
  space: string;
  description: string | null;
}

const ascii = (data: Buffer, from: number, to: number) => data.toString('latin1', from, to);

/** The text of a `desc` (v2) or `mluc` (v4) tag, or null. */
const readDescription = (tag: Buffer): string | null => {
  const type = ascii(tag, 0, 4);
  if (type === 'desc' && tag.length >= 12) {
    const count = tag.readUInt32BE(8);
    if (12 + count > tag.length) return null;
    return ascii(tag, 12, 12 + count).replace(/\0.*$/su, '');
  }
  if (type === 'mluc' && tag.length >= 28) {
    const length = tag.readUInt32BE(20);
    const offset = tag.readUInt32BE(24);
    if (offset + length > tag.length) return null;
    return Buffer.from(tag.subarray(offset, offset + length))
      .swap16()
      .toString('utf16le');
  }
  return null;
};

const descriptionTag = (text: string, version: number) => {
  if (version >= 4) {
    const utf16 = Buffer.from(text, 'utf16le').swap16();
    const head = Buffer.alloc(28);
    head.write('mluc', 0, 'latin1');
    head.writeUInt32BE(1, 8); // one record
    head.writeUInt32BE(12, 12); // record size
    head.write('enUS', 16, 'latin1');
    head.writeUInt32BE(utf16.length, 20);
    head.writeUInt32BE(28, 24);
    return Buffer.concat([head, utf16]);
  }
  // textDescriptionType: ASCII, then empty Unicode and ScriptCode parts (67 bytes of Mac script).
  const text8 = Buffer.from(`${text}\0`, 'latin1');
  const head = Buffer.alloc(12);
  head.write('desc', 0, 'latin1');
  head.writeUInt32BE(text8.length, 8);
  return Buffer.concat([head, text8, Buffer.alloc(4 + 4 + 2 + 1 + 67)]);
};

interface TagEntry {
  signature: string;
  offset: number;
  size: number;
}

const readTags = (profile: Buffer): TagEntry[] | null => {
  if (profile.length < PROFILE_HEADER_BYTES + 4) return null;
  if (ascii(profile, 36, 40) !== 'acsp') return null;
  const declared = profile.readUInt32BE(0);
  if (declared > profile.length || declared < PROFILE_HEADER_BYTES + 4) return null;
  const count = profile.readUInt32BE(PROFILE_HEADER_BYTES);
  if (count > 1000 || PROFILE_HEADER_BYTES + 4 + count * 12 > declared) return null;
  const tags: TagEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = PROFILE_HEADER_BYTES + 4 + i * 12;
    const entry = {
      signature: ascii(profile, at, at + 4),
      offset: profile.readUInt32BE(at + 4),
      size: profile.readUInt32BE(at + 8),
    };
    if (entry.offset + entry.size > declared || entry.size < 8) return null;
    tags.push(entry);
  }
  return tags;
};

/** The profile's colour space and description, or null when it is not a readable ICC profile. */
export const summariseProfile = (profile: Buffer): ProfileSummary | null => {
  const tags = readTags(profile);
  if (!tags) return null;
  const desc = tags.find((t) => t.signature === 'desc');
  return {
    space: ascii(profile, 16, 20),
    description: desc
      ? readDescription(profile.subarray(desc.offset, desc.offset + desc.size))
      : null,
  };
};

/** Whether a description names sRGB (IEC 61966-2-1). */
export const describesSrgb = (description: string | null | undefined) =>
  Boolean(description && /srgb|iec\s*61966-2[.-]1/iu.test(description));

/**
 * The profile rebuilt from its colour tags only (see the top of this file), or null when it
 * cannot be read or defines no colour (the caller then converts the pixels instead).
 */
export const cleanProfile = (profile: Buffer): Buffer | null => {
  const tags = readTags(profile);
  if (!tags) return null;
  const kept = tags.filter((t) => COLOUR_TAGS.has(t.signature));
  if (!kept.length) return null;
  const version = profile[8];
  const original = summariseProfile(profile)?.description?.trim() ?? '';
  const name = STANDARD_NAMES.has(original.toLowerCase()) ? original : NEUTRAL_NAME;

  const entries: Array<{ signature: string; data: Buffer; shared?: string }> = [];
  const seen = new Map<string, string>();
  for (const tag of kept) {
    // Tags may share one data block (three identical tone curves): keep it shared.
    const where = `${tag.offset}:${tag.size}`;
    entries.push({
      signature: tag.signature,
      data: profile.subarray(tag.offset, tag.offset + tag.size),
      shared: seen.get(where),
    });
    if (!seen.has(where)) seen.set(where, tag.signature);
  }
  entries.push({ signature: 'desc', data: descriptionTag(name, version) });

  // Header and table are whole words, so every block starts on a 4-byte boundary as ICC asks.
  const tableBytes = 4 + entries.length * 12;
  const table = Buffer.alloc(tableBytes);
  table.writeUInt32BE(entries.length, 0);
  const blocks: Buffer[] = [];
  const placed = new Map<string, number>();
  let end = PROFILE_HEADER_BYTES + tableBytes;
  entries.forEach((entry, i) => {
    let at = entry.shared ? placed.get(entry.shared) : undefined;
    if (at === undefined) {
      at = end;
      const padding = (4 - (entry.data.length % 4)) % 4;
      blocks.push(entry.data, Buffer.alloc(padding));
      end += entry.data.length + padding;
    }
    placed.set(entry.signature, at);
    table.write(entry.signature, 4 + i * 12, 'latin1');
    table.writeUInt32BE(at, 8 + i * 12);
    table.writeUInt32BE(entry.data.length, 12 + i * 12);
  });
  const header = Buffer.from(profile.subarray(0, PROFILE_HEADER_BYTES));
  for (const [from, to] of ZEROED) header.fill(0, from, to);
  header.writeUInt32BE(end, 0);
  return Buffer.concat([header, table, ...blocks]);
};
