import type { Core } from '@strapi/strapi';

/** Admin permissions of the newsroom, shown under Settings → Roles → Plugins → Newsroom. */
export const NEWSROOM_ACTIONS = [
  { section: 'plugins', displayName: 'Access the Newsroom', uid: 'read', pluginName: 'newsroom' },
];

export const registerAdminActions = async (strapi: Core.Strapi) => {
  await strapi.service('admin::permission').actionProvider.registerMany(NEWSROOM_ACTIONS);
};
