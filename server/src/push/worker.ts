import type { Core } from '@strapi/strapi';
import type { NewsroomConfig } from '../config';
import { getService } from '../platform/services';

/**
 * Sends due deliveries from this process where `push.worker` is on: at start (what waited
 * through a restart), after each change that records one, when a retry falls due, and on a
 * cron tick as the backstop for deliveries another process recorded.
 */
export const registerPushWorker = (strapi: Core.Strapi) => {
  const { worker, tickSeconds } = (strapi.config.get('plugin::newsroom') as NewsroomConfig).push;
  if (!worker) return;
  const push = getService('push', strapi);
  strapi.cron.add({
    'newsroom-push': {
      options: { rule: `*/${tickSeconds} * * * * *` },
      task: async () => push.kick(),
    },
  });
  push.kick();
};
