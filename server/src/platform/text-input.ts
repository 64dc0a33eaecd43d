/**
 * U+0000 cannot be stored or compared by PostgreSQL; left alone it turns a bad request into a
 * database fault (500). The newsroom refuses it with 400 wherever text comes in: the paths and
 * query strings of its routes, and the data any writer sends for its types.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { holdsNul } from '../wire/domain/payload';
import { Refusal } from './domain/refusal';
import { answerBeforeRouting } from './http-errors';

const NUL_MESSAGE = 'Text holding a NUL character (U+0000) is not accepted';

/** The path as the router reads it, or null when its percent-encoding is broken. */
const decoded = (path: string) => {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
};

/** Before routing: a newsroom route's path or query with U+0000 (or broken percent-encoding) is answered 400 here. */
export const refuseNulInNewsroomRequests = (strapi: Core.Strapi) => {
  const prefix = `${strapi.config.get('api.rest.prefix', '/api')}/newsroom/`;
  // The newsroom's routes, and the Content Manager's on the newsroom's types.
  const isNewsroom = (path: string) =>
    path.startsWith('/newsroom/') || path.startsWith(prefix) || path.includes('plugin::newsroom.');
  return async (ctx: Context, next: Next) => {
    const path = decoded(ctx.path);
    if (!isNewsroom(path ?? ctx.path)) return next();
    if (path === null)
      return answerBeforeRouting(
        ctx,
        new Refusal(400, 'The address is not valid percent-encoding')
      );
    if (path.includes('\u0000') || holdsNul(ctx.query))
      return answerBeforeRouting(ctx, new Refusal(400, NUL_MESSAGE));
    return next();
  };
};

/** Any writer's data for a newsroom type (Content Manager, code): U+0000 is refused with 400. */
export const refuseNulInNewsroomData = (strapi: Core.Strapi) => {
  strapi.documents.use(async (context, next) => {
    if (
      context.uid.startsWith('plugin::newsroom.') &&
      ['create', 'update', 'clone'].includes(context.action)
    ) {
      if (holdsNul((context.params as { data?: unknown }).data))
        throw new Refusal(400, NUL_MESSAGE);
    }
    return next();
  });
};

/**
 * Route middleware on every newsroom route: a JSON body holding U+0000 anywhere is refused
 * with 400 before a controller sees it (admin bodies go to `strapi.db.query()`, past the
 * document-service check above). Raw wire payloads (buffers) are the ingest's to judge.
 */
export const refuseNulInBody = () => async (ctx: Context, next: Next) => {
  const body = ctx.request.body as unknown;
  if (body && typeof body === 'object' && !Buffer.isBuffer(body) && holdsNul(body))
    throw new Refusal(400, NUL_MESSAGE);
  return next();
};
