import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { articleDetail, articleDetailBody, articleSummary } from '../domain/article-view';
import { toNinjs } from '../domain/ninjs';
import { deliveryOpenApi } from '../domain/openapi';
import { toRss } from '../domain/rss';
import { getService } from '../../platform/services';
import { Refusal } from '../../platform/domain/refusal';
import { refusalBody } from '../../platform/http-errors';
import { parseDetailQuery, parseFeedQuery, parseListQuery } from '../validation/delivery';
import { apiPrefix, articleUrl, json, originOf, respond } from './respond';

const NINJS_TYPE = 'application/ninjs+json';

/** Content API for headless consumers. */
const deliveryController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /api/newsroom/articles` */
  async find(ctx: Context) {
    const delivery = getService('delivery', strapi);
    const { defaultPageSize, maxPageSize } = delivery.config();
    const params = await parseListQuery(ctx.query, defaultPageSize, maxPageSize);
    await respond(strapi, ctx, 'json', async (state) => {
      const locale = params.locale ?? state.defaultLocale;
      const { rows, total } = await delivery.list({
        ...params,
        locale,
        generation: state.generation,
      });
      const origin = originOf(strapi, ctx);
      return json(200, {
        data: rows.map((row) => ({
          ...articleSummary(row, origin),
          // A search's passage: HTML-escaped text with the hits in <mark>.
          ...(row.snippet !== undefined ? { snippet: row.snippet } : {}),
        })),
        meta: {
          pagination: {
            page: params.page,
            pageSize: params.pageSize,
            pageCount: Math.ceil(total / params.pageSize),
            total,
          },
        },
      });
    });
  },

  /** `GET /api/newsroom/articles/:slug` (JSON or IPTC ninjs 2.2) */
  async findOne(ctx: Context) {
    const delivery = getService('delivery', strapi);
    const query = await parseDetailQuery(ctx.query);
    const wantsNinjs =
      query.format === 'ninjs' ||
      (query.format === undefined && ctx.get('Accept').includes(NINJS_TYPE));
    await respond(strapi, ctx, wantsNinjs ? 'ninjs' : 'json', async (state) => {
      const locale = query.locale ?? state.defaultLocale;
      const found = await delivery.findBySlug(ctx.params.slug, locale);
      // Answers, not failures: cached like any page until what is public changes.
      if (!found) return json(404, refusalBody(new Refusal(404, 'Article not found')));
      if ('killed' in found) return json(410, refusalBody(new Refusal(410, found.killed)));
      const origin = originOf(strapi, ctx);
      return wantsNinjs
        ? json(
            200,
            toNinjs(found.row, articleDetail(found.row, origin), delivery.config().uriBase),
            NINJS_TYPE
          )
        : json(200, articleDetailBody(found.row, origin, delivery.site()));
    });
  },

  /** `GET /api/newsroom/feed.xml` */
  async feed(ctx: Context) {
    const delivery = getService('delivery', strapi);
    const config = delivery.config();
    const query = await parseFeedQuery(ctx.query);
    await respond(strapi, ctx, 'rss', async (state) => {
      const locale = query.locale ?? state.defaultLocale;
      const { rows } = await delivery.list({
        locale,
        rubric: query.rubric,
        page: 1,
        pageSize: config.maxPageSize,
        counted: false,
      });
      const origin = originOf(strapi, ctx);
      const body = toRss(
        {
          title:
            query.rubric && rows[0]?.rubric
              ? `${config.feedTitle}: ${rows[0].rubric.name}`
              : config.feedTitle,
          link: config.siteUrl || `${origin}${apiPrefix(strapi)}/newsroom/articles`,
          description: config.feedDescription,
          selfUrl: `${origin}${ctx.originalUrl}`,
          language: locale,
        },
        rows.map((row) => ({
          ...articleSummary(row, origin),
          link: articleUrl(strapi, origin, locale, row.slug),
          imageBytes: row.leadPhoto?.image?.size
            ? Math.round(row.leadPhoto.image.size * 1024)
            : null,
        }))
      );
      return { status: 200, body, contentType: 'application/rss+xml; charset=utf-8' };
    });
  },

  /** `GET /api/newsroom/openapi.json` */
  async openapi(ctx: Context) {
    await respond(strapi, ctx, 'json', async () =>
      json(200, deliveryOpenApi(`${originOf(strapi, ctx)}${apiPrefix(strapi)}`))
    );
  },
});

export default deliveryController;
