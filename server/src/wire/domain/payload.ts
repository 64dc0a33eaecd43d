import { languageOfStory } from './language';
import crypto from 'crypto';
import { WireParseError } from './errors';
import { parseNewsmlG2 } from './newsml-g2';
import { parseNinjs } from './ninjs';
import { parsePlainTextWire } from './plain-text';
import type { WireStory } from './story';

export type WireFormat = 'text' | 'ninjs' | 'newsml-g2';

const MEDIA_TYPES: Record<string, WireFormat> = {
  'text/plain': 'text',
  'application/json': 'ninjs',
  'application/ninjs+json': 'ninjs',
  'application/xml': 'newsml-g2',
  'text/xml': 'newsml-g2',
  'application/vnd.iptc.g2.newsitem+xml': 'newsml-g2',
};

export const ACCEPTED_MEDIA_TYPES = Object.keys(MEDIA_TYPES);

/** The wire format a Content-Type names. Throws WireParseError 415 for anything else or a non-UTF-8 charset. */
export const formatForContentType = (contentType: string | undefined): WireFormat => {
  const [type, ...params] = (contentType ?? '').split(';').map((s) => s.trim().toLowerCase());
  const format = MEDIA_TYPES[type];
  if (!format) {
    throw new WireParseError(
      `Content-Type ${type ? `"${type}"` : '(none)'} is not accepted; send one of ${ACCEPTED_MEDIA_TYPES.join(', ')}`,
      415
    );
  }
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/gu, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new WireParseError(`charset "${charset}" is not accepted; wire copy must be UTF-8`, 415);
  }
  return format;
};

// Control characters other than tab, line feed, form feed and carriage return.
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/u;

const BINARY = new WireParseError(
  'The body looks binary (it holds control bytes); send plain text, ninjs JSON or NewsML-G2 XML',
  415
);

/**
 * The payload as text. Throws WireParseError: 413 over `maxBytes`, 400 empty or not
 * UTF-8, 415 binary.
 */
export const decodePayload = (bytes: Buffer, maxBytes: number): string => {
  if (bytes.length > maxBytes) {
    throw new WireParseError(
      `The body is larger than the ${maxBytes}-byte limit for wire copy`,
      413,
      { maxBytes }
    );
  }
  if (bytes.length === 0) throw new WireParseError('The body is empty', 400);
  if (bytes.includes(0)) throw BINARY;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new WireParseError('The body is not valid UTF-8 text', 400);
  }
  if (CONTROL.test(text)) throw BINARY;
  if (text.replace(/^\uFEFF/u, '').trim() === '')
    throw new WireParseError('The body is empty', 400);
  return text;
};

/** Identity of copy that carries no guid: the same words give the same hash, whatever the line ends. */
export const contentHash = (text: string) =>
  crypto
    .createHash('sha256')
    .update(
      text
        .replace(/^\uFEFF/u, '')
        .replace(/\r\n?/gu, '\n')
        .trim()
    )
    .digest('hex');

/** Whether any string inside `value` holds U+0000, which PostgreSQL text cannot store. */
export const holdsNul = (value: unknown): boolean => {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value && typeof value === 'object') return Object.values(value).some(holdsNul);
  return false;
};

/** Largest agency version a store can hold (a 32-bit integer column). */
export const MAX_AGENCY_VERSION = 2_147_483_647;
/** Longest agency guid (ninjs uri, NewsML-G2 guid) kept. */
export const MAX_GUID_LENGTH = 1000;

const parseFormat = (format: WireFormat, text: string, receivedAt: Date): WireStory => {
  switch (format) {
    case 'text':
      return parsePlainTextWire(text, receivedAt);
    case 'ninjs':
      return parseNinjs(text);
    case 'newsml-g2':
      return parseNewsmlG2(text);
  }
};

/**
 * Parses copy of a known format, and holds what any format yields to what can be stored.
 * Throws WireParseError naming the problem.
 */
export const parseWire = (format: WireFormat, text: string, receivedAt: Date): WireStory => {
  const story = parseFormat(format, text, receivedAt);
  if (
    story.version !== undefined &&
    !(
      Number.isSafeInteger(story.version) &&
      story.version >= 0 &&
      story.version <= MAX_AGENCY_VERSION
    )
  ) {
    throw new WireParseError(
      `The version must be a whole number from 0 to ${MAX_AGENCY_VERSION}; got ${story.version}`,
      422,
      { version: story.version }
    );
  }
  if (story.guid !== undefined && story.guid.length > MAX_GUID_LENGTH) {
    throw new WireParseError(
      `The item's guid is ${story.guid.length} characters long; the limit is ${MAX_GUID_LENGTH}`,
      422
    );
  }
  // A JSON "\u0000" or an XML character reference can smuggle in what the raw bytes may not hold.
  if (holdsNul(story)) {
    throw new WireParseError(
      'The copy contains a NUL character (U+0000), which wire copy cannot hold',
      400
    );
  }
  // Only a real language tag is kept (an agency's "English" or "__proto__" is none).
  const language = languageOfStory(story);
  const { language: _sent, ...rest } = story;
  return language ? { ...rest, language } : rest;
};
