import wire from './wire';
import wireItems from './wire-items';

export default {
  wire,
  'wire-items': wireItems,
};
