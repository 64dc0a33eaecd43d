import type { Core } from '@strapi/strapi';
import { registerBaselineWireCopy, registerGenericRestForBenchmark } from './bench-generic-rest';
import { ensureDemoLocales, seedDemoContent } from './demo/seed';
import { DEMO_ADMIN, ensureSuperAdmin } from './demo/super-admin';
import { isProduction, refuseDemoPassword, refuseDevelopmentSecrets } from './production';

/** The demo newsroom: a development admin and the reference story, unless turned off; never in production. */
const demoEnabled = () => !isProduction() && process.env.NEWSROOM_DEMO !== 'false';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    if (isProduction()) refuseDevelopmentSecrets();
    if (process.env.NEWSROOM_BENCH_GENERIC_REST === '1') registerGenericRestForBenchmark(strapi);
    if (process.env.NEWSROOM_BENCH_BASELINE === '1') registerBaselineWireCopy(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    if (isProduction()) await refuseDemoPassword(strapi);
    if (!demoEnabled()) return;
    await ensureDemoLocales(strapi);
    const created = await ensureSuperAdmin(strapi);
    if (created) {
      strapi.log.info(
        `[newsroom demo] super admin created: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`
      );
    } else {
      strapi.log.info(
        `[newsroom demo] log in as ${DEMO_ADMIN.email} (set NEWSROOM_ADMIN_EMAIL / NEWSROOM_ADMIN_PASSWORD before the first start to choose)`
      );
    }
    // The desk (the story published, more wire, stories in review, scheduled, under embargo)
    // unless NEWSROOM_DEMO_DESK=false: then the reference story alone, as a draft.
    const desk = process.env.NEWSROOM_DEMO_DESK !== 'false';
    if (await seedDemoContent(strapi, { desk }))
      strapi.log.info(
        desk
          ? '[newsroom demo] reference story published; wire, stories in review, scheduled and under embargo on the desk'
          : '[newsroom demo] reference story ingested from the wire and taken as a draft article'
      );
  },
};
