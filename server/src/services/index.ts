import agencies from './agencies';
import articleDrafts from './article-drafts';
import articleSlugs from './article-slugs';
import delivery from './delivery';
import rubrics from './rubrics';
import wireInbox from './wire-inbox';
import wireIngest from './wire-ingest';
import workflow from './workflow';

export default {
  agencies,
  'article-drafts': articleDrafts,
  'article-slugs': articleSlugs,
  delivery,
  rubrics,
  'wire-inbox': wireInbox,
  'wire-ingest': wireIngest,
  workflow,
};
