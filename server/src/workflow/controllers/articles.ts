import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { ACTIONS, actionsFrom, permissionFor, RULES, type WorkflowAction } from '../domain/machine';
import { Refusal } from '../../platform/domain/refusal';
import type { TransitionInput } from '../services/workflow';
import { getService } from '../../platform/services';
import { validateTransition } from '../validation/workflow';
import { authorizeArticle } from '../article-access';
import { validateBoardQuery } from '../validation/board';
import { validateDashboardQuery } from '../validation/dashboard';
import type { BoardQuery } from '../services/board';
import { listLocale } from '../../platform/locales';
import { actorOf, readableArticlesShowing } from '../../platform/actors';
import { SEARCHED_ARTICLE_FIELDS } from '../../search/article-access';
import type {
  ClearAgencyAlert,
  GetBoard,
  GetDashboard,
  GetHistory,
  GetWorkflow,
  SettleWireUpdate,
  Transition,
} from '../../../../shared/contracts/workflow';

type Ability = { can(action: string, subject?: unknown): boolean };

/** The article fields a board card shows, or the board filters and orders by. */
const BOARD_ARTICLE_FIELDS = [
  'headline',
  'slug',
  'workflowState',
  'workflowVersion',
  'embargoUntil',
  'scheduledAt',
  'agencyAlert',
  'rubric',
  'attribution',
  'subjects',
];

const may = (ctx: Context, action: WorkflowAction) =>
  (ctx.state.userAbility as Ability).can(permissionFor(action));

/** Admin API of the editorial workflow on articles. */
const articlesController = ({ strapi }: { strapi: Core.Strapi }) => {
  const authorize = (ctx: Context, action: 'read' | 'update') =>
    authorizeArticle(strapi, ctx, action);

  return {
    /** `POST /newsroom/articles/:documentId/transition` */
    async transition(ctx: Context) {
      const input = (await validateTransition(ctx.request.body)) as TransitionInput;
      if (!may(ctx, input.action)) {
        throw new Refusal(403, `You are not allowed to ${input.action} articles`, {
          action: input.action,
        });
      }
      const locale = await authorize(ctx, 'update');
      const result = await getService('workflow', strapi).transition(
        ctx.params.documentId,
        { ...input, locale },
        actorOf(ctx)
      );
      ctx.body = {
        data: {
          documentId: ctx.params.documentId,
          workflowState: result.state,
          workflowVersion: result.version,
          event: result.event,
        },
      } satisfies Transition.Response;
    },

    /** `POST /newsroom/articles/:documentId/agency-alert/clear` `{ note }` */
    async clearAgencyAlert(ctx: Context) {
      const body = (ctx.request.body ?? {}) as Record<string, unknown>;
      const unknown = Object.keys(body).filter((key) => key !== 'note');
      if (unknown.length)
        throw new Refusal(400, `Unknown field: ${unknown.join(', ')}; send { note }`);
      if (body.note !== undefined && (typeof body.note !== 'string' || body.note.length > 2000))
        throw new Refusal(400, 'note must be text of at most 2000 characters');
      await authorize(ctx, 'update');
      const { cleared } = await getService('workflow', strapi).clearAgencyAlert(
        ctx.params.documentId,
        body.note as string | undefined,
        actorOf(ctx)
      );
      ctx.body = {
        data: { documentId: ctx.params.documentId, cleared },
      } satisfies ClearAgencyAlert.Response;
    },

    /** `POST /newsroom/articles/:documentId/wire-update` `{ action: 'apply' | 'dismiss' }` */
    async wireUpdate(ctx: Context) {
      const action = (ctx.request.body as { action?: unknown } | undefined)?.action;
      if (action !== 'apply' && action !== 'dismiss')
        throw new Refusal(400, 'action must be "apply" or "dismiss"');
      const locale = await authorize(ctx, 'update');
      // Applying or dismissing changes what the holder of the article's lock is working on.
      await getService('edit-locks', strapi).refuseUnlessHolder(
        ctx.params.documentId,
        locale,
        actorOf(ctx)
      );
      const updates = getService('wire-updates', strapi);
      ctx.body = {
        data: await (action === 'apply'
          ? updates.apply(ctx.params.documentId, locale)
          : updates.dismiss(ctx.params.documentId, locale)),
      } satisfies SettleWireUpdate.Response;
    },

    /** `GET /newsroom/articles/:documentId/workflow`: state, version, what this user may do now, what blocks publishing. */
    async workflow(ctx: Context) {
      const locale = await authorize(ctx, 'read');
      const { draft, problems } = await getService('workflow', strapi).state(
        ctx.params.documentId,
        locale
      );
      ctx.body = {
        data: {
          documentId: draft.documentId,
          locale: draft.locale,
          workflowState: draft.workflowState,
          workflowVersion: draft.workflowVersion,
          embargoUntil: draft.embargoUntil,
          scheduledAt: draft.scheduledAt,
          allowedActions: actionsFrom(draft.workflowState).filter((a) => may(ctx, a)),
          problems,
          wireUpdate: draft.wireUpdate ?? null,
          agencyAlert: draft.agencyAlert ?? null,
          canApplyWireUpdate: (ctx.state.userAbility as Ability).can('plugin::newsroom.wire.take'),
        },
        meta: { actions: ACTIONS, rules: RULES },
      } satisfies GetWorkflow.Response;
    },

    /** `GET /newsroom/board`: a column per workflow state with counts, cards and what this user may do with each. */
    async board(ctx: Context) {
      const query = (await validateBoardQuery(ctx.query)) as Omit<BoardQuery, 'locale'> & {
        locale?: string;
      };
      const locale = await listLocale(strapi, query.locale);
      // Only the cards this user may read in the Content Manager, conditions included, and
      // only for a user who may read what the cards show; a search reads the articles' text too.
      const readable = readableArticlesShowing(
        strapi,
        ctx,
        query.q ? [...BOARD_ARTICLE_FIELDS, ...SEARCHED_ARTICLE_FIELDS] : BOARD_ARTICLE_FIELDS,
        query.q ? 'Searching the board' : 'The board'
      );
      const columns = await getService('board', strapi).columns({ ...query, locale, readable });
      ctx.body = {
        data: columns.map((column) => ({
          ...column,
          cards: column.cards.map((card) => ({
            ...card,
            allowedActions: actionsFrom(card.workflowState).filter((a) => may(ctx, a)),
          })),
        })),
        meta: { locale },
      } satisfies GetBoard.Response;
    },

    /**
     * `GET /newsroom/dashboard?days=30&timeZone=Europe/Moscow`: articles published per day (days
     * as they fall in the time zone, UTC by default) and the median take-to-publish time.
     */
    async dashboard(ctx: Context) {
      const { days, timeZone } = await validateDashboardQuery(ctx.query);
      ctx.body = {
        data: await getService('dashboard', strapi).summary(days, timeZone),
      } satisfies GetDashboard.Response;
    },

    /** `GET /newsroom/articles/:documentId/history`: workflow events, newest first. */
    async history(ctx: Context) {
      const locale = await authorize(ctx, 'read');
      ctx.body = {
        data: await getService('workflow', strapi).history(ctx.params.documentId, locale),
      } satisfies GetHistory.Response;
    },
  };
};

export default articlesController;
