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

/**
 * Tags that define how colours convert, each with the data types it may hold; every other
 * tag (text, vendor, preview) is dropped. A colour tag whose type is not listed here (an
 * `mAB `/`mBA ` or `mpet` transform, which this file does not take apart) makes the whole
 * profile unreadable: dropping it would change the colours, so the pixels are converted.
 */
const COLOUR_TAGS = new Map<string, readonly string[]>([
  ...['A2B0', 'A2B1', 'A2B2', 'B2A0', 'B2A1', 'B2A2', 'gamt'].map(
    (tag) => [tag, ['mft1', 'mft2']] as const
  ),
  ...['D2B0', 'D2B1', 'D2B2', 'D2B3', 'B2D0', 'B2D1', 'B2D2', 'B2D3'].map(
    (tag) => [tag, []] as const
  ),
  ...['rXYZ', 'gXYZ', 'bXYZ', 'wtpt', 'bkpt'].map((tag) => [tag, ['XYZ ']] as const),
  ...['rTRC', 'gTRC', 'bTRC', 'kTRC'].map((tag) => [tag, ['curv', 'para']] as const),
  ['chad', ['sf32']],
  ['chrm', ['chrm']],
  ['clro', ['clro']],
  ['cicp', ['cicp']],
]);

/** At most this many tags in a profile's table (a standard profile has 10 to 30). */
const MAX_TAGS = 64;

/**
 * The largest clean profile kept: a JPEG carries it in at most 255 APP2 segments of 65,519
 * bytes each (a one-byte sequence number); a larger one is not kept and the pixels are converted.
 */
export const MAX_KEPT_PROFILE_BYTES = 255 * (0xffff - 2 - 'ICC_PROFILE\0'.length - 2);

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

/** The text of a `desc` (v2) or `mluc` (v4) tag (its first record), or null. */
const readDescription = (tag: Buffer): string | null => {
  const type = ascii(tag, 0, 4);
  if (type === 'desc' && tag.length >= 12) {
    const count = tag.readUInt32BE(8);
    if (12 + count > tag.length) return null;
    return ascii(tag, 12, 12 + count).replace(/\0.*$/su, '');
  }
  if (type === 'mluc' && tag.length >= 28) {
    if (tag.readUInt32BE(8) < 1 || tag.readUInt32BE(12) < 12) return null;
    const length = tag.readUInt32BE(20);
    const offset = tag.readUInt32BE(24);
    if (offset + length > tag.length) return null;
    // UTF-16BE: an odd last byte is half a character, left out.
    return Buffer.from(tag.subarray(offset, offset + length - (length % 2)))
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

/**
 * The tag table, or null when the header or table is malformed: the declared size within
 * the buffer, at most `MAX_TAGS` entries inside the profile, each signature once, each
 * entry's data after the table and within the declared size.
 */
const readTags = (profile: Buffer): TagEntry[] | null => {
  if (profile.length < PROFILE_HEADER_BYTES + 4) return null;
  if (ascii(profile, 36, 40) !== 'acsp') return null;
  const declared = profile.readUInt32BE(0);
  if (declared > profile.length || declared < PROFILE_HEADER_BYTES + 4) return null;
  const count = profile.readUInt32BE(PROFILE_HEADER_BYTES);
  const tableEnd = PROFILE_HEADER_BYTES + 4 + count * 12;
  if (count > MAX_TAGS || tableEnd > declared) return null;
  const tags: TagEntry[] = [];
  const signatures = new Set<string>();
  for (let i = 0; i < count; i++) {
    const at = PROFILE_HEADER_BYTES + 4 + i * 12;
    const entry = {
      signature: ascii(profile, at, at + 4),
      offset: profile.readUInt32BE(at + 4),
      size: profile.readUInt32BE(at + 8),
    };
    if (signatures.has(entry.signature)) return null;
    signatures.add(entry.signature);
    if (entry.offset < tableEnd || entry.offset + entry.size > declared || entry.size < 8)
      return null;
    tags.push(entry);
  }
  return tags;
};

/** The profile's colour space and description, or null when it is not a readable ICC profile. */
export const summariseProfile = (profile: Buffer): ProfileSummary | null => {
  try {
    const tags = readTags(profile);
    if (!tags) return null;
    const desc = tags.find((t) => t.signature === 'desc');
    return {
      space: ascii(profile, 16, 20),
      description: desc
        ? readDescription(profile.subarray(desc.offset, desc.offset + desc.size))
        : null,
    };
  } catch {
    return null;
  }
};

/** Whether a description names sRGB (IEC 61966-2-1). */
export const describesSrgb = (description: string | null | undefined) =>
  Boolean(description && /srgb|iec\s*61966-2[.-]1/iu.test(description));

/** Parameters of a `para` curve by its function type (ICC.1:2010 10.18). */
const PARA_PARAMETERS = [1, 3, 4, 5, 7];

/** `grid` to the power `inputs` times `outputs`, or Infinity past `limit` (the loop is at most 15 steps). */
const clutEntries = (grid: number, inputs: number, outputs: number, limit: number) => {
  let entries = outputs;
  for (let i = 0; i < inputs; i++) {
    entries *= grid;
    if (entries > limit) return Infinity;
  }
  return entries;
};

/**
 * The length of a tag's data as its type defines it (the bytes a colour transform reads),
 * or null when the type is not one this file checks or the data is shorter than it says.
 */
const typedLength = (data: Buffer): number | null => {
  if (data.length < 12) return null;
  const type = ascii(data, 0, 4);
  let length: number;
  switch (type) {
    case 'XYZ ':
      length = 8 + 12; // one XYZ number: every tag kept with this type holds one
      break;
    case 'sf32':
      length = 8 + 4 * 9; // the 3×3 adaptation matrix
      break;
    case 'curv':
      length = 12 + 2 * data.readUInt32BE(8);
      break;
    case 'para': {
      const parameters = PARA_PARAMETERS[data.readUInt16BE(8)];
      if (parameters === undefined || data.readUInt16BE(10) !== 0) return null;
      length = 12 + 4 * parameters;
      break;
    }
    case 'mft1':
    case 'mft2': {
      if (data.length < 52) return null;
      const [inputs, outputs, grid] = [data[8], data[9], data[10]];
      if (inputs < 1 || inputs > 15 || outputs < 1 || outputs > 15 || grid < 2) return null;
      const clut = clutEntries(grid, inputs, outputs, data.length);
      if (type === 'mft1') {
        length = 48 + 256 * inputs + clut + 256 * outputs;
      } else {
        const inEntries = data.readUInt16BE(48);
        const outEntries = data.readUInt16BE(50);
        if (inEntries < 2 || outEntries < 2) return null;
        length = 52 + 2 * (inputs * inEntries + clut + outputs * outEntries);
      }
      break;
    }
    case 'chrm':
      length = 12 + 8 * data.readUInt16BE(8);
      break;
    case 'clro':
      length = 12 + data.readUInt32BE(8);
      break;
    case 'cicp':
      length = 12;
      break;
    default:
      return null;
  }
  return length <= data.length ? length : null;
};

/**
 * A colour tag's data, checked against its signature's types and cut to the length its type
 * defines, or null when the tag is not well formed.
 */
const colourData = (profile: Buffer, tag: TagEntry): Buffer | null => {
  if (tag.offset % 4 !== 0) return null;
  const data = profile.subarray(tag.offset, tag.offset + tag.size);
  if (!COLOUR_TAGS.get(tag.signature)?.includes(ascii(data, 0, 4))) return null;
  if (data.readUInt32BE(4) !== 0) return null; // reserved
  const length = typedLength(data);
  return length === null ? null : data.subarray(0, length);
};

/**
 * The colour tags' data, one block per distinct table range (tags may share one block, as
 * three identical tone curves do), or null when a tag is malformed or two ranges overlap
 * without being the same.
 */
const colourBlocks = (profile: Buffer, tags: TagEntry[]) => {
  const kept = tags
    .filter((t) => COLOUR_TAGS.has(t.signature))
    .sort((a, b) => a.offset - b.offset || a.size - b.size);
  const blocks: Array<{ data: Buffer; signatures: string[] }> = [];
  let previous: TagEntry | undefined;
  for (const tag of kept) {
    if (previous && tag.offset === previous.offset && tag.size === previous.size) {
      blocks[blocks.length - 1].signatures.push(tag.signature);
      continue;
    }
    if (previous && tag.offset < previous.offset + previous.size) return null;
    const data = colourData(profile, tag);
    if (!data) return null;
    blocks.push({ data, signatures: [tag.signature] });
    previous = tag;
  }
  return blocks;
};

const rebuild = (profile: Buffer): Buffer | null => {
  const tags = readTags(profile);
  if (!tags) return null;
  const blocks = colourBlocks(profile, tags);
  if (!blocks?.length) return null;
  const version = profile[8];
  const original = summariseProfile(profile)?.description?.trim() ?? '';
  const name = STANDARD_NAMES.has(original.toLowerCase()) ? original : NEUTRAL_NAME;
  blocks.push({ data: descriptionTag(name, version), signatures: ['desc'] });

  // Header and table are whole words, so every block starts on a 4-byte boundary as ICC asks.
  const count = blocks.reduce((n, b) => n + b.signatures.length, 0);
  const table = Buffer.alloc(4 + count * 12);
  table.writeUInt32BE(count, 0);
  const parts: Buffer[] = [];
  let end = PROFILE_HEADER_BYTES + table.length;
  let entry = 4;
  for (const block of blocks) {
    for (const signature of block.signatures) {
      table.write(signature, entry, 'latin1');
      table.writeUInt32BE(end, entry + 4);
      table.writeUInt32BE(block.data.length, entry + 8);
      entry += 12;
    }
    const padding = (4 - (block.data.length % 4)) % 4;
    parts.push(block.data, Buffer.alloc(padding));
    end += block.data.length + padding;
  }
  if (end > profile.length || end > MAX_KEPT_PROFILE_BYTES) return null;
  const header = Buffer.from(profile.subarray(0, PROFILE_HEADER_BYTES));
  for (const [from, to] of ZEROED) header.fill(0, from, to);
  header.writeUInt32BE(end, 0);
  return Buffer.concat([header, table, ...parts]);
};

/**
 * The profile rebuilt from its colour tags only (see the top of this file), or null when it
 * cannot be read, defines no colour, has a colour tag that is not well formed, or would not
 * fit in a JPEG (the caller then converts the pixels instead). Only the bytes of checked
 * tags, cut to the length their type defines, are copied; the rest is written anew.
 */
export const cleanProfile = (profile: Buffer): Buffer | null => {
  try {
    return rebuild(profile);
  } catch {
    return null;
  }
};
