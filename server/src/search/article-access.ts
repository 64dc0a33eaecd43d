import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { readableArticlesShowing } from '../platform/actors';

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
export const articlePermissionsFor = (strapi: Core.Strapi, ctx: Context) =>
  readableArticlesShowing(strapi, ctx, SEARCHED_ARTICLE_FIELDS, 'Searching articles');
