import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { etagOf, matchesEtag, maxAgeSeconds } from '../domain/http-cache';
import { canonicalUrl } from '../domain/sitemaps';
import type { CachedResponse, PublicState } from '../services/delivery-cache';
import { getService } from '../../platform/services';

/** Where file URLs and links point: the configured public URL, else the request's own origin. */
export const originOf = (strapi: Core.Strapi, ctx: Context) =>
  (strapi.config.get('server.url') as string | undefined)?.replace(/\/$/u, '') ||
  ctx.request.origin;

export const apiPrefix = (strapi: Core.Strapi) =>
  strapi.config.get('api.rest.prefix', '/api') as string;

/** Where readers reach an article: the site's canonical URL, else the API's detail URL. */
export const articleUrl = (strapi: Core.Strapi, origin: string, locale: string, slug: string) => {
  const { siteUrl } = getService('delivery', strapi).config();
  return siteUrl
    ? canonicalUrl(siteUrl, locale, slug)
    : `${origin}${apiPrefix(strapi)}/newsroom/articles/${encodeURIComponent(slug)}?locale=${encodeURIComponent(locale)}`;
};

export const json = (status: number, payload: unknown, contentType = 'application/json') => ({
  status,
  body: JSON.stringify(payload),
  contentType,
});

/**
 * Answers from the rendered-response cache when what is published has not changed since,
 * else renders; either way with an ETag, a Cache-Control bounded by the next scheduled
 * change, and 304 when the client already has the body.
 */
export const respond = async (
  strapi: Core.Strapi,
  ctx: Context,
  variant: string,
  render: (state: PublicState) => Promise<{ status: number; body: string; contentType: string }>
) => {
  const cache = getService('delivery-cache', strapi);
  const config = getService('delivery', strapi).config();
  const state = await cache.state();
  const { generation, nextChange } = state;
  const key = `${originOf(strapi, ctx)}${ctx.url}|${variant}`;
  let response: CachedResponse | undefined = config.responseCache
    ? cache.get(key, generation)
    : undefined;
  if (!response) {
    const rendered = await render(state);
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
