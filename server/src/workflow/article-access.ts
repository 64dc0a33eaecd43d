import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { Refusal } from '../platform/domain/refusal';
import { articlePermissions } from '../platform/actors';
import { articleRepository } from '../articles/repository';
import { defaultLocale } from '../platform/locales';
import { LOCALE_CODE } from './validation/workflow';

/**
 * The one locale a request addresses: `?locale=` or the body's `locale`, the default when
 * neither. Throws Refusal 400 when they disagree, so the locale checked is the locale acted on.
 */
export const requestLocale = async (strapi: Core.Strapi, ctx: Context): Promise<string> => {
  const query = ctx.query.locale;
  const body = (ctx.request.body as { locale?: unknown } | undefined)?.locale;
  if (query !== undefined && typeof query !== 'string')
    throw new Refusal(400, 'locale must be given once');
  if (query !== undefined && body !== undefined && query !== body) {
    throw new Refusal(
      400,
      `The query names locale "${query}" and the body "${String(body)}"; name one`
    );
  }
  const locale = query ?? body;
  if (locale !== undefined && (typeof locale !== 'string' || !LOCALE_CODE.test(locale))) {
    throw new Refusal(400, 'locale must be a locale code such as en or ru-RU');
  }
  return typeof locale === 'string' ? locale : defaultLocale(strapi);
};

/**
 * The Content Manager's own rule for this user and article, conditions included: an Author
 * limited to their own articles cannot move, read or update someone else's by its id.
 * Returns the locale addressed. Throws Refusal 400, 404 (no such article) or 403.
 */
export const authorizeArticle = async (
  strapi: Core.Strapi,
  ctx: Context,
  action: 'read' | 'update'
) => {
  const locale = await requestLocale(strapi, ctx);
  const article = await articleRepository(strapi).draft(ctx.params.documentId, locale, {
    populate: { createdBy: { select: ['id'] } },
  });
  if (!article) throw new Refusal(404, `Article ${ctx.params.documentId} not found`);
  const permissions = articlePermissions(strapi, ctx);
  if (!permissions || permissions.cannot[action](article)) {
    throw new Refusal(
      403,
      `You are not allowed to ${action === 'read' ? 'read' : 'change'} this article`,
      { documentId: ctx.params.documentId }
    );
  }
  return locale;
};
