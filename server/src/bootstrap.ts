import type { Core } from '@strapi/strapi';
import { configureContentManagerViews } from './content-manager-views';
import { ensureIndexes } from './database-indexes';
import { registerAdminActions, setUpRolesNowAndOnNewRoles } from './permissions';
import { grantPublicReadNowAndOnNewRole } from './public-access';
import { registerRenditionWorker, watchFiles } from './images/lifecycle';
import { imageSettings } from './images/settings';
import { registerScheduler } from './scheduler';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await ensureIndexes(strapi);
  await registerAdminActions(strapi);
  await setUpRolesNowAndOnNewRoles(strapi);
  await configureContentManagerViews(strapi);
  await grantPublicReadNowAndOnNewRole(strapi);
  registerScheduler(strapi);
  watchFiles(strapi);
  registerRenditionWorker(strapi, imageSettings(strapi).workerTickSeconds);
};

export default bootstrap;
