import agencies from './agencies';
import articleDrafts from './article-drafts';
import articleSlugs from './article-slugs';
import rubrics from './rubrics';
import wireFormats from './wire-formats';

export default {
  agencies,
  'article-drafts': articleDrafts,
  'article-slugs': articleSlugs,
  rubrics,
  'wire-formats': wireFormats,
};
