import type { Core } from '@strapi/strapi';
import { DEMO_PASSWORD } from '../production';

export const DEMO_ADMIN = {
  email: process.env.NEWSROOM_ADMIN_EMAIL || 'chief@newsroom.local',
  password: process.env.NEWSROOM_ADMIN_PASSWORD || DEMO_PASSWORD,
  firstname: process.env.NEWSROOM_ADMIN_FIRSTNAME || 'Chief',
  lastname: process.env.NEWSROOM_ADMIN_LASTNAME || 'Editor',
};

/** Creates the development super admin when the instance has no admin yet. */
export const ensureSuperAdmin = async (strapi: Core.Strapi) => {
  const users = strapi.service('admin::user');
  if ((await users.count()) > 0) return false;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await users.create({
    ...DEMO_ADMIN,
    registrationToken: null,
    isActive: true,
    roles: superAdmin ? [superAdmin.id] : [],
  });
  return true;
};
