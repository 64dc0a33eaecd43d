/**
 * Signed, expiring preview links: a token names one article locale and an expiry, and carries
 * an HMAC-SHA256 of both under the server's secret. A token that was changed, has expired, or
 * was signed with another secret is no token at all.
 */
import crypto from 'crypto';

export interface PreviewClaim {
  documentId: string;
  locale: string;
  /** Expiry, in seconds since the epoch. */
  exp: number;
}

const TOKEN_FORM = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/u;

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

const mac = (payload: string, secret: string) =>
  crypto.createHmac('sha256', secret).update(`newsroom-preview.${payload}`).digest();

/** `<payload>.<signature>`, both base64url. */
export const signPreview = (claim: PreviewClaim, secret: string) => {
  const payload = b64(JSON.stringify([claim.documentId, claim.locale, claim.exp]));
  return `${payload}.${b64(mac(payload, secret))}`;
};

/** The claim of a valid, unexpired token; null for anything else. */
export const verifyPreview = (
  token: string,
  secret: string,
  now = Date.now()
): PreviewClaim | null => {
  // Exactly the form `signPreview` writes: base64url (no padding) and a 32-byte signature, so
  // that no other spelling of the same bytes (padding, standard base64, stray characters) passes.
  if (typeof token !== 'string' || token.length > 1024 || !TOKEN_FORM.test(token)) return null;
  const [payload, signature] = token.split('.');
  // Compared as written: a last character differing only in base64's unused bits is another token.
  const expected = Buffer.from(b64(mac(payload, secret)));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const [documentId, locale, exp] = JSON.parse(
      Buffer.from(payload, 'base64url').toString('utf8')
    );
    if (typeof documentId !== 'string' || typeof locale !== 'string' || !Number.isInteger(exp))
      return null;
    return exp * 1000 > now ? { documentId, locale, exp } : null;
  } catch {
    return null;
  }
};
