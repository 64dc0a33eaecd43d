/**
 * The image pipeline: every output of a source comes from one decode of it. Upload-time
 * work (a clean original, Strapi's own sizes, the placeholder) and the newsroom rendition
 * plan are separate steps so an upload answers quickly; both are plain functions of bytes.
 */
import sharp, { type Metadata, type OutputInfo, type Sharp, type SharpOptions } from 'sharp';
import ExifReader from 'exifreader';
import { Refusal } from '../platform/domain/refusal';
import { creditsFromTags, type MetadataTags, type PhotoCredits } from './domain/credits';
import { exifTiff } from './domain/exif';
import { cleanProfile, describesSrgb, summariseProfile } from './domain/icc-profile';
import {
  exifSegment,
  iccSegments,
  joinJpeg,
  jpegIccProfile,
  JpegStructureError,
  splitJpeg,
  xmpSegment,
} from './domain/jpeg-segments';
import {
  decodeWidthFor,
  planStandardFormats,
  type ImageFormat,
  type PlannedRendition,
} from './domain/plan';
import { withoutFineRefinements } from './domain/progressive-scans';
import { rasterType, type RasterFormat } from './domain/sniff';
import {
  type Chunk as PngChunk,
  isPhotographicPng,
  keepableChunks,
  pngAnimation,
  pngIccProfile,
  PngStructureError,
  readPngChunks,
  rewritePngMetadata,
} from './domain/png-chunks';
import {
  type Chunk as WebpChunk,
  readWebpChunks,
  webpIccProfile,
  WebpStructureError,
} from './domain/webp-chunks';
import { creditsExif, creditsXmp } from './domain/xmp';

// Each image is processed once; libvips' operation cache would only hold memory.
sharp.cache(false);

export interface ImageLimits {
  /** Largest width × height accepted, checked from the header before any decoding. */
  maxPixels: number;
  /** Most frames an animated image may have. */
  maxFrames: number;
}

export interface EncodeSettings {
  quality: { jpeg: number; webp: number; avif: number; original: number };
  effort: { webp: number; avif: number };
  placeholderWidth: number;
}

export interface SourceInfo {
  format: RasterFormat;
  /** Displayed size: after the EXIF orientation is applied. */
  width: number;
  height: number;
  pages: number;
  orientation: number;
  hasAlpha: boolean;
  channels: number;
  space: string;
  hasIcc: boolean;
}

export interface EncodedImage {
  key: string;
  data: Buffer;
  width: number;
  height: number;
  format: ImageFormat | RasterFormat;
}

export interface PreparedUpload {
  original: EncodedImage & { mime: string; ext: string; rewritten: 'lossless' | 're-encoded' };
  /** Strapi's own sizes (thumbnail, large, medium, small) for the Media Library and standard consumers. */
  formats: EncodedImage[];
  /** A tiny blurred JPEG as a data URI, shown while the real image loads. */
  placeholder: string;
  credits: PhotoCredits;
}

const refuse = (status: number, message: string) => new Refusal(status, message);

/** Formats whose every frame is decoded when the original must be re-encoded. */
const ANIMATED = new Set<RasterFormat>(['gif', 'webp']);

const megapixels = (pixels: number) =>
  pixels >= 1e6 ? `${(pixels / 1e6).toFixed(1)} MP` : `${pixels.toLocaleString('en')} pixels`;

/** An animated PNG's frames, or null (also when its chunks cannot be read: the upload finds that). */
const apngOf = (source: Buffer) => {
  try {
    return pngAnimation(readPngChunks(source));
  } catch {
    return null;
  }
};

/** Reads the header only (no pixel decoding) and applies the size and frame limits. */
export const inspectImage = async (
  source: Buffer,
  format: RasterFormat,
  limits: ImageLimits
): Promise<SourceInfo> => {
  let meta: Metadata;
  try {
    meta = await sharp(source, { animated: true, limitInputPixels: false }).metadata();
  } catch (error) {
    throw refuse(
      422,
      `The file starts like a ${format.toUpperCase()} image but cannot be read: ${(error as Error).message}`
    );
  }
  const frameHeight = meta.pageHeight ?? meta.height;
  if (!meta.width || !frameHeight)
    throw refuse(422, `The ${format.toUpperCase()} image has no readable dimensions`);
  const pixels = meta.width * frameHeight;
  if (pixels > limits.maxPixels) {
    throw refuse(
      413,
      `The image is ${meta.width}×${frameHeight} pixels (${megapixels(pixels)}); the limit is ${megapixels(limits.maxPixels)}`
    );
  }
  const pages = meta.pages ?? 1;
  if (pages > limits.maxFrames)
    throw refuse(413, `The animation has ${pages} frames; the limit is ${limits.maxFrames}`);
  // An animation is decoded frame by frame, all of them: the pixel limit counts them all.
  if (ANIMATED.has(format) && pixels * pages > limits.maxPixels) {
    throw refuse(
      413,
      `The animation decodes to ${megapixels(pixels * pages)} (${pages} frames of ${meta.width}×${frameHeight}); the limit is ${megapixels(limits.maxPixels)} in all`
    );
  }
  // libvips decodes an animated PNG's still image only: its frames are counted from its chunks.
  const animation = format === 'png' ? apngOf(source) : null;
  if (animation) {
    if (animation.frames > limits.maxFrames)
      throw refuse(
        413,
        `The animation has ${animation.frames} frames; the limit is ${limits.maxFrames}`
      );
    const { width, height } = animation.largestFrame;
    if (width * height > limits.maxPixels)
      throw refuse(
        413,
        `An animation frame is ${width}×${height} pixels (${megapixels(width * height)}); the limit is ${megapixels(limits.maxPixels)}`
      );
  }
  const orientation = meta.orientation ?? 1;
  const swapped = orientation >= 5 && orientation <= 8;
  return {
    format,
    width: swapped ? frameHeight : meta.width,
    height: swapped ? meta.width : frameHeight,
    pages,
    orientation,
    hasAlpha: Boolean(meta.hasAlpha),
    channels: meta.channels ?? 3,
    space: meta.space ?? 'srgb',
    hasIcc: Boolean(meta.icc),
  };
};

/** Credits from IPTC-IIM, XMP and EXIF; unreadable metadata counts as none. */
export const readCredits = (source: Buffer): PhotoCredits => {
  try {
    // Only the groups credits come from: a CMYK file's profile alone can take ExifReader 15 ms.
    const tags = ExifReader.load(source, {
      expanded: true,
      includeTags: { exif: true, iptc: true, xmp: true },
    });
    return creditsFromTags(tags as MetadataTags);
  } catch {
    return {};
  }
};

const decodeFailure = (error: unknown) =>
  refuse(
    422,
    `The image is truncated or corrupt and cannot be decoded: ${(error as Error).message.split('\n')[0]}`
  );

/** Applies the credits (XMP, plus EXIF Artist/Copyright when ASCII) to an encoder. */
const withCredits = (image: Sharp, credits: PhotoCredits) => {
  const xmp = creditsXmp(credits);
  const exif = creditsExif(credits);
  if (exif) image.withExif({ IFD0: exif });
  if (xmp) image.withXmp(xmp);
  return image;
};

/** Encodes raw sRGB pixels in one of the delivery formats. */
const encode = (
  image: Sharp,
  format: ImageFormat | RasterFormat,
  settings: EncodeSettings,
  hasAlpha: boolean,
  original = false
) => {
  const q = settings.quality;
  switch (format) {
    case 'avif':
      return image.avif({ quality: original ? q.original : q.avif, effort: settings.effort.avif });
    case 'webp':
      return image.webp({ quality: original ? q.original : q.webp, effort: settings.effort.webp });
    case 'png':
      return image.png({ compressionLevel: 6 });
    case 'gif':
      return image.gif();
    default:
      return (hasAlpha ? image.flatten({ background: '#ffffff' }) : image).jpeg({
        quality: original ? q.original : q.jpeg,
      });
  }
};

type Raw = { data: Buffer; info: OutputInfo };
const fromRaw = (raw: Raw) =>
  sharp(raw.data, {
    raw: {
      width: raw.info.width,
      height: raw.info.height,
      channels: raw.info.channels as 1 | 2 | 3 | 4,
    },
  });

/** The largest width or height each format can hold. */
const MAX_SIDE: Partial<Record<RasterFormat, number>> = { webp: 16383, jpeg: 65535, gif: 65535 };

/** Whether the original may be stored in `format`: it fits the format, and the allow-list has the type. */
const canStoreAs = (format: RasterFormat, info: SourceInfo, allowedTypes?: string[]) =>
  Math.max(info.width, info.height) <= (MAX_SIDE[format] ?? Infinity) &&
  (!allowedTypes || allowedTypes.includes(rasterType(format).mime));

/**
 * The format the stored original is kept in: browsers cannot show TIFF or HEIF, and a
 * photograph saved as PNG is stored as WebP (see `isPhotographicPng`) — each only when the
 * image fits that format and the allow-list has it; otherwise PNG, which holds any size.
 */
const originalFormat = (
  info: SourceInfo,
  photographicPng: boolean,
  allowedTypes?: string[]
): RasterFormat => {
  if (info.format === 'tiff' || info.format === 'heif')
    return !info.hasAlpha && canStoreAs('jpeg', info, allowedTypes) ? 'jpeg' : 'png';
  if (photographicPng) return 'webp';
  return info.format;
};

/**
 * The cleaned profile to keep with the original's own compressed data: `null` when it has
 * none and needs none, `undefined` when the pixels must be converted instead (a profile
 * that cannot be read or cleaned, one for another colour space, CMYK with no profile).
 */
const keptProfile = (profile: Buffer | null, info: SourceInfo): Buffer | null | undefined => {
  const space = { srgb: 'RGB ', 'b-w': 'GRAY', cmyk: 'CMYK' }[info.space];
  if (!space) return undefined;
  if (!profile) return info.hasIcc || info.space === 'cmyk' ? undefined : null;
  const clean = cleanProfile(profile);
  return clean && summariseProfile(clean)?.space === space ? clean : undefined;
};

/** The file's structure as parsed for a rewrite: JPEG segments, PNG or WebP chunks. */
type Container =
  | { format: 'jpeg'; parts: ReturnType<typeof splitJpeg> }
  | { format: 'png'; chunks: PngChunk[] }
  | { format: 'webp'; chunks: WebpChunk[] };

const readContainer = (source: Buffer, info: SourceInfo): Container | null => {
  if (info.format === 'jpeg' && info.pages === 1)
    return { format: 'jpeg', parts: splitJpeg(source) };
  if (info.format === 'png') return { format: 'png', chunks: readPngChunks(source) };
  if (info.format === 'webp') return { format: 'webp', chunks: readWebpChunks(source) };
  return null;
};

const embeddedProfile = (container: Container | null) => {
  if (container?.format === 'jpeg') return jpegIccProfile(container.parts.header);
  if (container?.format === 'png') return pngIccProfile(container.chunks);
  if (container?.format === 'webp') return webpIccProfile(container.chunks);
  return null;
};

/**
 * The source with its metadata replaced (the credits' XMP, and for a JPEG a fresh EXIF
 * block with its orientation and ASCII credits), compressed data untouched; null when its
 * pixels must be re-encoded. A JPEG keeps its data when turned or in CMYK or a wide gamut:
 * its orientation tag and cleaned profile go with it, and viewers apply both. A WebP or PNG
 * PNG keeps it when upright and each kept chunk is exactly as long as its contents; a WebP
 * never does.
 */
const keepCompressed = async (
  container: Container | null,
  profile: Buffer | null,
  info: SourceInfo,
  credits: PhotoCredits
): Promise<Buffer | null> => {
  // A WebP bitstream does not declare its own length, so bytes after it cannot be told apart: it is re-encoded.
  if (!container || container.format === 'webp') return null;
  if (container.format !== 'jpeg' && info.orientation !== 1) return null;
  if (container.format === 'jpeg' && !container.parts.exact) return null;
  const icc = keptProfile(profile, info);
  if (icc === undefined) return null;
  const xmp = creditsXmp(credits);
  if (container.format === 'png') {
    const chunks = await keepableChunks(container.chunks);
    return chunks && rewritePngMetadata(chunks, { xmp, icc });
  }
  const exif = exifTiff({
    orientation: info.orientation,
    artist: creditsExif(credits)?.Artist,
    copyright: creditsExif(credits)?.Copyright,
  });
  const xmpApp = xmp ? xmpSegment(xmp) : null;
  return joinJpeg(container.parts, [
    ...(exif ? [exifSegment(exif)] : []),
    ...(xmpApp ? [xmpApp] : []),
    ...(icc ? iccSegments(icc) : []),
  ]);
};

/** Encodes the original again (upright, sRGB, credits only) in one streaming pass from the source. */
const reencodeOriginal = (
  source: Buffer,
  info: SourceInfo,
  format: RasterFormat,
  settings: EncodeSettings,
  credits: PhotoCredits,
  lossless = false
) => {
  const decodeOptions: SharpOptions = { failOn: 'truncated', limitInputPixels: false };
  const animated = info.pages > 1 && (info.format === 'gif' || info.format === 'webp');
  const image = animated
    ? sharp(source, { ...decodeOptions, animated: true })
    : sharp(source, { ...decodeOptions, pages: 1 })
        .rotate()
        .toColourspace('srgb');
  withCredits(image, credits);
  // A lossless WebP stays lossless: its pixels are stored exactly.
  if (format === 'webp' && lossless) return image.webp({ lossless: true }).toBuffer();
  if (format === 'webp' && (info.format === 'png' || info.format === 'webp') && !animated) {
    // A photograph that came as PNG or WebP, at full size: effort 0 takes about two thirds of
    // effort 2's time for 6 % more bytes.
    return image.webp({ quality: settings.quality.original, effort: 0 }).toBuffer();
  }
  return encode(image, format, settings, info.hasAlpha, true).toBuffer();
};

/**
 * A stored original in another format (upright, sRGB, credits only): a replaced file keeps
 * its URL and so its extension, and its new bytes must be of that type.
 */
export const convertOriginal = (
  original: Buffer,
  format: RasterFormat,
  settings: EncodeSettings,
  credits: PhotoCredits
) => {
  const image = sharp(original, { failOn: 'truncated', limitInputPixels: false, pages: 1 })
    .rotate()
    .toColourspace('srgb');
  withCredits(image, credits);
  return encode(image, format, settings, format === 'jpeg', true).toBuffer({
    resolveWithObject: true,
  });
};

/**
 * The one decode Strapi's sizes and the placeholder come from: upright, sRGB, shrunk on load
 * to the largest size. libvips converts a CMYK JPEG's colours before it is fully shrunk;
 * shrinking in CMYK first, then converting the result through the same (kept) profile, takes
 * about a quarter less time for the same colours (on average within a level in 255: the
 * resampling happens in CMYK).
 */
const decodeForSizes = async (
  input: Buffer,
  info: SourceInfo,
  largest: { width: number; height: number } | null,
  ignoreIcc: boolean,
  shortcuts: boolean
): Promise<Raw> => {
  const fit = largest && { ...largest, fit: 'inside' as const, withoutEnlargement: true };
  const image = sharp(input, { failOn: 'truncated', limitInputPixels: false, pages: 1, ignoreIcc });
  if (shortcuts && info.space === 'cmyk') {
    let shrunk = image.pipelineColourspace('cmyk').toColourspace('cmyk').rotate();
    if (fit) shrunk = shrunk.resize(fit);
    const cmyk = await shrunk
      .keepIccProfile()
      .tiff({ compression: 'none' })
      .toBuffer({ resolveWithObject: true });
    // The conversion is the rest of the work: its two halves run side by side.
    const { width, height } = cmyk.info;
    const half = Math.ceil(height / 2);
    const bands =
      height < 2
        ? [[0, height]]
        : [
            [0, half],
            [half, height - half],
          ];
    const converted = await Promise.all(
      bands.map(([top, rows]) =>
        sharp(cmyk.data)
          .extract({ left: 0, top, width, height: rows })
          .toColourspace('srgb')
          .raw()
          .toBuffer({ resolveWithObject: true })
      )
    );
    return {
      data: Buffer.concat(converted.map((band) => band.data)),
      info: { ...converted[0].info, height },
    };
  }
  let sizes = image.rotate().toColourspace('srgb');
  if (fit) sizes = sizes.resize(fit);
  return sizes.raw().toBuffer({ resolveWithObject: true });
};

/**
 * Upload-time work. Decodes once, shrunk on load to the largest of Strapi's sizes (which
 * validates the whole image), while the original is cleaned in place or re-encoded; then
 * encodes Strapi's sizes and the placeholder side by side.
 */
export const prepareUpload = async (
  source: Buffer,
  info: SourceInfo,
  settings: EncodeSettings,
  /** The upload allow-list's MIME types: the original is converted only to one of them. */
  allowedTypes?: string[]
): Promise<PreparedUpload> => {
  const standard = planStandardFormats(info.width, info.height);

  let original: PreparedUpload['original'];
  let raw: Raw;
  let credits: PhotoCredits;
  let photographicPng = false;
  try {
    // Strapi's sizes and the placeholder come from one decode shrunk on load to the largest
    // of them, which finds damaged image data (a JPEG's structure is walked to its end
    // marker as well). It runs on libvips' thread while the original is dealt with here.
    const container = readContainer(source, info);
    const profile = embeddedProfile(container);
    const jpeg = container?.format === 'jpeg' ? container.parts : null;
    const largest = standard.length
      ? {
          width: Math.max(...standard.map((s) => s.width)),
          height: Math.max(...standard.map((s) => s.height)),
        }
      : null;
    // Shrunk 4× or more, a progressive JPEG's refinements of fine detail barely show (domain/progressive-scans.ts).
    const coarse =
      jpeg && largest && largest.width * 4 <= info.width && largest.height * 4 <= info.height
        ? withoutFineRefinements(jpeg)
        : null;
    // An sRGB profile needs no conversion to sRGB: skipping it saves building a colour transform.
    const srgbProfile = Boolean(profile && describesSrgb(summariseProfile(profile)?.description));
    // The shortcuts (fewer scans, CMYK shrunk first) are tried first; should one fail on a
    // file libvips reads the plain way, that way decides, so a readable image is never refused.
    const shortcut = Boolean(coarse) || info.space === 'cmyk';
    const fast = decodeForSizes(coarse ?? source, info, largest, srgbProfile, true);
    const decoding = shortcut
      ? fast.catch(() => decodeForSizes(source, info, largest, srgbProfile, false))
      : fast;
    decoding.catch(() => undefined); // awaited below; a failure there is the one reported

    credits = readCredits(source);
    photographicPng =
      container?.format === 'png' &&
      isPhotographicPng(container.chunks, info.width * info.height) &&
      canStoreAs('webp', info, allowedTypes);
    const kept = photographicPng ? null : await keepCompressed(container, profile, info, credits);
    const outFormat = kept ? info.format : originalFormat(info, photographicPng, allowedTypes);
    const losslessWebp =
      container?.format === 'webp' &&
      container.chunks.some((c) => c.fourcc === 'VP8L') &&
      !container.chunks.some((c) => c.fourcc === 'VP8 ');
    const data =
      kept ?? (await reencodeOriginal(source, info, outFormat, settings, credits, losslessWebp));
    const { mime, ext } = rasterType(outFormat);
    original = {
      key: 'original',
      data,
      width: info.width,
      height: info.height,
      format: outFormat,
      mime,
      ext,
      rewritten: kept ? 'lossless' : 're-encoded',
    };
    raw = await decoding;
  } catch (error) {
    if (error instanceof Refusal) throw error;
    if (error instanceof JpegStructureError)
      throw refuse(422, `The JPEG is damaged: ${error.message}`);
    if (error instanceof WebpStructureError)
      throw refuse(422, `The WebP is damaged: ${error.message}`);
    if (error instanceof PngStructureError)
      throw refuse(422, `The PNG is damaged: ${error.message}`);
    throw decodeFailure(error);
  }

  const hasAlpha = raw.info.channels === 4 || raw.info.channels === 2;
  // Sizes with alpha stay lossless PNG, as Strapi's are, except for a photograph (WebP keeps the alpha).
  const sizeFormat: RasterFormat = hasAlpha ? (photographicPng ? 'webp' : 'png') : 'jpeg';
  const [formats, tiny] = await Promise.all([
    Promise.all(
      standard.map(async (size): Promise<EncodedImage> => {
        const image = fromRaw(raw).resize({ width: size.width, height: size.height, fit: 'fill' });
        const { data, info: out } = await encode(
          withCredits(image, credits),
          sizeFormat,
          settings,
          hasAlpha
        ).toBuffer({ resolveWithObject: true });
        return { key: size.key, data, width: out.width, height: out.height, format: sizeFormat };
      })
    ),
    fromRaw(raw)
      .resize({ width: settings.placeholderWidth })
      .flatten({ background: '#ffffff' })
      .blur(0.6)
      .jpeg({ quality: 45 })
      .toBuffer(),
  ]);
  return {
    original,
    formats,
    placeholder: `data:image/jpeg;base64,${tiny.toString('base64')}`,
    credits,
  };
};

export type DecodeStrategy = 'single-decode' | 'per-output';

/**
 * Renders planned renditions from a clean original (turned upright and converted to sRGB
 * here when it was kept with its orientation tag or colour profile), handing each to
 * `emit` as soon as it is encoded so only one output is held at a time.
 * `single-decode` decodes once at the smallest width that serves every rendition and
 * reuses the pixels; `per-output` lets libvips shrink on load for each output.
 */
export const renderRenditions = async (
  source: Buffer,
  renditions: PlannedRendition[],
  settings: EncodeSettings,
  credits: PhotoCredits,
  emit: (image: EncodedImage) => Promise<void>,
  strategy: DecodeStrategy = 'single-decode'
) => {
  if (!renditions.length) return;
  // A kept original may be stored turned (with its orientation tag): renditions are upright.
  const decodeOptions: SharpOptions = {
    failOn: 'truncated',
    limitInputPixels: false,
    pages: 1,
    autoOrient: true,
  };
  const meta = await sharp(source, decodeOptions).metadata();
  const sourceWidth = meta.autoOrient?.width ?? meta.width ?? 1;
  const sourceHeight = meta.autoOrient?.height ?? meta.height ?? 1;
  const groups = new Map<string, PlannedRendition[]>();
  for (const r of renditions) {
    const id = `${r.crop}:${r.width}`;
    groups.set(id, [...(groups.get(id) ?? []), r]);
  }

  let decoded: Raw | null = null;
  if (strategy === 'single-decode') {
    const width = decodeWidthFor(sourceWidth, renditions);
    let image = sharp(source, decodeOptions).toColourspace('srgb');
    if (width < sourceWidth) image = image.resize({ width });
    decoded = await image.raw().toBuffer({ resolveWithObject: true });
  }

  for (const group of groups.values()) {
    const { box, width, height } = group[0];
    let resized: Raw;
    if (decoded) {
      const scale = decoded.info.width / sourceWidth;
      const scaledBox = scaleBox(box, scale, decoded.info.width, decoded.info.height);
      resized = await fromRaw(decoded)
        .extract(scaledBox)
        .resize({ width, height, fit: 'fill' })
        .raw()
        .toBuffer({ resolveWithObject: true });
    } else {
      // Resize the whole frame so the crop comes out at the target size, then cut it (post-resize extract keeps shrink-on-load).
      const scale = width / box.width;
      const frameWidth = Math.max(width, Math.round(sourceWidth * scale));
      const frameHeight = Math.max(height, Math.round(sourceHeight * scale));
      const scaledBox = scaleBox(box, frameWidth / sourceWidth, frameWidth, frameHeight);
      resized = await sharp(source, decodeOptions)
        .toColourspace('srgb')
        .resize({ width: frameWidth, height: frameHeight, fit: 'fill' })
        .extract({
          ...scaledBox,
          width: Math.min(width, frameWidth - scaledBox.left),
          height: Math.min(height, frameHeight - scaledBox.top),
        })
        .raw()
        .toBuffer({ resolveWithObject: true });
    }
    const hasAlpha = resized.info.channels === 4 || resized.info.channels === 2;
    for (const r of group) {
      const { data, info } = await encode(
        withCredits(fromRaw(resized), credits),
        r.format,
        settings,
        hasAlpha
      ).toBuffer({ resolveWithObject: true });
      await emit({ key: r.key, data, width: info.width, height: info.height, format: r.format });
    }
  }
};

const scaleBox = (
  box: { left: number; top: number; width: number; height: number },
  scale: number,
  maxWidth: number,
  maxHeight: number
) => {
  const left = Math.min(maxWidth - 1, Math.round(box.left * scale));
  const top = Math.min(maxHeight - 1, Math.round(box.top * scale));
  return {
    left,
    top,
    width: Math.max(1, Math.min(maxWidth - left, Math.round(box.width * scale))),
    height: Math.max(1, Math.min(maxHeight - top, Math.round(box.height * scale))),
  };
};
