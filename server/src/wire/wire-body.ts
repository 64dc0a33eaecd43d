import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/** What the wire route receives: the request's bytes as sent, read before Strapi's body parser. */
export interface WireBody {
  bytes: Buffer;
  contentType?: string;
  /** Set when the body passed the size limit; reading stopped there. */
  tooLarge: boolean;
}

export const WIRE_BODY = Symbol.for('newsroom.wireBody');

const readLimited = (
  ctx: Context,
  maxBytes: number
): Promise<{ bytes: Buffer; tooLarge: boolean }> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const req = ctx.req;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        req.resume(); // drain the rest without keeping it
        resolve({ bytes: Buffer.alloc(0), tooLarge: true });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve({ bytes: Buffer.concat(chunks), tooLarge: false }));
    req.once('error', reject);
  });

/**
 * The wire route needs the exact bytes (to check size, encoding and binary content, and
 * to keep the raw payload), so it reads them itself ahead of Strapi's body parser, which
 * is then shown no content type to parse.
 */
export const wireBodyReader = (strapi: Core.Strapi) => async (ctx: Context, next: Next) => {
  const path = `${strapi.config.get('api.rest.prefix', '/api')}/newsroom/wire`;
  if (ctx.method === 'POST' && ctx.path === path) {
    const maxBytes = (strapi.config.get('plugin::newsroom') as { wire: { maxBytes: number } }).wire
      .maxBytes;
    const contentType = ctx.get('content-type') || undefined;
    const { bytes, tooLarge } = await readLimited(ctx, maxBytes);
    (ctx.state as Record<symbol, WireBody>)[WIRE_BODY] = { bytes, contentType, tooLarge };
    delete ctx.req.headers['content-type'];
  }
  await next();
};
