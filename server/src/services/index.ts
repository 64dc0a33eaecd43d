import agencies from './agencies';
import articleDrafts from './article-drafts';
import articleSlugs from './article-slugs';
import rubrics from './rubrics';
import wireInbox from './wire-inbox';
import wireIngest from './wire-ingest';
import workflow from './workflow';

export default {
  agencies,
  'article-drafts': articleDrafts,
  'article-slugs': articleSlugs,
  rubrics,
  'wire-inbox': wireInbox,
  'wire-ingest': wireIngest,
  workflow,
};
