import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import type { NewsroomConfig } from '../config';

/**
 * A fixed-window request limit per client address for the delivery routes
 * (`delivery.rateLimit`); off when `max` is 0. Counts are per process.
 */
export const rateLimit = (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const windows = new Map<string, { start: number; count: number }>();
  return async (ctx: Context, next: Next) => {
    const { max, windowSeconds } = (strapi.config.get('plugin::newsroom') as NewsroomConfig).delivery.rateLimit;
    if (!max) return next();
    const now = Date.now();
    const key = ctx.ip;
    let window = windows.get(key);
    if (!window || now - window.start >= windowSeconds * 1000) {
      window = { start: now, count: 0 };
      windows.set(key, window);
      if (windows.size > 10000) for (const [k, w] of windows) if (now - w.start >= windowSeconds * 1000) windows.delete(k);
    }
    window.count += 1;
    const retryAfter = Math.ceil((window.start + windowSeconds * 1000 - now) / 1000);
    ctx.set('RateLimit-Limit', String(max));
    ctx.set('RateLimit-Remaining', String(Math.max(0, max - window.count)));
    if (window.count > max) {
      ctx.set('Retry-After', String(retryAfter));
      ctx.status = 429;
      ctx.body = { data: null, error: { status: 429, name: 'RateLimitError', message: `Too many requests; try again in ${retryAfter} s`, details: {} } };
      return;
    }
    await next();
  };
};
