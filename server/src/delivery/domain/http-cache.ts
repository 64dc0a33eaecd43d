import crypto from 'crypto';

/** A strong ETag of a response body. */
export const etagOf = (body: string | Buffer) =>
  `"${crypto.createHash('sha1').update(body).digest('base64url')}"`;

/** True when an `If-None-Match` header names this ETag (or `*`). */
export const matchesEtag = (ifNoneMatch: string | undefined, etag: string) =>
  Boolean(ifNoneMatch) &&
  ifNoneMatch!
    .split(',')
    .map((t) => t.trim().replace(/^W\//u, ''))
    .some((t) => t === etag || t === '*');

/**
 * How long a response may be cached: the configured maximum, cut short so that it never
 * outlives the next scheduled change (an embargo lifting, a schedule firing).
 */
export const maxAgeSeconds = (maxAge: number, nextChange: Date | null, now = new Date()) => {
  if (!nextChange) return maxAge;
  const until = Math.floor((nextChange.getTime() - now.getTime()) / 1000);
  return Math.max(0, Math.min(maxAge, until));
};
