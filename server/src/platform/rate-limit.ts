import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import type { NewsroomConfig } from '../config';
import { createRateWindows } from './domain/bounded';
import { Refusal } from './domain/refusal';

/** Most clients counted at once; beyond it the oldest window is forgotten, so many addresses cannot grow the process. */
const MAX_CLIENTS = 50_000;

/** A fixed-window request limit per client. Counts are per process. Throws an HTTP 429 with `Retry-After`. */
export const requestLimiter = () => {
  const windows = createRateWindows(MAX_CLIENTS);
  return (ctx: Context, client: string, limit: { max: number; windowSeconds: number }) => {
    if (!limit.max) return;
    const { allowed, remaining, retryAfterSeconds } = windows.hit(
      client,
      limit.max,
      limit.windowSeconds * 1000
    );
    ctx.set('RateLimit-Limit', String(limit.max));
    ctx.set('RateLimit-Remaining', String(remaining));
    if (!allowed) {
      ctx.set('Retry-After', String(retryAfterSeconds));
      throw new Refusal(429, `Too many requests; try again in ${retryAfterSeconds} s`, {
        retryAfterSeconds,
      });
    }
  };
};

/** The delivery routes' limit per client address (`delivery.rateLimit`); off when `max` is 0. */
export const rateLimit = (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const limit = requestLimiter();
  return async (ctx: Context, next: Next) => {
    limit(
      ctx,
      ctx.ip,
      (strapi.config.get('plugin::newsroom') as NewsroomConfig).delivery.rateLimit
    );
    await next();
  };
};
