/**
 * The Media Library's "import from URL" (`POST /upload/actions/upload-from-urls`) fetches
 * whatever address an admin who may upload gives it. Strapi checks only the first lookup
 * against a short blocklist and follows redirects unchecked, so it is put under the wire
 * picture policy: allowed hosts and public addresses only, judged when each connection is
 * made and on every redirect.
 */
import { randomUUID } from 'crypto';
import { createWriteStream } from 'fs';
import { rm } from 'fs/promises';
import path from 'path';
import { Transform } from 'stream';
import { pipeline } from 'stream/promises';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { openPicture } from './picture-fetch';
import { imageSettings } from './settings';

/** Strapi's own limit for one URL, body included. */
const FETCH_TIMEOUT_MS = 60_000;

interface UrlFetchProgress {
  bytesWritten: number;
  totalBytes: number | null;
}

/** What Strapi's `fetchUrlToInputFile` answers: a file its upload pipeline takes like a form upload. */
interface FetchedInputFile {
  filepath: string;
  originalFilename: string;
  mimetype: string;
  size: number;
  tmpWorkingDirectory: string;
}

type UploadFileService = Record<string, unknown>;

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** Named as Strapi's own import names it: from Content-Disposition, else the last path segment. */
const importedName = (url: URL, contentDisposition: string | undefined) => {
  const fromHeader = contentDisposition?.match(
    /filename\*?=['"]?(?:UTF-\d['"]*)?([^;\r\n"']*)['"]?/iu
  )?.[1];
  for (const candidate of [fromHeader, url.pathname.split('/').pop()]) {
    const name = candidate ? path.basename(decoded(candidate)) : '';
    if (name && name !== '.' && name !== '..') return name;
  }
  return `untitled_${new Date().toISOString().slice(0, 19).replace(/[-:T]/gu, '')}`;
};

export const guardUrlUploads = (strapi: Core.Strapi) => {
  /** Progress is for the Media Library's bar; a failing listener must not fail the import. */
  const reporter =
    (onProgress?: (progress: UrlFetchProgress) => void) => (progress: UrlFetchProgress) => {
      try {
        onProgress?.(progress);
      } catch (error) {
        strapi.log.warn(
          `[newsroom] URL import progress listener failed: ${(error as Error).message}`
        );
      }
    };

  /** Same contract as Strapi's: streams the body to a file in `tmpWorkingDirectory`, at most `sizeLimit` bytes. */
  const fetchUrlToInputFile = async (
    href: string,
    tmpWorkingDirectory: string,
    sizeLimit?: number,
    onProgress?: (progress: UrlFetchProgress) => void
  ): Promise<{ file: FetchedInputFile }> => {
    const { wireFetch } = imageSettings(strapi);
    const limit = sizeLimit ?? wireFetch.maxBytes;
    const tooLarge = () =>
      new errors.ApplicationError(`File too large: the limit is ${limit} bytes`);
    const filepath = path.join(tmpWorkingDirectory, `url-import-${randomUUID()}`);
    try {
      const { response, url } = await openPicture(
        href,
        wireFetch,
        AbortSignal.timeout(FETCH_TIMEOUT_MS)
      );
      const declared = Number.parseInt(response.headers['content-length'] ?? '', 10);
      const totalBytes = Number.isFinite(declared) ? declared : null;
      if (totalBytes !== null && totalBytes > limit) {
        response.destroy();
        throw tooLarge();
      }
      const report = reporter(onProgress);
      report({ bytesWritten: 0, totalBytes });
      let bytesWritten = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          bytesWritten += chunk.length;
          if (bytesWritten > limit) return callback(tooLarge());
          report({ bytesWritten, totalBytes });
          return callback(null, chunk);
        },
      });
      await pipeline(response, counter, createWriteStream(filepath));
      return {
        file: {
          filepath,
          originalFilename: importedName(url, response.headers['content-disposition']),
          mimetype:
            response.headers['content-type']?.split(';')[0].trim() || 'application/octet-stream',
          size: bytesWritten,
          tmpWorkingDirectory,
        },
      };
    } catch (error) {
      await rm(filepath, { force: true });
      if (error instanceof errors.ApplicationError) throw error;
      const problem = `${href} was not imported: ${(error as Error).message}`;
      strapi.log.warn(`[newsroom] ${problem}`);
      throw new errors.ApplicationError(problem);
    }
  };

  strapi.get('services').extend('plugin::upload.file', (stock: UploadFileService) => ({
    ...stock,
    fetchUrlToInputFile,
  }));
};
