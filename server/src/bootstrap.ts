import type { Core } from '@strapi/strapi';
import { configureContentManagerViews } from './content-manager-views';
import { ensureIndexes } from './database-indexes';
import { registerAdminActions, setUpRolesNowAndOnNewRoles } from './permissions';
import { grantPublicReadNowAndOnNewRole } from './public-access';
import { registerRenditionWorker, watchFiles } from './images/lifecycle';
import { imageSettings } from './images/settings';
import { registerScheduler } from './scheduler';
import { getService } from './utils';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await ensureIndexes(strapi);
  const fingerprinted = await getService('workflow', strapi).fingerprintLegacyApprovals();
  if (fingerprinted) strapi.log.info(`[newsroom] recorded the approved text of ${fingerprinted} article(s) approved before approvals were fingerprinted`);
  await registerAdminActions(strapi);
  await setUpRolesNowAndOnNewRoles(strapi);
  await configureContentManagerViews(strapi);
  await grantPublicReadNowAndOnNewRole(strapi);
  registerScheduler(strapi);
  watchFiles(strapi);
  registerRenditionWorker(strapi, imageSettings(strapi).workerTickSeconds);
};

export default bootstrap;
