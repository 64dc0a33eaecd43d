import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import {
  NEWS_SITEMAP_HOURS,
  NEWS_SITEMAP_MAX_URLS,
  newsSitemap,
  sitemap,
  sitemapIndex,
} from '../domain/sitemaps';
import { getService } from '../../platform/services';
import { Refusal } from '../../platform/domain/refusal';
import { refusalBody } from '../../platform/http-errors';
import { parseSitemapQuery } from '../validation/delivery';
import { apiPrefix, articleUrl, json, originOf, respond } from './respond';

/*
 * The sitemaps answer as `find` handlers (`news-sitemap.find`, `sitemap.find`), so that
 * Strapi's read-only API tokens, which pass only `find` and `findOne`, may read them.
 */

export const newsSitemapController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /api/newsroom/news-sitemap.xml`: articles first published in the last 48 hours, at most 1,000. */
  async find(ctx: Context) {
    const delivery = getService('delivery', strapi);
    await parseSitemapQuery(ctx.query, false);
    // Stories age out by the clock, not only by publishing: a rendered answer lasts a minute.
    const minute = Math.floor(Date.now() / 60_000);
    await respond(strapi, ctx, `xml|${minute}`, async () => {
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
});

export const sitemapController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /api/newsroom/sitemap.xml[?page=N]`: every published article; an index past 50,000. */
  async find(ctx: Context) {
    const delivery = getService('delivery', strapi);
    const { page } = await parseSitemapQuery(ctx.query, true);
    await respond(strapi, ctx, 'xml', async () => {
      const origin = originOf(strapi, ctx);
      const total = await delivery.countPublic();
      const perPage = delivery.config().sitemapUrlsPerPage;
      const pages = Math.max(1, Math.ceil(total / perPage));
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
      const rows = await delivery.publicPage(page ?? 1, perPage);
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
});
