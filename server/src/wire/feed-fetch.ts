/**
 * Reads a feed: over HTTP under the same fetch policy as wire pictures (public addresses
 * only unless the server's configuration says otherwise, every redirect checked), or from a
 * drop folder under the configured root. Both bounded in time and size.
 */
import { constants as fsConstants } from 'fs';
import fs from 'fs/promises';
import path from 'path';
import { openPicture, readLimited } from '../images/picture-fetch';
import type { NewsroomConfig } from '../config';
import type { FeedValidators } from './domain/feed-source';
import { dropFolderPath, isCandidateFile } from './domain/feed-source';

export type FeedSettings = NewsroomConfig['feeds'];

export type FeedAnswer =
  | { notModified: true }
  | { notModified: false; bytes: Buffer; contentType?: string; validators: FeedValidators };

/** One conditional GET. Throws an Error whose message says what went wrong (recorded on the feed). */
export const fetchFeed = async (
  url: string,
  headers: Record<string, string>,
  settings: FeedSettings
): Promise<FeedAnswer> => {
  const signal = AbortSignal.timeout(settings.timeoutSeconds * 1000);
  try {
    const { response } = await openPicture(
      url,
      {
        allowedHosts: settings.allowedHosts,
        privateAddresses: settings.privateAddresses,
        label: 'feed',
      },
      signal,
      { headers, notModified: true }
    );
    // "Nothing new" costs no reading and no parsing.
    if (response.statusCode === 304) {
      response.resume();
      return { notModified: true };
    }
    const bytes = await readLimited(response, settings.maxBytes, 'the feed answer');
    const etag = response.headers.etag;
    const lastModified = response.headers['last-modified'];
    return {
      notModified: false,
      bytes,
      contentType: response.headers['content-type'],
      validators: { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) },
    };
  } catch (error) {
    if (signal.aborted)
      throw new Error(`The feed did not answer within ${settings.timeoutSeconds} s`);
    throw error;
  }
};

/** Files handled in one poll of a drop folder; the rest wait for the next. */
export const MAX_FILES_PER_POLL = 200;

/**
 * The drop folder's path, checked on disk too: a symbolic link inside the root that points
 * out of it is refused like `..`.
 */
export const openDropFolder = async (root: string, folder: string) => {
  const wanted = dropFolderPath(root, folder);
  let real: string;
  try {
    real = await fs.realpath(wanted);
  } catch {
    throw new Error(`The drop folder ${folder} does not exist under the drop-folder root`);
  }
  const realRoot = await fs.realpath(root);
  const inside = path.relative(realRoot, real);
  if (!inside || inside.startsWith('..') || path.isAbsolute(inside))
    throw new Error(`The drop folder ${folder} leads out of the drop-folder root`);
  return real;
};

/** The regular files waiting in a drop folder, with their sizes (links, folders and dotfiles are not copy). */
export const listDropFolder = async (dir: string): Promise<Map<string, number>> => {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const sizes = new Map<string, number>();
  for (const entry of entries) {
    if (!entry.isFile() || !isCandidateFile(entry.name) || entry.name.endsWith('.reason.txt'))
      continue;
    const stat = await fs.lstat(path.join(dir, entry.name)).catch(() => null);
    if (stat?.isFile()) sizes.set(entry.name, stat.size);
  }
  return sizes;
};

/**
 * `processed/` or `failed/` inside the folder: made when missing, refused when it is anything
 * but a folder of its own (a link could send files, or reason files, out of the root).
 */
const subfolder = async (dir: string, to: 'processed' | 'failed') => {
  const target = path.join(dir, to);
  const stat = await fs.lstat(target).catch(() => null);
  if (!stat) await fs.mkdir(target);
  else if (stat.isSymbolicLink() || !stat.isDirectory())
    throw new Error(
      `${to}/ in the drop folder is not a folder of its own (a link or a file); move it away`
    );
  return target;
};

const exists = (file: string) =>
  fs.lstat(file).then(
    () => true,
    () => false
  );

/**
 * Moves a handled file into `processed/` or `failed/`, with the reason beside a failed one.
 * Nothing there is overwritten or followed: a name already taken gets a time prefix, and the
 * reason file is created new (`wx`), never written through a link.
 */
export const moveDropped = async (
  dir: string,
  name: string,
  to: 'processed' | 'failed',
  reason?: string
) => {
  const target = await subfolder(dir, to);
  let destination = path.join(target, name);
  for (
    let attempt = 1;
    (await exists(destination)) || (reason && (await exists(`${destination}.reason.txt`)));
    attempt += 1
  )
    destination = path.join(
      target,
      `${new Date().toISOString().replace(/[:.]/gu, '-')}-${attempt}-${name}`
    );
  await fs.rename(path.join(dir, name), destination);
  if (reason)
    await fs.writeFile(`${destination}.reason.txt`, `${reason}\n`, {
      encoding: 'utf8',
      flag: 'wx',
    });
};

/**
 * Reads a dropped file, refusing it past the size limit. Opened without following links and
 * checked on the open descriptor: a file swapped for a link (or a hard link to a file
 * elsewhere) after the listing is not read.
 */
export const readDropped = async (dir: string, name: string, maxBytes: number) => {
  const handle = await fs.open(path.join(dir, name), fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error('The file is not a regular file');
    if (stat.nlink !== 1) throw new Error('The file has other names (a hard link); it is not read');
    if (stat.size > maxBytes)
      throw new Error(`The file is ${stat.size} bytes; the limit is ${maxBytes}`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
};
