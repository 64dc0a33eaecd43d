import type { Context } from 'koa';
import type { Refusal } from './domain/refusal';

/** The body Strapi's error middleware writes for a refusal. */
export const refusalBody = (refusal: Refusal) => ({
  data: null,
  error: {
    status: refusal.status,
    name: refusal.name,
    message: refusal.message,
    details: refusal.details,
  },
});

/**
 * For the one kind of middleware that runs ahead of Strapi's error middleware (before its body
 * parser and router): answers a refusal in the shape Strapi gives every other one. Everywhere
 * else a Refusal is simply thrown.
 */
export const answerBeforeRouting = (ctx: Context, refusal: Refusal) => {
  ctx.status = refusal.status;
  ctx.body = refusalBody(refusal);
};
