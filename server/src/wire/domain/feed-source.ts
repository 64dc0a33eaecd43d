/**
 * How a feed is read, pure: the headers its credentials and validators make, the text of an
 * answer in the charset it declares, and where a drop folder may be.
 */
import path from 'path';
import { TextDecoder } from 'util';
import { WireParseError } from './errors';
import type { FeedCredentials } from '../../../../shared/contracts/feeds';

/** What the last good answer said about itself, for a conditional GET next time. */
export interface FeedValidators {
  etag?: string;
  lastModified?: string;
}

const ACCEPT: Record<string, string> = {
  rss: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1',
  ninjs: 'application/ninjs+json, application/json;q=0.9, */*;q=0.1',
  'newsml-g2': 'application/vnd.iptc.g2.newsmessage+xml, application/xml;q=0.9, */*;q=0.1',
};

/** The request headers of one poll: what the feed's kind reads, its credentials, the validators. */
export const pollHeaders = (
  kind: string,
  credentials: FeedCredentials,
  validators: FeedValidators
): Record<string, string> => {
  const headers: Record<string, string> = {
    accept: ACCEPT[kind] ?? '*/*',
    'user-agent': 'strapi-plugin-newsroom feed poller',
  };
  if (credentials.type === 'basic')
    headers.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  else if (credentials.type === 'bearer') headers.authorization = `Bearer ${credentials.token}`;
  else if (credentials.type === 'header')
    headers[credentials.name.toLowerCase()] = credentials.value;
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  return headers;
};

const XML_ENCODING = /^\uFEFF?<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/iu;

/**
 * The text of a feed answer: in the charset its Content-Type or XML declaration names
 * (agencies still send windows-1251 or ISO-8859-1), UTF-8 otherwise. Bytes that are not text
 * in that charset are refused, not guessed at.
 */
export const feedText = (bytes: Buffer, contentType: string | undefined): string => {
  if (!bytes.length) throw new WireParseError('The feed answered with an empty body', 422);
  const declared =
    /charset\s*=\s*"?([\w.:-]+)/iu.exec(contentType ?? '')?.[1] ??
    XML_ENCODING.exec(bytes.subarray(0, 200).toString('latin1'))?.[1] ??
    'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared.toLowerCase(), { fatal: true });
  } catch {
    throw new WireParseError(`The feed's charset "${declared}" is unknown`, 422);
  }
  try {
    // The declaration now says what the text no longer is; the XML parser reads the string.
    return decoder
      .decode(bytes)
      .replace(XML_ENCODING, (whole: string, name: string) => whole.replace(name, 'UTF-8'));
  } catch {
    throw new WireParseError(`The feed's body is not valid ${declared} text`, 422);
  }
};

/**
 * Where a drop folder is: `folder` inside `root`, or a refusal. The folder is named, never
 * chosen as a path: no absolute paths, no `..`, nothing outside the root.
 */
export const dropFolderPath = (root: string, folder: string): string => {
  const cleaned = folder.trim();
  if (!cleaned || path.isAbsolute(cleaned) || cleaned.split(/[\\/]/u).includes('..'))
    throw new WireParseError(
      'folder must name a folder inside the drop-folder root, without ".." or a leading "/"',
      400
    );
  const resolved = path.resolve(root, cleaned);
  const inside = path.relative(path.resolve(root), resolved);
  if (!inside || inside.startsWith('..') || path.isAbsolute(inside))
    throw new WireParseError('folder must name a folder inside the drop-folder root', 400);
  return resolved;
};

/** What a dropped file is, by its name: one payload the ingest reads, or null (left in `failed/`). */
export const droppedFileType = (name: string): string | null => {
  const extension = path.extname(name).toLowerCase();
  if (extension === '.txt') return 'text/plain';
  if (extension === '.json') return 'application/ninjs+json';
  if (extension === '.xml') return 'application/vnd.iptc.g2.newsitem+xml';
  return null;
};

/** Files an agency's upload leaves beside the copy (temporary names, dotfiles) are not copy. */
export const isCandidateFile = (name: string) =>
  !name.startsWith('.') && !/\.(?:part|tmp|filepart|crdownload)$/iu.test(name);

/** The day items are counted under (UTC). */
export const dayOf = (time: Date) => time.toISOString().slice(0, 10);
