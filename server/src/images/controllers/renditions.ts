import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { Refusal } from '../../platform/domain/refusal';
import { imageSettings } from '../settings';
import { getService } from '../../platform/services';
import type { GetRenditions, Regenerate } from '../../../../shared/contracts/renditions';

/** Admin API of the rendition work: the queue, the plan, and regeneration runs with their progress. */
const renditionsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async status(ctx: Context) {
    const renditions = getService('renditions', strapi);
    const [queue, run] = await Promise.all([renditions.queue(), renditions.progress()]);
    ctx.body = {
      data: { plan: imageSettings(strapi).plan, queue, run },
    } satisfies GetRenditions.Response;
  },

  async regenerate(ctx: Context) {
    const renditions = getService('renditions', strapi);
    const current = await renditions.progress();
    if (current && !current.finished) {
      throw new Refusal(
        409,
        'A regeneration run is still in progress; it resumes by itself after a restart',
        { run: current }
      );
    }
    ctx.status = 202;
    ctx.body = { data: await renditions.regenerateAll() } satisfies Regenerate.Response;
  },
});

export default renditionsController;
