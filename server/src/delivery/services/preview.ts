import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { NewsroomConfig } from '../../config';
import type { ArticleRow } from '../domain/article-view';
import { signPreview, verifyPreview, type PreviewClaim } from '../domain/preview-token';
import { DETAIL_POPULATE } from './delivery';
import { articleRepository } from '../../articles/repository';
import { articlePermissions, readsArticleFields } from '../../platform/actors';
import { ARTICLE_UID } from '../../platform/domain/uids';
import { defaultLocale } from '../../platform/locales';
import { APPROVED_FIELDS } from '../../workflow/domain/approval';

/** The article fields a preview shows: what readers see (an approval's fields) and the corrections. */
const PREVIEWED_FIELDS: string[] = [
  ...APPROVED_FIELDS.filter((field) => field !== 'embargoUntil'),
  'corrections',
];

/** What Strapi's Content Manager hands a preview handler. */
export interface PreviewParams {
  documentId?: string;
  locale?: string | null;
  status?: string;
}

/**
 * Signed, expiring previews of an article's working copy (a draft, or a published article's
 * pending correction). Only a user the Content Manager lets read the article gets a link; the
 * link itself needs no login, since a preview iframe sends none.
 */
const previewService = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => (strapi.config.get('plugin::newsroom') as NewsroomConfig).preview;
  // Derived from the admin's JWT secret, which every Strapi app has and keeps private.
  const secret = () => {
    const adminSecret = strapi.config.get('admin.auth.secret') as string | undefined;
    if (!adminSecret) throw new Error('admin.auth.secret is not set: previews cannot be signed');
    return crypto
      .createHmac('sha256', adminSecret)
      .update('strapi-plugin-newsroom preview links')
      .digest('hex');
  };
  const apiPrefix = () => strapi.config.get('api.rest.prefix', '/api') as string;
  const serverUrl = () =>
    ((strapi.config.get('server.url') as string | undefined) ?? '').replace(/\/$/u, '');

  return {
    /** A token for one article locale, valid for `preview.ttlSeconds`. */
    sign(documentId: string, locale: string, now = Date.now()) {
      const exp = Math.floor(now / 1000) + config().ttlSeconds;
      return { token: signPreview({ documentId, locale, exp }, secret()), expiresAt: exp };
    },

    /** Where the signed preview is shown: the configured front end, else the plugin's own page. */
    urlFor(documentId: string, locale: string) {
      const { token } = this.sign(documentId, locale);
      const template = config().url;
      if (!template) return `${serverUrl()}${apiPrefix()}/newsroom/preview/${token}?format=html`;
      return template
        .replace(/\{token\}/gu, encodeURIComponent(token))
        .replace(/\{documentId\}/gu, encodeURIComponent(documentId))
        .replace(/\{locale\}/gu, encodeURIComponent(locale));
    },

    /**
     * Strapi's `admin.preview.config.handler` for articles. Strapi checks only that the caller
     * is an admin; this signs only for a user the Content Manager lets read this article locale
     * (conditions such as "own articles" and locale limits included). Anything else: no link.
     */
    async handler(uid: string, params: PreviewParams = {}) {
      if (uid !== ARTICLE_UID || typeof params.documentId !== 'string') return null;
      const locale = params.locale || (await defaultLocale(strapi));
      const article = await articleRepository(strapi).draft(params.documentId, locale, {
        populate: { createdBy: { select: ['id'] } },
      });
      if (!article) return null;
      const permissions = articlePermissions(strapi);
      if (!permissions || permissions.cannot.read(article)) return null;
      // The preview shows every field a reader sees: each, down to the components' own fields
      // (as roles grant them: `body.text`, `leadPhoto.caption`), must be one this user may read.
      if (!readsArticleFields(strapi, permissions, PREVIEWED_FIELDS, article)) return null;
      return this.urlFor(params.documentId, locale);
    },

    /** The working copy a valid token names, whole; null for a bad, expired or orphaned token. */
    async read(token: string): Promise<{ claim: PreviewClaim; row: ArticleRow } | null> {
      const claim = verifyPreview(token, secret());
      if (!claim) return null;
      const row = await articleRepository(strapi).draft<ArticleRow>(
        claim.documentId,
        claim.locale,
        {
          populate: DETAIL_POPULATE,
        }
      );
      return row ? { claim, row } : null;
    },
  };
};

export type PreviewService = ReturnType<typeof previewService>;
export default previewService;
