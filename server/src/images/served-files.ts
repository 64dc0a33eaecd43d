import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/** Extensions the pipeline stores images under; browsers show these inline and never run them. */
const INLINE = /\.(jpe?g|png|webp|gif|avif|heic|heif|tiff?)$/iu;

/**
 * Uploaded files served from this server's own origin (Strapi's local provider) can never be
 * rendered as a page there: nothing is type-sniffed, anything that is not a stored image is
 * a download, and none may run scripts or load anything even if a browser tried.
 */
export const serveUploadsSafely = (strapi: Core.Strapi) => {
  strapi.server.use(async (ctx: Context, next: Next) => {
    await next();
    if (!ctx.path.startsWith('/uploads/')) return;
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
    if (!INLINE.test(ctx.path)) {
      ctx.set('Content-Disposition', 'attachment');
      if (ctx.status === 200 && !/^(application\/pdf|video\/|audio\/)/u.test(ctx.type)) ctx.type = 'application/octet-stream';
    }
  });
};
