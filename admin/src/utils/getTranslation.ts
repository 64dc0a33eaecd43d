import { PLUGIN_ID } from '../pluginId';

/** Namespaces a translation key with the plugin id, as Strapi's admin expects. */
export const getTranslation = (id: string) => `${PLUGIN_ID}.${id}`;
