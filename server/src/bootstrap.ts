import type { Core } from '@strapi/strapi';
import { configureContentManagerViews } from './content-manager-views';
import { grantDefaultPermissions, registerAdminActions } from './permissions';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await registerAdminActions(strapi);
  await grantDefaultPermissions(strapi);
  await configureContentManagerViews(strapi);
};

export default bootstrap;
