import { ReadStream } from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/** Extensions the pipeline stores images under; browsers show these inline and never run them. */
const INLINE = /\.(jpe?g|png|webp|gif|avif|heic|heif|tiff?)$/iu;
/** Types a browser shows in a viewer of its own, never as a page. */
const VIEWABLE =
  /^(application\/pdf|video\/|audio\/|image\/(jpeg|png|webp|gif|avif|heic|heif|tiff))/u;

/**
 * Uploaded files served from this server's own origin (Strapi's local provider) can never be
 * rendered as a page there: nothing is type-sniffed, anything that is not a stored image is
 * a download, and none may run scripts or load anything even if a browser tried. Decided from
 * the file actually sent, so no spelling of its address (`/%75ploads/…`, `/./uploads/…`) slips by.
 */
export const serveUploadsSafely = (strapi: Core.Strapi) => {
  const uploadsDir = () => path.join(strapi.dirs.static.public, 'uploads') + path.sep;
  const resolvedPath = (requested: string) => {
    try {
      return path.join(
        strapi.dirs.static.public,
        path.posix.normalize(decodeURIComponent(requested))
      );
    } catch {
      return null;
    }
  };
  strapi.server.use(async (ctx: Context, next: Next) => {
    await next();
    // The file sent, where the body is one; else the address as koa-static resolves it (a Range
    // request's body wraps the file stream).
    const sent =
      ctx.body instanceof ReadStream && typeof ctx.body.path === 'string'
        ? path.resolve(ctx.body.path)
        : resolvedPath(ctx.path);
    if (!sent?.startsWith(uploadsDir())) return;
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
    if (!INLINE.test(sent)) {
      ctx.set('Content-Disposition', 'attachment');
      if (!VIEWABLE.test(ctx.type)) ctx.type = 'application/octet-stream';
    }
  });
};
