import { readFile } from 'fs/promises';
import path from 'path';
import { Readable } from 'stream';
import type { Core } from '@strapi/strapi';
import { file as fileUtils } from '@strapi/utils';

const { bytesToKbytes } = fileUtils;

/** A Media Library file row, as far as the image work needs it. */
export interface FileRow {
  id: number;
  name: string;
  hash: string;
  ext: string | null;
  mime: string | null;
  url: string;
  width: number | null;
  height: number | null;
  path?: string | null;
  provider?: string;
  focalPoint?: { x: number; y: number } | null;
  formats?: Record<string, StoredFormat> | null;
  newsroom?: NewsroomImageData | null;
}

/** One entry of Strapi's `formats`. */
export interface StoredFormat {
  name: string;
  hash: string;
  ext: string;
  mime: string;
  path: string | null;
  width: number;
  height: number;
  size: number;
  sizeInBytes: number;
  url: string;
  [key: string]: unknown;
}

/** What the plugin keeps on each image file (the `newsroom` attribute). */
export interface NewsroomImageData {
  credits: import('./domain/credits').PhotoCredits;
  placeholder: string | null;
  /** When the agency's licence for a wire picture ends (from the copy's `expires`). */
  expiresAt?: string | null;
  /** How the stored original was made from the upload: its own compressed data kept (metadata rebuilt), or re-encoded. */
  original: 'lossless' | 're-encoded';
  renditions?: {
    /** The focal point the crops were cut around (null: centre). */
    focalPoint: { x: number; y: number } | null;
    keys: string[];
    at: string;
  } | null;
}

/** `name` with its extension changed to `ext` (a name with no extension gets it added). */
export const nameWithExt = (name: string, ext: string) => {
  const current = path.extname(name);
  const same = (a: string, b: string) =>
    a.toLowerCase().replace('.jpeg', '.jpg') === b.toLowerCase().replace('.jpeg', '.jpg');
  if (current && same(current, ext)) return name;
  return `${current ? name.slice(0, -current.length) : name}${ext}`;
};

/** A file object the upload provider accepts (the shape Strapi's own image service builds). */
export const providerFile = (
  base: { name: string; hash: string; path?: string | null },
  key: string,
  version: string,
  image: { data: Buffer; width: number; height: number },
  type: { ext: string; mime: string }
) => ({
  name: `${key}_${nameWithExt(base.name, type.ext)}`,
  hash: `${key}_${base.hash}${version ? `_${version}` : ''}`,
  ext: type.ext,
  mime: type.mime,
  path: base.path ?? null,
  width: image.width,
  height: image.height,
  size: bytesToKbytes(image.data.length),
  sizeInBytes: image.data.length,
  getStream: () => Readable.from(image.data),
});

/** The stored bytes of a file, read back through its URL: from the public folder for the local provider, over HTTP otherwise. */
export const readStoredFile = async (
  strapi: Core.Strapi,
  file: FileRow,
  maxBytes: number
): Promise<Buffer> => {
  let url = file.url;
  if (!/^https?:\/\//iu.test(url)) {
    const publicDir = strapi.dirs.static.public;
    const full = path.resolve(publicDir, `.${url.split('?')[0]}`);
    if (!full.startsWith(path.resolve(publicDir) + path.sep))
      throw new Error(`The file URL ${url} points outside the public folder`);
    return readFile(full);
  }
  const uploadProvider = strapi.plugin('upload').provider as {
    isPrivate?: () => boolean | Promise<boolean>;
    getSignedUrl?: (f: unknown) => Promise<{ url: string }>;
  };
  if (
    uploadProvider.isPrivate &&
    (await uploadProvider.isPrivate()) &&
    uploadProvider.getSignedUrl
  ) {
    url = (await uploadProvider.getSignedUrl(file)).url;
  }
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  if (!response.ok)
    throw new Error(`Fetching ${file.url} from the upload provider answered ${response.status}`);
  const data = Buffer.from(await response.arrayBuffer());
  if (data.length > maxBytes)
    throw new Error(`The stored file ${file.url} is larger than ${maxBytes} bytes`);
  return data;
};
