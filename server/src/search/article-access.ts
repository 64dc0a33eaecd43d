import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { articlePermissions, readsArticleFields } from '../platform/actors';
import { Refusal } from '../platform/domain/refusal';

/**
 * The article fields a search reads or answers with: a user must be allowed to read all of
 * them, or the hits (and their snippets) would tell what the Content Manager hides.
 */
export const SEARCHED_ARTICLE_FIELDS = [
  'headline',
  'slug',
  'standfirst',
  'byline',
  'dateline',
  'body',
  'leadPhoto',
  'gallery',
  'subjects',
  'urgency',
  'workflowState',
];

/** The filter limiting a search to the articles this user may read, all searched fields included. Throws Refusal 403. */
export const articlePermissionsFor = (strapi: Core.Strapi, ctx: Context) => {
  const permissions = articlePermissions(strapi, ctx);
  const readable = permissions?.queryFor('read');
  if (!permissions || !readable) throw new Refusal(403, 'You are not allowed to read articles');
  if (!readsArticleFields(strapi, permissions, SEARCHED_ARTICLE_FIELDS))
    throw new Refusal(
      403,
      `Searching articles needs read access to ${SEARCHED_ARTICLE_FIELDS.join(', ')}`
    );
  return readable;
};
