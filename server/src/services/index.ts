import agencies from './agencies';
import articleDrafts from './article-drafts';
import articleSlugs from './article-slugs';
import board from './board';
import dashboard from './dashboard';
import delivery from './delivery';
import deliveryCache from './delivery-cache';
import renditions from './renditions';
import rubrics from './rubrics';
import wireInbox from './wire-inbox';
import wireIngest from './wire-ingest';
import wireUpdates from './wire-updates';
import workflow from './workflow';

export default {
  agencies,
  'article-drafts': articleDrafts,
  'article-slugs': articleSlugs,
  board,
  dashboard,
  delivery,
  'delivery-cache': deliveryCache,
  renditions,
  rubrics,
  'wire-inbox': wireInbox,
  'wire-ingest': wireIngest,
  'wire-updates': wireUpdates,
  workflow,
};
