import articles from './articles';
import delivery from './delivery';
import wire from './wire';
import wireItems from './wire-items';

export default {
  articles,
  delivery,
  wire,
  'wire-items': wireItems,
};
