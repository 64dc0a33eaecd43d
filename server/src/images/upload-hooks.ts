/**
 * Takes over the image work of Strapi's upload service, so every image that arrives
 * through it (Media Library, upload API, wire pictures, seed) is checked from its bytes,
 * cleaned of private metadata and sized from one decode. Strapi keeps doing the rest:
 * file records, folders, the provider writes and the Media Library.
 */
import { createReadStream } from 'fs';
import { open, readFile, writeFile } from 'fs/promises';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { Refusal } from '../platform/domain/refusal';
import { createLruCache } from '../platform/domain/bounded';
import {
  claimsToBeImage,
  KNOWN_TYPES,
  rasterType,
  sniff,
  type RasterFormat,
  type Sniffed,
} from './domain/sniff';
import {
  convertOriginal,
  inspectImage,
  prepareUpload,
  type EncodedImage,
  type PreparedUpload,
} from './pipeline';
import { imageSettings, uploadSettings } from './settings';
import { nameWithExt, providerFile, type NewsroomImageData } from './stored-file';
import { file as fileUtils } from '@strapi/utils';

/** The file object Strapi's upload service passes around (only what is used here). */
interface UploadingFile {
  name: string;
  hash: string;
  ext?: string;
  mime?: string;
  path?: string | null;
  filepath?: string;
  tmpWorkingDirectory?: string;
  width?: number;
  height?: number;
  newsroom?: NewsroomImageData;
  getStream: () => NodeJS.ReadableStream;
  [key: string]: unknown;
}

type ImageManipulation = Record<string, (...args: never[]) => unknown>;

const HEAD_BYTES = 4100;

const readHead = async (filepath: string) => {
  const handle = await open(filepath, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
};

export const takeOverImageProcessing = (strapi: Core.Strapi) => {
  /** Upload-time results, kept with the file object Strapi carries from `optimize` to the provider writes. */
  const prepared = new WeakMap<object, PreparedUpload>();
  /** What each uploading file turned out to be, so its head is read once (bounded: uploads in flight only). */
  const sniffed = createLruCache<Sniffed>(
    { maxBytes: Number.MAX_SAFE_INTEGER, maxEntries: 1024 },
    () => 0
  );

  /**
   * Decides an upload from its bytes, by the allow-list (`uploads.allowedTypes`): everything
   * else is refused with 415 — markup, scripts and unknown binaries alike. A file that is
   * not an image is stored under the name and type its bytes show, never the client's, so
   * a PDF sent as `page.html` is kept as `.pdf`.
   */
  const classify = async (file: UploadingFile): Promise<Sniffed> => {
    if (!file.filepath)
      throw new Refusal(415, `"${file.name}" cannot be checked: the upload has no file to read`, {
        file: file.name,
      });
    const known = sniffed.get(file.filepath);
    if (known) return known;
    const result = sniff(await readHead(file.filepath));
    const allowed = uploadSettings(strapi).allowedTypes;
    const accepted = allowed.map((type) => KNOWN_TYPES[type] ?? type).join(', ');
    if (result.kind === 'markup') {
      throw new Refusal(
        415,
        `"${file.name}" is ${result.what} markup; such files can carry scripts and are not accepted (accepted: ${accepted})`,
        {
          file: file.name,
          detected: result.what,
          accepted: allowed,
        }
      );
    }
    if (result.kind === 'other' || !allowed.includes(result.mime)) {
      const what =
        result.kind !== 'other'
          ? `${KNOWN_TYPES[result.mime] ?? result.mime}, which this newsroom does not accept`
          : claimsToBeImage(file.name, file.mime)
            ? 'presented as an image, but its content is not an image the newsroom reads'
            : 'not a type the newsroom recognises';
      throw new Refusal(415, `"${file.name}" is ${what} (accepted: ${accepted})`, {
        file: file.name,
        detected: result.kind === 'other' ? null : result.mime,
        declared: file.mime ?? null,
        accepted: allowed,
      });
    }
    if (result.kind === 'file') Object.assign(file, { ext: result.ext, mime: result.mime });
    sniffed.set(file.filepath, result);
    return result;
  };

  /** The raster format an extension names, when the pipeline writes it. */
  const storedFormatOf = (ext: string | null | undefined): RasterFormat | null => {
    const e = (ext ?? '').toLowerCase();
    if (e === '.jpg' || e === '.jpeg') return 'jpeg';
    if (e === '.png' || e === '.webp' || e === '.gif' || e === '.avif')
      return e.slice(1) as RasterFormat;
    return null;
  };

  /** Converts the clean original to `format` and points the file at it (a replace keeping its extension). */
  const restoreAs = async (file: UploadingFile, upload: PreparedUpload, format: RasterFormat) => {
    const { data, info } = await convertOriginal(
      upload.original.data,
      format,
      imageSettings(strapi),
      upload.credits
    );
    const { mime, ext } = rasterType(format);
    const filepath = `${file.filepath ?? path.join(file.tmpWorkingDirectory ?? '.', `newsroom-${file.hash}`)}${ext}`;
    await writeFile(filepath, data);
    upload.original = {
      ...upload.original,
      data,
      width: info.width,
      height: info.height,
      format,
      mime,
      ext,
      rewritten: 're-encoded',
    };
    Object.assign(file, {
      name: nameWithExt(file.name, file.ext ?? ext),
      mime,
      filepath,
      getStream: () => createReadStream(filepath),
      size: fileUtils.bytesToKbytes(data.length),
      sizeInBytes: data.length,
      newsroom: { ...(file.newsroom as NewsroomImageData), original: 're-encoded' },
    });
  };

  /** One of Strapi's sizes as a file for the provider, named the way Strapi names its own. */
  const sizeFile = (file: UploadingFile, image: EncodedImage) =>
    providerFile(file, image.key, '', image, rasterType(image.format as RasterFormat));

  strapi
    .get('services')
    .extend('plugin::upload.image-manipulation', (stock: ImageManipulation) => ({
      ...stock,

      // Strapi asks this first of every file it stores, so the allow-list holds whether or not the pipeline is on.
      isImage: async (file: UploadingFile) => {
        const kind = await classify(file);
        if (!imageSettings(strapi).enabled)
          return (stock.isImage as (f: UploadingFile) => Promise<boolean>)(file);
        return kind.kind === 'raster';
      },

      // The decode in `optimize` reads every pixel, so damage is found there, once.
      async isFaultyImage(file: UploadingFile) {
        if (!imageSettings(strapi).enabled)
          return (stock.isFaultyImage as (f: UploadingFile) => Promise<boolean>)(file);
        return false;
      },

      isOptimizableImage: async (file: UploadingFile) => {
        if (!imageSettings(strapi).enabled)
          return (stock.isOptimizableImage as (f: UploadingFile) => Promise<boolean>)(file);
        return (await classify(file)).kind === 'raster';
      },

      async isResizableImage(file: UploadingFile) {
        if (!imageSettings(strapi).enabled)
          return (stock.isResizableImage as (f: UploadingFile) => Promise<boolean>)(file);
        return prepared.has(file);
      },

      async getDimensions(file: UploadingFile) {
        const upload = prepared.get(file);
        if (upload) {
          // Strapi asks this first once the file's extension is settled. A replaced file keeps
          // its URL, so its old extension: the new original is stored in that file's format.
          const kept = storedFormatOf(file.ext);
          if (kept && kept !== upload.original.format) await restoreAs(file, upload, kept);
          return { width: upload.original.width, height: upload.original.height };
        }
        return (stock.getDimensions as (f: UploadingFile) => Promise<unknown>)(file);
      },

      /** Checks, cleans and sizes the image; the file Strapi stores is the clean original. */
      optimize: async (file: UploadingFile) => {
        const settings = imageSettings(strapi);
        if (!settings.enabled)
          return (stock.optimize as (f: UploadingFile) => Promise<unknown>)(file);
        const kind = await classify(file);
        if (kind.kind !== 'raster' || !file.filepath) return file;
        const source = await readFile(file.filepath);
        const info = await inspectImage(source, kind.format, settings);
        const upload = await prepareUpload(
          source,
          info,
          settings,
          uploadSettings(strapi).allowedTypes
        );
        const filepath = path.join(
          file.tmpWorkingDirectory ?? path.dirname(file.filepath),
          `newsroom-${file.hash}${upload.original.ext}`
        );
        await writeFile(filepath, upload.original.data);
        const clean: UploadingFile = {
          ...file,
          // A photograph sent as PNG and stored as WebP is named as what it is.
          name: nameWithExt(file.name, upload.original.ext),
          ext: upload.original.ext,
          mime: upload.original.mime,
          filepath,
          getStream: () => createReadStream(filepath),
          width: upload.original.width,
          height: upload.original.height,
          size: fileUtils.bytesToKbytes(upload.original.data.length),
          sizeInBytes: upload.original.data.length,
          newsroom: {
            credits: upload.credits,
            placeholder: upload.placeholder,
            original: upload.original.rewritten,
            renditions: null,
          },
        };
        sniffed.set(filepath, kind);
        prepared.set(clean, upload);
        return clean;
      },

      async generateThumbnail(file: UploadingFile) {
        const upload = prepared.get(file);
        if (!upload)
          return (stock.generateThumbnail as (f: UploadingFile) => Promise<unknown>)(file);
        const thumbnail = upload.formats.find((f) => f.key === 'thumbnail');
        return thumbnail ? sizeFile(file, thumbnail) : null;
      },

      /** Strapi's breakpoints (when its "responsive friendly upload" setting is on), from the same decode. */
      async generateResponsiveFormats(file: UploadingFile) {
        const upload = prepared.get(file);
        if (!upload)
          return (stock.generateResponsiveFormats as (f: UploadingFile) => Promise<unknown>)(file);
        const uploadSettings = (await strapi.plugin('upload').service('upload').getSettings()) as {
          responsiveDimensions?: boolean;
        } | null;
        if (uploadSettings && uploadSettings.responsiveDimensions === false) return [];
        return upload.formats
          .filter((f) => f.key !== 'thumbnail')
          .map((image) => ({ key: image.key, file: sizeFile(file, image) }));
      },
    }));
};
