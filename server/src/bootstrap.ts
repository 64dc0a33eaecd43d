import type { Core } from '@strapi/strapi';
import { configureContentManagerViews } from './content-manager-views';
import { grantDefaultPermissionsNowAndOnNewRoles, registerAdminActions } from './permissions';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await registerAdminActions(strapi);
  await grantDefaultPermissionsNowAndOnNewRoles(strapi);
  await configureContentManagerViews(strapi);
};

export default bootstrap;
