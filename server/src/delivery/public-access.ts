import type { Core } from '@strapi/strapi';
import type { NewsroomConfig } from '../config';

const DELIVERY_ACTIONS = [
  'delivery.find',
  'delivery.findOne',
  'delivery.feed',
  'delivery.openapi',
  'news-sitemap.find',
  'sitemap.find',
].map((a) => `plugin::newsroom.${a}`);
/** What versions before the sitemaps granted, under one flag. */
const FIRST_ACTIONS = DELIVERY_ACTIONS.slice(0, 4);

/**
 * Lets the public role (Users & Permissions) read the delivery routes, each route once: a
 * route added by an upgrade is granted at the first start after it, and one an administrator
 * later unticks in Settings → Users & Permissions stays unticked.
 */
const grantPublicRead = async (strapi: Core.Strapi) => {
  const { publicRead } = (strapi.config.get('plugin::newsroom') as NewsroomConfig).delivery;
  if (!publicRead || !strapi.plugin('users-permissions')) return;
  const store = strapi.store({ type: 'plugin', name: 'newsroom' });
  const granted =
    ((await store.get({ key: 'public-read-actions' })) as string[] | null) ??
    ((await store.get({ key: 'public-read-granted' })) ? [...FIRST_ACTIONS] : []);
  const missing = DELIVERY_ACTIONS.filter((action) => !granted.includes(action));
  if (!missing.length) return;
  const role = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' } });
  if (!role) return;
  for (const action of missing) {
    const exists = await strapi.db
      .query('plugin::users-permissions.permission')
      .findOne({ where: { action, role: role.id } });
    if (!exists)
      await strapi.db
        .query('plugin::users-permissions.permission')
        .create({ data: { action, role: role.id } });
  }
  await store.set({ key: 'public-read-actions', value: [...granted, ...missing] });
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
