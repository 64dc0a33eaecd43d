import articles from './articles';
import wire from './wire';
import wireItems from './wire-items';

export default {
  articles,
  wire,
  'wire-items': wireItems,
};
