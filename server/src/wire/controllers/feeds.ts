import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { NewsroomConfig } from '../../config';
import { getService } from '../../platform/services';
import { ARTICLE_UID } from '../../platform/domain/uids';
import { validateFeedId, validateFeedInput, validateIngestTokens } from '../validation/feeds';
import type {
  AgencyAlertView,
  FindFeeds,
  FindWireAlerts,
  PollFeed,
  SaveFeed,
  SetIngestTokens,
} from '../../../../shared/contracts/feeds';
import type { AgencyAlert } from '../../../../shared/contracts/workflow';

/** Admin API of the feeds page, and the alerts the wire inbox shows at its top. */
const feedsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => (strapi.config.get('plugin::newsroom') as NewsroomConfig).feeds;
  const idOf = async (ctx: Context) => (await validateFeedId(Number(ctx.params.id))) as number;
  const inputOf = (ctx: Context) =>
    validateFeedInput(ctx.request.body ?? {}, settings().minIntervalSeconds);

  return {
    async find(ctx: Context) {
      const agencies = await getService('agencies', strapi).listWithTokens();
      ctx.body = {
        data: await getService('feeds', strapi).list(),
        meta: {
          dropFolders: Boolean(settings().dropRoot),
          agencies: agencies.map(({ id, code, name }) => ({ id, code, name })),
        },
      } satisfies FindFeeds.Response;
    },

    async create(ctx: Context) {
      const feed = await getService('feeds', strapi).create(await inputOf(ctx));
      ctx.status = 201;
      ctx.body = { data: feed } satisfies SaveFeed.Response;
    },

    async update(ctx: Context) {
      const id = await idOf(ctx);
      ctx.body = {
        data: await getService('feeds', strapi).update(id, await inputOf(ctx)),
      } satisfies SaveFeed.Response;
    },

    async delete(ctx: Context) {
      await getService('feeds', strapi).remove(await idOf(ctx));
      ctx.status = 204;
    },

    async poll(ctx: Context) {
      const { feed, result } = await getService('feeds', strapi).pollNow(await idOf(ctx));
      ctx.body = { data: feed, meta: { result } } satisfies PollFeed.Response;
    },

    async alerts(ctx: Context) {
      const rows = (await strapi.db.query(ARTICLE_UID).findMany({
        select: ['documentId', 'locale', 'headline', 'workflowState', 'agencyAlert'],
        where: { publishedAt: { $null: true }, agencyAlert: { $notNull: true } },
        populate: { attribution: { populate: { agency: { select: ['code'] } } } },
        orderBy: { updatedAt: 'desc' },
        limit: 100,
      })) as Array<{
        documentId: string;
        locale: string;
        headline: string | null;
        workflowState: string;
        agencyAlert: AgencyAlert | null;
        attribution?: { agency?: { code: string } | null } | null;
      }>;
      const agencyAlerts: AgencyAlertView[] = rows
        .filter((row) => row.agencyAlert)
        .map((row) => ({
          documentId: row.documentId,
          locale: row.locale,
          headline: row.headline,
          workflowState: row.workflowState,
          status: row.agencyAlert!.status,
          notice: row.agencyAlert!.notice,
          agency: row.attribution?.agency?.code ?? null,
          receivedAt: row.agencyAlert!.receivedAt,
        }));
      ctx.body = {
        data: {
          feeds: (await getService('feeds', strapi).alerts()).map(
            ({ id, name, light, alerts }) => ({
              id,
              name,
              light,
              alerts,
            })
          ),
          agencyAlerts,
        },
      } satisfies FindWireAlerts.Response;
    },

    async setIngestTokens(ctx: Context) {
      const id = await idOf(ctx);
      const { ingestTokens } = (await validateIngestTokens(ctx.request.body ?? {})) as {
        ingestTokens: number[];
      };
      ctx.body = {
        data: await getService('agencies', strapi).setIngestTokens(id, ingestTokens),
      } satisfies SetIngestTokens.Response;
    },
  };
};

export default feedsController;
