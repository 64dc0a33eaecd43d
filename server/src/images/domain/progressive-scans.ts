/**
 * A progressive JPEG sends its image in scans: coarse values first, then bands of detail,
 * then refinement scans that add the last bits of each detail coefficient. Decoding those
 * refinements is most of the decoder's work (four fifths of a 24 MP file's bytes here) and,
 * in an image shrunk 4× or more, they move pixels by under one level in 255 on average
 * (49–51 dB PSNR, at most 5 levels, in the files measured at quality 60–90). So the coarse
 * scans and the subsampled colour components' scans are kept, and the refinements of
 * full-resolution components' detail are left out. Used only to decode Strapi's small
 * sizes; the stored original keeps every scan.
 */
import type { JpegSegment } from './jpeg-segments';

const SOF2 = 0xc2;
const SOS = 0xda;
const EOI = 0xd9;

const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7;

interface Piece {
  bytes: Buffer;
  /** For a scan: it refines detail (AC) coefficients of full-resolution components only. */
  fineRefinement?: boolean;
}

/** Component ids sampled at the frame's full resolution, or null when the frame is not progressive Huffman. */
const fullResolutionComponents = (header: JpegSegment[]): Set<number> | null => {
  const frame = header.find((s) => s.marker === SOF2);
  if (!frame) return null;
  const count = frame.bytes[9];
  const components = Array.from({ length: count }, (_, i) => ({
    id: frame.bytes[10 + i * 3],
    h: frame.bytes[11 + i * 3] >> 4,
    v: frame.bytes[11 + i * 3] & 15,
  }));
  const hMax = Math.max(...components.map((c) => c.h));
  const vMax = Math.max(...components.map((c) => c.v));
  return new Set(components.filter((c) => c.h === hMax && c.v === vMax).map((c) => c.id));
};

/** Splits the scan data (first SOS to EOI) into scans and the table segments between them. */
const pieces = (scans: Buffer, full: Set<number>): Piece[] | null => {
  const out: Piece[] = [];
  let at = 0;
  while (at + 1 < scans.length) {
    if (scans[at] !== 0xff) return null;
    const marker = scans[at + 1];
    if (marker === EOI) return out;
    if (at + 4 > scans.length) return null;
    const length = scans.readUInt16BE(at + 2);
    if (marker !== SOS) {
      out.push({ bytes: scans.subarray(at, at + 2 + length) });
      at += 2 + length;
      continue;
    }
    const count = scans[at + 4];
    const ids = Array.from({ length: count }, (_, i) => scans[at + 5 + i * 2]);
    const spectralStart = scans[at + 5 + count * 2];
    const approximationHigh = scans[at + 7 + count * 2] >> 4;
    // Entropy-coded data runs to the next marker that is neither stuffing nor a restart.
    let end = at + 2 + length;
    for (;;) {
      end = scans.indexOf(0xff, end);
      if (end === -1 || end + 1 >= scans.length) return null;
      const next = scans[end + 1];
      if (next === 0x00 || next === 0xff || isRestart(next)) end += next === 0xff ? 1 : 2;
      else break;
    }
    out.push({
      bytes: scans.subarray(at, end),
      fineRefinement: spectralStart > 0 && approximationHigh > 0 && ids.every((id) => full.has(id)),
    });
    at = end;
  }
  return null;
};

/**
 * The JPEG without its full-resolution detail refinements (see above), for a decode shrunk
 * 4× or more; null when it is not a progressive JPEG or has none to leave out.
 */
export const withoutFineRefinements = (parts: {
  header: JpegSegment[];
  scans: Buffer;
}): Buffer | null => {
  const full = fullResolutionComponents(parts.header);
  if (!full) return null;
  const all = pieces(parts.scans, full);
  if (!all || !all.some((p) => p.fineRefinement)) return null;
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    ...parts.header.map((s) => s.bytes),
    ...all.filter((p) => !p.fineRefinement).map((p) => p.bytes),
    Buffer.from([0xff, EOI]),
  ]);
};
