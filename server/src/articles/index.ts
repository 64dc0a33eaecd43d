import type { FeatureRoutes } from '../platform/routes';
import articleDrafts from './services/article-drafts';
import articleSlugs from './services/article-slugs';

/** Articles: drafts made from wire stories, slugs. */
export default {
  services: { 'article-drafts': articleDrafts, 'article-slugs': articleSlugs },
  controllers: {},
  routes: {} as FeatureRoutes,
};
