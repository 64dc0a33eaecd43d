/**
 * The only EXIF a kept original carries: its orientation (so viewers turn it upright, as
 * the camera asked) and the credit fields EXIF has (Artist, Copyright; ASCII only). Written
 * from scratch, so nothing else of the camera's EXIF — GPS, serials, owner, maker notes —
 * can come along.
 */

export interface ExifFields {
  /** 1–8; 1 (upright) is not written. */
  orientation?: number;
  artist?: string;
  copyright?: string;
}

const SHORT = 3;
const ASCII = 2;

/** The TIFF structure of an EXIF block (big-endian, IFD0 only), or null when there is nothing to write. */
export const exifTiff = (fields: ExifFields): Buffer | null => {
  const entries: Array<{ tag: number; type: number; value: Buffer | number }> = [];
  if (fields.orientation && fields.orientation >= 2 && fields.orientation <= 8)
    entries.push({ tag: 0x0112, type: SHORT, value: fields.orientation });
  if (fields.artist)
    entries.push({ tag: 0x013b, type: ASCII, value: Buffer.from(`${fields.artist}\0`, 'latin1') });
  if (fields.copyright)
    entries.push({
      tag: 0x8298,
      type: ASCII,
      value: Buffer.from(`${fields.copyright}\0`, 'latin1'),
    });
  if (!entries.length) return null;

  const ifdBytes = 2 + entries.length * 12 + 4;
  let dataAt = 8 + ifdBytes;
  const ifd = Buffer.alloc(ifdBytes);
  const data: Buffer[] = [];
  ifd.writeUInt16BE(entries.length, 0);
  entries.forEach(({ tag, type, value }, i) => {
    const at = 2 + i * 12;
    ifd.writeUInt16BE(tag, at);
    ifd.writeUInt16BE(type, at + 2);
    if (typeof value === 'number') {
      ifd.writeUInt32BE(1, at + 4);
      ifd.writeUInt16BE(value, at + 8);
    } else {
      ifd.writeUInt32BE(value.length, at + 4);
      if (value.length <= 4) value.copy(ifd, at + 8);
      else {
        ifd.writeUInt32BE(dataAt, at + 8);
        // Values start on even offsets, as TIFF asks.
        const padding = value.length % 2;
        data.push(value, Buffer.alloc(padding));
        dataAt += value.length + padding;
      }
    }
  });
  const header = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08]);
  return Buffer.concat([header, ifd, ...data]);
};
