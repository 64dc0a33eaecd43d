import archive from './archive';
import articles from './articles';
import delivery from './delivery';
import desk from './desk';
import images from './images';
import push from './push';
import search from './search';
import subjects from './subjects';
import wire from './wire';
import workflow from './workflow';

/** The newsroom's features; the plugin's services, controllers, middlewares and routes are theirs, spread. */
export const FEATURES = [
  wire,
  workflow,
  articles,
  images,
  delivery,
  archive,
  push,
  search,
  subjects,
  desk,
] as const;

const spread = <K extends 'services' | 'controllers'>(key: K) =>
  Object.assign({}, ...FEATURES.map((feature) => feature[key]));

export const services = spread('services');
export const controllers = spread('controllers');
export const middlewares = Object.assign(
  {},
  ...FEATURES.map((feature) => ('middlewares' in feature ? feature.middlewares : {}))
);
