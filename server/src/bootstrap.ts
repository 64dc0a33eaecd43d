import type { Core } from '@strapi/strapi';
import { configureContentManagerViews } from './platform/content-manager-views';
import { ensureIndexes } from './platform/database-indexes';
import { ensureArchiveTriggers } from './archive/immutable-record';
import { registerAdminActions, setUpRolesNowAndOnNewRoles } from './workflow/roles';
import { grantPublicReadNowAndOnNewRole } from './delivery/public-access';
import { registerRenditionWorker, watchFiles } from './images/lifecycle';
import { imageSettings } from './images/settings';
import { registerScheduler } from './workflow/scheduler';
import { registerFeedPoller } from './wire/feed-poller';
import { registerWirePurge } from './wire/wire-retention';
import { registerPushWorker } from './push/worker';
import { getService } from './platform/services';
import { keepSearchCurrent } from './search/indexing';
import { forgetOnPublicChange } from './delivery/services/delivery-cache';
import { ensurePublicGeneration } from './delivery/public-generation';
import { keepBoardCounts } from './workflow/board-counts';
import { keepInboxCounts } from './wire/inbox-counts';

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await ensureIndexes(strapi);
  // Before anything below writes: from here on every write keeps the search indexes current.
  await getService('search-index', strapi).ensure();
  keepSearchCurrent(strapi);
  await ensureArchiveTriggers(strapi);
  const fingerprinted = await getService('workflow', strapi).fingerprintLegacyApprovals();
  if (fingerprinted)
    strapi.log.info(
      `[newsroom] recorded the approved text of ${fingerprinted} article(s) approved before approvals were fingerprinted`
    );
  // A failure here must not keep the newsroom from starting: the next start tries again.
  try {
    const archived = await getService('archive', strapi).archiveUnarchived();
    if (archived)
      strapi.log.info(
        `[newsroom] archived the served version of ${archived} article(s) published before the archive existed`
      );
  } catch (error) {
    strapi.log.error(
      `[newsroom] could not archive articles published before the archive existed: ${(error as Error).message}`
    );
  }
  await registerAdminActions(strapi);
  await setUpRolesNowAndOnNewRoles(strapi);
  await configureContentManagerViews(strapi);
  await grantPublicReadNowAndOnNewRole(strapi);
  const deliveryCache = getService('delivery-cache', strapi);
  deliveryCache.useCounter(await ensurePublicGeneration(strapi));
  await keepBoardCounts(strapi);
  await keepInboxCounts(strapi);
  forgetOnPublicChange(strapi, deliveryCache);
  registerScheduler(strapi);
  registerFeedPoller(strapi);
  registerWirePurge(strapi);
  watchFiles(strapi);
  registerRenditionWorker(strapi, imageSettings(strapi).workerTickSeconds);
  registerPushWorker(strapi);
};

export default bootstrap;
