import type { Core } from '@strapi/strapi';
import { purgeWireItems, type PurgeOptions } from '../wire-retention';

/** Retention of agency copy: what the daily purge does, callable on demand. */
const wireRetentionService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Purges the untaken wire items past `wire.retentionDays` at `now` (or `options.retentionDays`;
   * 0 purges nothing) and returns how many went. Throws when wire items hold uploaded files.
   */
  purgeExpired(now: Date = new Date(), options: PurgeOptions = {}): Promise<number> {
    return purgeWireItems(strapi, now, options);
  },
});

export type WireRetentionService = ReturnType<typeof wireRetentionService>;
export default wireRetentionService;
