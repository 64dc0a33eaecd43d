import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { GetDesk, GetDeskCounts } from '../../../../shared/contracts/desk';
import type { DeskQuery } from '../services/desk';
import { readableArticlesShowing } from '../../platform/actors';
import { listLocale } from '../../platform/locales';
import { getService } from '../../platform/services';
import { permissionFor } from '../../workflow/domain/machine';
import { validateDeskQuery } from '../validation/desk';

type Ability = { can(action: string, subject?: unknown): boolean };

/** The article fields the desk shows, or picks and orders its blocks by. */
const DESK_ARTICLE_FIELDS = [
  'headline',
  'workflowState',
  'workflowVersion',
  'scheduledAt',
  'embargoUntil',
  'wireUpdate',
  'agencyAlert',
];

/** The editor's desk: what this user's shift works on, read with this user's permissions. */
const deskController = ({ strapi }: { strapi: Core.Strapi }) => {
  /** Whose desk, in which locale, and what the user may see. Throws Refusal 400 or 403. */
  const deskQuery = async (ctx: Context): Promise<DeskQuery> => {
    const query = (await validateDeskQuery(ctx.query)) as { locale?: string };
    // Only the stories this user may read in the Content Manager, conditions included, and
    // only for a user who may read every field the desk shows or sorts its blocks by.
    const readable = readableArticlesShowing(strapi, ctx, DESK_ARTICLE_FIELDS, 'The desk');
    const ability = ctx.state.userAbility as Ability;
    return {
      locale: await listLocale(strapi, query.locale),
      userId: ctx.state.user.id,
      readable,
      canReadWire: ability.can('plugin::newsroom.wire.read'),
      canApprove: ability.can(permissionFor('approve')),
    };
  };

  return {
    /** `GET /newsroom/desk?locale=ru`. Throws Refusal 400 or 403. */
    async find(ctx: Context) {
      const query = await deskQuery(ctx);
      const { desk, waitingForMe, newWire } = await getService('desk', strapi).view(query);
      const { locale } = query;
      ctx.body = {
        data: desk,
        meta: { locale, counts: { newWire, waitingForMe } },
      } satisfies GetDesk.Response;
    },

    /** `GET /newsroom/desk/counts?locale=ru`: the menu's counts. Throws Refusal 400 or 403. */
    async counts(ctx: Context) {
      const query = await deskQuery(ctx);
      ctx.body = {
        data: await getService('desk', strapi).counts(query),
        meta: { locale: query.locale },
      } satisfies GetDeskCounts.Response;
    },
  };
};

export default deskController;
