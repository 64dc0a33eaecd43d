/**
 * What a subscriber checks on a push: `X-Newsroom-Signature: t=<unix seconds>,v1=<hex>` where
 * the hex is HMAC-SHA256 of `<t>.<body>` under the subscriber's secret. The timestamp lets the
 * receiver refuse replays older than its tolerance.
 */
import crypto from 'crypto';

export const SIGNATURE_HEADER = 'x-newsroom-signature';

export const signPush = (body: string, secret: string, at = Date.now()) => {
  const t = Math.floor(at / 1000);
  const v1 = crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
};

/** Whether `header` signs `body` under `secret`, no older than `toleranceSeconds`. */
export const verifyPush = (
  header: string | undefined,
  body: string,
  secret: string,
  toleranceSeconds = 300,
  now = Date.now()
) => {
  const parts = Object.fromEntries(
    (header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string])
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/u.test(parts.v1 ?? '')) return false;
  if (Math.abs(now / 1000 - t) > toleranceSeconds) return false;
  const expected = crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return crypto.timingSafeEqual(expected, Buffer.from(parts.v1, 'hex'));
};

/**
 * When to try a failed delivery again: exponential from `baseSeconds`, capped at `maxSeconds`,
 * with jitter over the upper half of that ("equal jitter"), so that deliveries that failed
 * together do not all return together. `random` is in [0, 1).
 */
export const retryDelaySeconds = (
  attempt: number,
  baseSeconds: number,
  maxSeconds: number,
  random: number
) => {
  const ceiling = Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + (ceiling / 2) * random;
};
