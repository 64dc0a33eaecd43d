import type { Core } from '@strapi/strapi';

/** Admin permissions of the newsroom, shown under Settings → Roles → Plugins → Newsroom. */
export const NEWSROOM_ACTIONS = [
  { section: 'plugins', displayName: 'Access the Newsroom', uid: 'read', pluginName: 'newsroom' },
  { section: 'plugins', displayName: 'Read the wire', uid: 'wire.read', subCategory: 'wire', pluginName: 'newsroom' },
  { section: 'plugins', displayName: 'Take or ignore wire items', uid: 'wire.take', subCategory: 'wire', pluginName: 'newsroom' },
];

/** What Strapi's default roles may do in the newsroom until an administrator changes it. */
export const DEFAULT_GRANTS: Record<string, string[]> = {
  'strapi-editor': ['read', 'wire.read', 'wire.take'],
  'strapi-author': ['read', 'wire.read', 'wire.take'],
};

export const registerAdminActions = async (strapi: Core.Strapi) => {
  await strapi.service('admin::permission').actionProvider.registerMany(NEWSROOM_ACTIONS);
};

/**
 * Grants the default newsroom permissions to each role once; what an administrator later
 * removes in Settings → Roles stays removed. On a new database Strapi creates the Editor
 * and Author roles after plugins have bootstrapped, so the grant also follows role creation.
 */
export const grantDefaultPermissionsNowAndOnNewRoles = async (strapi: Core.Strapi) => {
  await grantDefaultPermissions(strapi);
  strapi.db.lifecycles.subscribe({
    models: ['admin::role'],
    async afterCreate(event) {
      if (DEFAULT_GRANTS[(event.result as { code?: string })?.code ?? '']) await grantDefaultPermissions(strapi);
    },
  });
};

export const grantDefaultPermissions = async (strapi: Core.Strapi) => {
  const store = strapi.store({ type: 'plugin', name: 'newsroom' });
  const granted = ((await store.get({ key: 'granted-permissions' })) as string[] | null) ?? [];
  const permissionService = strapi.service('admin::permission');
  for (const [code, actions] of Object.entries(DEFAULT_GRANTS)) {
    const role = await strapi.db.query('admin::role').findOne({ where: { code } });
    if (!role) continue;
    const missing = actions.map((a) => `plugin::newsroom.${a}`).filter((a) => !granted.includes(`${code}:${a}`));
    if (!missing.length) continue;
    await permissionService.createMany(missing.map((action) => ({ action, role: role.id, subject: null, properties: {}, conditions: [] })));
    granted.push(...missing.map((a) => `${code}:${a}`));
  }
  await store.set({ key: 'granted-permissions', value: granted });
};
