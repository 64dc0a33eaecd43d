import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { actorOf } from '../../platform/actors';
import { Refusal } from '../../platform/domain/refusal';
import { getService } from '../../platform/services';
import { authorizeArticle } from '../article-access';
import type { LockCaller } from '../services/edit-locks';
import { validateKeepLock, validateLockQuery, validateTakeOver } from '../validation/locks';
import type {
  GetLock,
  KeepLock,
  ReleaseLock,
  TakeOverLock,
} from '../../../../shared/contracts/locks';

type Ability = { can(action: string, subject?: unknown): boolean };

export const TAKE_OVER_PERMISSION = 'plugin::newsroom.lock.take-over';

const callerOf = (ctx: Context, session?: string): LockCaller => {
  const actor = actorOf(ctx);
  return {
    actor: { ...actor, id: actor.id as number },
    session,
    mayTakeOver: (ctx.state.userAbility as Ability).can(TAKE_OVER_PERMISSION),
  };
};

/** Admin API of edit locks: a tab takes, keeps, takes over and releases an article's lock. */
const locksController = ({ strapi }: { strapi: Core.Strapi }) => {
  const locks = () => getService('edit-locks', strapi);

  return {
    /** `GET /newsroom/articles/:documentId/lock?session=&since=` */
    async find(ctx: Context) {
      const query = (await validateLockQuery(ctx.query)) as { session?: string; since?: string };
      const locale = await authorizeArticle(strapi, ctx, 'read');
      ctx.body = {
        data: await locks().state(
          ctx.params.documentId,
          locale,
          callerOf(ctx, query.session),
          query.since === undefined ? undefined : Number(query.since)
        ),
      } satisfies GetLock.Response;
    },

    /** `POST /newsroom/articles/:documentId/lock` `{ session, since? }`: take or keep. */
    async keep(ctx: Context) {
      const body = (await validateKeepLock(ctx.request.body ?? {})) as KeepLock.Request['body'];
      // Only someone who may change the article holds it for editing.
      const locale = await authorizeArticle(strapi, ctx, 'update');
      ctx.body = {
        data: await locks().keep(
          ctx.params.documentId,
          locale,
          callerOf(ctx, body.session),
          body.since
        ),
      } satisfies KeepLock.Response;
    },

    /** `POST /newsroom/articles/:documentId/lock/take-over` `{ session }` */
    async takeOver(ctx: Context) {
      const body = (await validateTakeOver(ctx.request.body ?? {})) as TakeOverLock.Request['body'];
      const locale = await authorizeArticle(strapi, ctx, 'update');
      ctx.body = {
        data: await locks().takeOver(ctx.params.documentId, locale, callerOf(ctx, body.session)),
      } satisfies TakeOverLock.Response;
    },

    /** `DELETE /newsroom/articles/:documentId/lock?session=` */
    async release(ctx: Context) {
      const query = (await validateLockQuery(ctx.query)) as { session?: string };
      if (!query.session)
        throw new Refusal(400, 'session is required: the id of the browser tab holding the lock');
      const locale = await authorizeArticle(strapi, ctx, 'read');
      ctx.body = {
        data: await locks().release(ctx.params.documentId, locale, callerOf(ctx, query.session)),
      } satisfies ReleaseLock.Response;
    },
  };
};

export default locksController;
