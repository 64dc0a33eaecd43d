import type { Core } from '@strapi/strapi';
import type { NewsroomConfig } from '../config';
import { getService } from '../platform/services';

/**
 * Registers the scheduler with Strapi's cron: every tick it publishes the scheduled
 * articles that are due (schedules and lifted embargoes). Runs where `workflow.scheduler`
 * is on; several processes may run it at once.
 */
export const registerScheduler = (strapi: Core.Strapi) => {
  const { scheduler, schedulerTickSeconds } = (
    strapi.config.get('plugin::newsroom') as NewsroomConfig
  ).workflow;
  if (!scheduler) return;
  let running = false;
  strapi.cron.add({
    'newsroom-scheduler': {
      options: { rule: `*/${schedulerTickSeconds} * * * * *` },
      task: async () => {
        if (running) return; // a slow run is not overlapped by the next tick
        running = true;
        try {
          const published = await getService('workflow', strapi).publishDue();
          if (published) strapi.log.info(`[newsroom] scheduler published ${published} article(s)`);
        } catch (error) {
          strapi.log.error(`[newsroom] scheduler run failed: ${(error as Error).message}`);
        } finally {
          running = false;
        }
      },
    },
  });
};
