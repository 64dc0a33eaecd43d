import articles from './articles';
import delivery from './delivery';
import renditions from './renditions';
import wire from './wire';
import wireItems from './wire-items';

export default {
  articles,
  delivery,
  renditions,
  wire,
  'wire-items': wireItems,
};
