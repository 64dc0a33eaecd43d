import type { Core } from '@strapi/strapi';
import attribution from './attribution.json';
import correction from './correction.json';
import dateline from './dateline.json';
import photo from './photo.json';
import section from './section.json';
import tag from './tag.json';

/** Components of the newsroom content model, category `newsroom`. */
export const COMPONENT_SCHEMAS = { attribution, correction, dateline, photo, section, tag };

/**
 * Plugins have no declarative slot for components, so they are added to Strapi's
 * registry during `register`, shaped the way Strapi's own component loader shapes
 * the files it finds under `src/components`.
 */
export const registerComponents = (strapi: Core.Strapi) => {
  const registry = strapi.get('components');
  for (const [name, schema] of Object.entries(COMPONENT_SCHEMAS)) {
    const uid = `newsroom.${name}`;
    if (registry.get(uid)) continue;
    registry.set(uid, {
      ...structuredClone(schema),
      __schema__: structuredClone(schema),
      uid,
      category: 'newsroom',
      modelType: 'component',
      modelName: name,
      globalId: `ComponentNewsroom${name[0].toUpperCase()}${name.slice(1)}`,
    });
  }
};
