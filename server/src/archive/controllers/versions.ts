import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { Refusal } from '../../platform/domain/refusal';
import { getService } from '../../platform/services';
import { authorizeArticle } from '../../workflow/article-access';
import type {
  DiffVersions,
  FindVersion,
  FindVersions,
} from '../../../../shared/contracts/versions';

/** The archive's routes take `?locale=` and nothing else. Throws Refusal 400. */
const onlyLocale = (ctx: Context) => {
  const unknown = Object.keys(ctx.query).filter((key) => key !== 'locale');
  if (unknown.length)
    throw new Refusal(
      400,
      `Unknown query parameter: ${unknown.join(', ')}; these routes take locale only`
    );
};

/** A snapshot number from the path. Throws Refusal 400. */
const numberOf = (value: unknown, name: string) => {
  const n = typeof value === 'string' && /^[1-9]\d{0,8}$/u.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n))
    throw new Refusal(400, `${name} must be a published version number (1, 2, …)`, {
      [name]: value,
    });
  return n;
};

/** Admin API of the archive of published versions: read-only, for users who may read the article. */
const versionsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /newsroom/articles/:documentId/versions` */
  async find(ctx: Context) {
    onlyLocale(ctx);
    const locale = await authorizeArticle(strapi, ctx, 'read');
    ctx.body = {
      data: await getService('archive', strapi).list(ctx.params.documentId, locale),
    } satisfies FindVersions.Response;
  },

  /** `GET /newsroom/articles/:documentId/versions/:number` */
  async findOne(ctx: Context) {
    onlyLocale(ctx);
    const number = numberOf(ctx.params.number, 'number');
    const locale = await authorizeArticle(strapi, ctx, 'read');
    ctx.body = {
      data: await getService('archive', strapi).find(ctx.params.documentId, locale, number),
    } satisfies FindVersion.Response;
  },

  /** `GET /newsroom/articles/:documentId/versions/:a/diff/:b` */
  async diff(ctx: Context) {
    onlyLocale(ctx);
    const a = numberOf(ctx.params.a, 'a');
    const b = numberOf(ctx.params.b, 'b');
    const locale = await authorizeArticle(strapi, ctx, 'read');
    ctx.body = {
      data: await getService('archive', strapi).diff(ctx.params.documentId, locale, a, b),
    } satisfies DiffVersions.Response;
  },
});

export default versionsController;
