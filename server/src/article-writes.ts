import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ARTICLE_UID } from './domain/uids';
import { inWorkflow } from './workflow-context';

/** Fields only the workflow writes; any other writer's values for them are dropped. */
export const WORKFLOW_OWNED = ['workflowState', 'workflowVersion', 'firstPublishedAt', 'scheduledAt', 'killNotice', 'corrections', 'wireUpdate'] as const;

type Data = Record<string, unknown>;

const WORKFLOW_ONLY_ACTIONS = ['publish', 'unpublish'];

/**
 * Holds the workflow's rules for writes that do not come from the workflow itself:
 * Content Manager saves, REST and `strapi.documents()` calls. Throws ForbiddenError for a
 * publish or unpublish, ValidationError for an embargo that breaks the rules.
 */
export const checkArticleWrite = async (
  strapi: Core.Strapi,
  action: string,
  params: { documentId?: string; locale?: string; data?: Data }
) => {
  if (inWorkflow()) return;
  if (WORKFLOW_ONLY_ACTIONS.includes(action)) {
    throw new errors.ForbiddenError(
      `Articles are ${action}ed only through the newsroom workflow (POST /newsroom/articles/:documentId/transition)`
    );
  }
  if ((action !== 'create' && action !== 'update') || !params.data) return;

  const data = params.data;
  for (const field of WORKFLOW_OWNED) delete data[field];
  if (action === 'create') Object.assign(data, { workflowState: 'draft', workflowVersion: 0 });

  if (data.embargoUntil === undefined) return;
  const stored =
    action === 'update' && params.documentId
      ? await strapi.db.query(ARTICLE_UID).findOne({
          select: ['workflowState', 'embargoUntil', 'scheduledAt', 'firstPublishedAt'],
          where: { documentId: params.documentId, publishedAt: null, ...(params.locale ? { locale: params.locale } : {}) },
        })
      : null;
  const wanted = data.embargoUntil ? new Date(data.embargoUntil as string) : null;
  const current = stored?.embargoUntil ? new Date(stored.embargoUntil) : null;
  if (wanted?.getTime() === current?.getTime()) return;

  if (stored?.firstPublishedAt || ['published', 'killed'].includes(stored?.workflowState)) {
    throw new errors.ValidationError('An embargo cannot be set on an article that has been published', { embargoUntil: data.embargoUntil });
  }
  if (wanted && Number.isNaN(wanted.getTime())) {
    throw new errors.ValidationError('embargoUntil must be a date and time', { embargoUntil: data.embargoUntil });
  }
  if (wanted && wanted <= new Date()) {
    throw new errors.ValidationError('embargoUntil must be in the future', { embargoUntil: data.embargoUntil });
  }
  if (stored?.workflowState === 'scheduled' && stored.scheduledAt && !current) {
    throw new errors.ValidationError('The article is scheduled; unschedule it before setting an embargo', { embargoUntil: data.embargoUntil });
  }
  if (stored?.workflowState === 'scheduled' && current) {
    throw new errors.ValidationError('The article is waiting for its embargo to lift; unschedule it before changing the embargo', {
      embargoUntil: data.embargoUntil,
    });
  }
};
