import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { articleDetail, articleDetailBody, articleSummary } from '../domain/article-view';
import { etagOf, matchesEtag, maxAgeSeconds } from '../domain/http-cache';
import { toNinjs } from '../domain/ninjs';
import { deliveryOpenApi } from '../domain/openapi';
import { toRss } from '../domain/rss';
import {
  canonicalUrl,
  NEWS_SITEMAP_HOURS,
  NEWS_SITEMAP_MAX_URLS,
  newsSitemap,
  sitemap,
  SITEMAP_MAX_URLS,
  sitemapIndex,
} from '../domain/sitemaps';
import type { CachedResponse } from '../services/delivery-cache';
import { getService } from '../../platform/services';
import { Refusal } from '../../platform/domain/refusal';
import { refusalBody } from '../../platform/http-errors';
import {
  parseDetailQuery,
  parseFeedQuery,
  parseListQuery,
  parseSitemapQuery,
} from '../validation/delivery';

const NINJS_TYPE = 'application/ninjs+json';

/** Where file URLs and links point: the configured public URL, else the request's own origin. */
const originOf = (strapi: Core.Strapi, ctx: Context) =>
  (strapi.config.get('server.url') as string | undefined)?.replace(/\/$/u, '') ||
  ctx.request.origin;

const apiPrefix = (strapi: Core.Strapi) => strapi.config.get('api.rest.prefix', '/api') as string;

/** Where readers reach an article: the site's canonical URL, else the API's detail URL. */
const articleUrl = (strapi: Core.Strapi, origin: string, locale: string, slug: string) => {
  const { siteUrl } = getService('delivery', strapi).config();
  return siteUrl
    ? canonicalUrl(siteUrl, locale, slug)
    : `${origin}${apiPrefix(strapi)}/newsroom/articles/${encodeURIComponent(slug)}?locale=${encodeURIComponent(locale)}`;
};

const json = (status: number, payload: unknown, contentType = 'application/json') => ({
  status,
  body: JSON.stringify(payload),
  contentType,
});

/**
 * Answers from the rendered-response cache when what is published has not changed since,
 * else renders; either way with an ETag, a Cache-Control bounded by the next scheduled
 * change, and 304 when the client already has the body.
 */
const respond = async (
  strapi: Core.Strapi,
  ctx: Context,
  variant: string,
  render: () => Promise<{ status: number; body: string; contentType: string }>
) => {
  const cache = getService('delivery-cache', strapi);
  const config = getService('delivery', strapi).config();
  const { generation, nextChange } = await cache.state();
  const key = `${originOf(strapi, ctx)}${ctx.url}|${variant}`;
  let response: CachedResponse | undefined = config.responseCache
    ? cache.get(key, generation)
    : undefined;
  if (!response) {
    const rendered = await render();
    response = { ...rendered, etag: etagOf(rendered.body) };
    if (config.responseCache) cache.set(key, generation, response);
  }
  const maxAge = maxAgeSeconds(config.maxAgeSeconds, nextChange);
  ctx.set('ETag', response.etag);
  ctx.set('Cache-Control', `public, max-age=${maxAge}`);
  ctx.set('Vary', 'Accept');
  if (response.status === 200 && matchesEtag(ctx.get('If-None-Match'), response.etag)) {
    ctx.status = 304;
    return;
  }
  ctx.status = response.status;
  ctx.type = response.contentType;
  ctx.body = response.body;
};

/** Content API for headless consumers. */
const deliveryController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /api/newsroom/articles` */
  async find(ctx: Context) {
    const delivery = getService('delivery', strapi);
    const { defaultPageSize, maxPageSize } = delivery.config();
    const params = await parseListQuery(ctx.query, defaultPageSize, maxPageSize);
    await respond(strapi, ctx, 'json', async () => {
      const locale = params.locale ?? (await delivery.defaultLocale());
      const { rows, total } = await delivery.list({ ...params, locale });
      const origin = originOf(strapi, ctx);
      return json(200, {
        data: rows.map((row) => articleSummary(row, origin)),
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
    await respond(strapi, ctx, wantsNinjs ? 'ninjs' : 'json', async () => {
      const locale = query.locale ?? (await delivery.defaultLocale());
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
    await respond(strapi, ctx, 'rss', async () => {
      const locale = query.locale ?? (await delivery.defaultLocale());
      const { rows } = await delivery.list({
        locale,
        rubric: query.rubric,
        page: 1,
        pageSize: config.maxPageSize,
      });
      const origin = originOf(strapi, ctx);
      const linkFor = (slug: string) =>
        config.siteUrl
          ? canonicalUrl(config.siteUrl, locale, slug)
          : `${origin}${apiPrefix(strapi)}/newsroom/articles/${slug}?locale=${encodeURIComponent(locale)}`;
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
          link: linkFor(row.slug),
          imageBytes: row.leadPhoto?.image?.size
            ? Math.round(row.leadPhoto.image.size * 1024)
            : null,
        }))
      );
      return { status: 200, body, contentType: 'application/rss+xml; charset=utf-8' };
    });
  },

  /** `GET /api/newsroom/news-sitemap.xml`: articles first published in the last 48 hours, at most 1,000. */
  async newsSitemap(ctx: Context) {
    const delivery = getService('delivery', strapi);
    await parseSitemapQuery(ctx.query, false);
    await respond(strapi, ctx, 'xml', async () => {
      const rows = await delivery.firstPublishedSince(
        new Date(Date.now() - NEWS_SITEMAP_HOURS * 3600_000),
        NEWS_SITEMAP_MAX_URLS
      );
      const origin = originOf(strapi, ctx);
      const body = newsSitemap(
        delivery.site().publisherName,
        rows.map((row) => ({
          url: articleUrl(strapi, origin, row.locale, row.slug),
          title: row.headline,
          language: row.language || row.locale,
          firstPublishedAt: new Date(row.firstPublishedAt ?? row.publishedAt).toISOString(),
        }))
      );
      return { status: 200, body, contentType: 'application/xml; charset=utf-8' };
    });
  },

  /** `GET /api/newsroom/sitemap.xml[?page=N]`: every published article; an index past 50,000. */
  async sitemap(ctx: Context) {
    const delivery = getService('delivery', strapi);
    const { page } = await parseSitemapQuery(ctx.query, true);
    await respond(strapi, ctx, 'xml', async () => {
      const origin = originOf(strapi, ctx);
      const total = await delivery.countPublic();
      const pages = Math.max(1, Math.ceil(total / SITEMAP_MAX_URLS));
      const xml = (body: string) => ({
        status: 200,
        body,
        contentType: 'application/xml; charset=utf-8',
      });
      if (page === undefined && pages > 1) {
        const self = `${origin}${apiPrefix(strapi)}/newsroom/sitemap.xml`;
        return xml(
          sitemapIndex(Array.from({ length: pages }, (_, i) => ({ url: `${self}?page=${i + 1}` })))
        );
      }
      if ((page ?? 1) > pages)
        return json(404, refusalBody(new Refusal(404, `The sitemap has ${pages} page(s)`)));
      const rows = await delivery.publicPage(page ?? 1, SITEMAP_MAX_URLS);
      return xml(
        sitemap(
          rows.map((row) => ({
            url: articleUrl(strapi, origin, row.locale, row.slug),
            lastModified: new Date(row.publishedAt).toISOString(),
          }))
        )
      );
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
