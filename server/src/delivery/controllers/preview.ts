import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { articleDetail, articleDetailBody } from '../domain/article-view';
import { articlePage, PAGE_STYLE_SOURCE } from '../domain/article-page';
import { getService } from '../../platform/services';
import { Refusal } from '../../platform/domain/refusal';
import { refusalBody } from '../../platform/http-errors';
import { parsePreviewQuery } from '../validation/delivery';
import { originOf } from './respond';

const originOfUrl = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/** Who may frame a preview: this server, and the admin panel when it lives elsewhere. */
const frameAncestors = (strapi: Core.Strapi) => {
  const admin = originOfUrl(String(strapi.config.get('admin.url') ?? ''));
  return ["'self'", admin].filter(Boolean).join(' ');
};

/**
 * Route middleware of the preview: never cached, never indexed, no referrer, nothing loaded or
 * run, framed only by the admin, on every answer it gives (400, 404, 429 and 500 included).
 * The page's own answer narrows the policy further for its images and style.
 */
export const privatePage =
  (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: () => Promise<unknown>) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Robots-Tag', 'noindex, nofollow');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Content-Type-Options', 'nosniff');
    // frame-ancestors says who may frame it; a SAMEORIGIN header would refuse an admin elsewhere.
    ctx.remove('X-Frame-Options');
    ctx.set(
      'Content-Security-Policy',
      `default-src 'none'; frame-ancestors ${frameAncestors(strapi)}; base-uri 'none'; form-action 'none'`
    );
    await next();
  };

/**
 * `GET /api/newsroom/preview/:token[?format=html]`: the working copy a signed link names, as
 * the public detail would show it. No login (an iframe sends none): the token is the key.
 * Never cached, never indexed, no referrer; a bad, expired or orphaned token is answered
 * exactly as an unknown slug is.
 */
const previewController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async findOne(ctx: Context) {
    // The private-page headers are set by the route's middleware (`privatePage`), on every answer.
    const { format = 'json' } = await parsePreviewQuery(ctx.query);
    const ancestors = frameAncestors(strapi);
    const found = await getService('preview', strapi).read(String(ctx.params.token));
    if (!found) {
      ctx.status = 404;
      ctx.body = refusalBody(new Refusal(404, 'Article not found'));
      return;
    }
    const { row, claim } = found;
    const origin = originOf(strapi, ctx);
    if (format === 'html') {
      const view = articleDetail(row, origin);
      const images = [view.leadPhoto, ...view.gallery]
        .map((photo) => (photo?.image ? originOfUrl(photo.image.url) : null))
        .filter((o): o is string => Boolean(o));
      ctx.set(
        'Content-Security-Policy',
        [
          "default-src 'none'",
          `img-src ${[...new Set(images)].join(' ') || "'none'"}`,
          `style-src ${PAGE_STYLE_SOURCE}`,
          `frame-ancestors ${ancestors}`,
          "base-uri 'none'",
          "form-action 'none'",
        ].join('; ')
      );
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = articlePage(view);
      return;
    }
    const { data } = articleDetailBody(row, origin, getService('delivery', strapi).site());
    ctx.body = {
      data,
      meta: {
        preview: {
          documentId: claim.documentId,
          locale: claim.locale,
          workflowState: (row as { workflowState?: string }).workflowState ?? null,
          expiresAt: new Date(claim.exp * 1000).toISOString(),
        },
      },
    };
  },
});

export default previewController;
