import type { Core } from '@strapi/strapi';
import { configureContentManagerViews } from './content-manager-views';
import { ensureIndexes } from './database-indexes';
import { grantDefaultPermissionsNowAndOnNewRoles, registerAdminActions } from './permissions';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await ensureIndexes(strapi);
  await registerAdminActions(strapi);
  await grantDefaultPermissionsNowAndOnNewRoles(strapi);
  await configureContentManagerViews(strapi);
};

export default bootstrap;
