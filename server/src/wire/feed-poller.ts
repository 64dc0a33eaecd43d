import type { Core } from '@strapi/strapi';
import type { NewsroomConfig } from '../config';
import { getService } from '../platform/services';

/**
 * Registers feed polling with Strapi's cron: every tick this process polls the feeds that
 * are due and that it wins the claim for. Runs where `feeds.poller` is on; any number of
 * processes may run it, each feed is polled by one. A feed's new alerts are logged once.
 */
export const registerFeedPoller = (strapi: Core.Strapi) => {
  const { poller, tickSeconds } = (strapi.config.get('plugin::newsroom') as NewsroomConfig).feeds;
  if (!poller) return;
  let running = false;
  const logged = new Map<number, string>();
  strapi.cron.add({
    'newsroom-feeds': {
      options: { rule: `*/${tickSeconds} * * * * *` },
      task: async () => {
        if (running) return; // a slow poll is not overlapped by the next tick
        running = true;
        try {
          const feeds = getService('feeds', strapi);
          await feeds.pollDue();
          const current = new Map(
            (await feeds.alerts()).map((feed) => [
              feed.id,
              `${feed.name}: ${feed.alerts.join('; ')}`,
            ])
          );
          for (const [id, line] of current)
            if (logged.get(id) !== line) strapi.log.warn(`[newsroom] feed alert: ${line}`);
          logged.clear();
          for (const [id, line] of current) logged.set(id, line);
        } catch (error) {
          strapi.log.error(`[newsroom] feed polling failed: ${(error as Error).message}`);
        } finally {
          running = false;
        }
      },
    },
  });
};
