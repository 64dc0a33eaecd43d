import type { Core } from '@strapi/strapi';
import type { NewsroomConfig } from '../config';

const DELIVERY_ACTIONS = ['find', 'findOne', 'feed', 'openapi'].map(
  (a) => `plugin::newsroom.delivery.${a}`
);

/**
 * Lets the public role (Users & Permissions) read the delivery routes, once: an
 * administrator who later unticks them in Settings → Users & Permissions keeps it so.
 */
const grantPublicRead = async (strapi: Core.Strapi) => {
  const { publicRead } = (strapi.config.get('plugin::newsroom') as NewsroomConfig).delivery;
  if (!publicRead || !strapi.plugin('users-permissions')) return;
  const store = strapi.store({ type: 'plugin', name: 'newsroom' });
  if (await store.get({ key: 'public-read-granted' })) return;
  const role = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' } });
  if (!role) return;
  for (const action of DELIVERY_ACTIONS) {
    const exists = await strapi.db
      .query('plugin::users-permissions.permission')
      .findOne({ where: { action, role: role.id } });
    if (!exists)
      await strapi.db
        .query('plugin::users-permissions.permission')
        .create({ data: { action, role: role.id } });
  }
  await store.set({ key: 'public-read-granted', value: true });
};

/** Grants now, or when Users & Permissions creates its public role on a new database. */
export const grantPublicReadNowAndOnNewRole = async (strapi: Core.Strapi) => {
  if (!strapi.plugin('users-permissions')) return;
  await grantPublicRead(strapi);
  strapi.db.lifecycles.subscribe({
    models: ['plugin::users-permissions.role'],
    async afterCreate(event) {
      if ((event.result as { type?: string })?.type === 'public') await grantPublicRead(strapi);
    },
  });
};
