import crypto from 'crypto';

/** JSON with every object's keys sorted: the same value gives the same text, whatever the database did to key order. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0
          )
        )
      : v
  );

/**
 * A snapshot's content hash: SHA-256 (hex) of its delivery JSON, its HTML and its ninjs, each
 * JSON in canonical form, joined by newlines. Anyone holding a snapshot can recompute it.
 */
export const contentHash = (delivery: unknown, html: string, ninjs: unknown) =>
  crypto
    .createHash('sha256')
    .update(canonicalJson(delivery))
    .update('\n')
    .update(html)
    .update('\n')
    .update(canonicalJson(ninjs))
    .digest('hex');
