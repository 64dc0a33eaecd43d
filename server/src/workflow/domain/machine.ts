/** The editorial workflow: states, actions, and who may take each action by default. */

import {
  WORKFLOW_ACTIONS as ACTIONS,
  WORKFLOW_STATES as STATES,
  type ActionRule,
  type WorkflowAction,
  type WorkflowState,
} from '../../../../shared/contracts/workflow';

// The states and actions are part of the admin API's contract, shared with the admin panel.
export { ACTIONS, STATES, type ActionRule, type WorkflowAction, type WorkflowState };

export const RULES: Record<WorkflowAction, ActionRule> = {
  submit: { from: ['draft'], to: 'in_review', label: 'Submit for review' },
  return: { from: ['in_review'], to: 'draft', noteRequired: true, label: 'Return to the author' },
  approve: { from: ['in_review'], to: 'approved', label: 'Approve' },
  schedule: {
    from: ['approved'],
    to: 'scheduled',
    atRequired: true,
    guarded: true,
    label: 'Schedule',
  },
  unschedule: { from: ['scheduled'], to: 'approved', label: 'Unschedule' },
  publish: { from: ['approved'], to: 'published', guarded: true, label: 'Publish' },
  correct: {
    from: ['published'],
    to: 'published',
    noteRequired: true,
    guarded: true,
    label: 'Publish a correction',
  },
  kill: { from: ['published'], to: 'killed', noteRequired: true, label: 'Kill' },
  spike: { from: ['draft', 'in_review'], to: 'spiked', label: 'Spike' },
  unspike: { from: ['spiked'], to: 'draft', label: 'Unspike' },
};

/** Role codes of the newsroom's default roles. */
export const ROLE_AUTHOR = 'strapi-author';
export const ROLE_EDITOR = 'strapi-editor';
export const ROLE_CHIEF_EDITOR = 'newsroom-chief-editor';

/** Who may take each action until an administrator changes it in Settings → Roles. */
export const DEFAULT_ACTORS: Record<WorkflowAction, string[]> = {
  submit: [ROLE_AUTHOR, ROLE_EDITOR, ROLE_CHIEF_EDITOR],
  return: [ROLE_EDITOR, ROLE_CHIEF_EDITOR],
  approve: [ROLE_EDITOR, ROLE_CHIEF_EDITOR],
  schedule: [ROLE_CHIEF_EDITOR],
  unschedule: [ROLE_CHIEF_EDITOR],
  publish: [ROLE_CHIEF_EDITOR],
  correct: [ROLE_CHIEF_EDITOR],
  kill: [ROLE_CHIEF_EDITOR],
  spike: [ROLE_EDITOR, ROLE_CHIEF_EDITOR],
  unspike: [ROLE_EDITOR, ROLE_CHIEF_EDITOR],
};

export const isAction = (value: unknown): value is WorkflowAction =>
  (ACTIONS as readonly unknown[]).includes(value);

/** The admin permission that allows an action, e.g. `plugin::newsroom.workflow.publish`. */
export const permissionFor = (action: WorkflowAction) => `plugin::newsroom.workflow.${action}`;

/** Actions that can be taken from a state, whoever the actor. */
export const actionsFrom = (state: WorkflowState): WorkflowAction[] =>
  ACTIONS.filter((a) => RULES[a].from.includes(state));

/**
 * Where an action leads. Publishing before an embargo lifts goes to `scheduled` for the
 * embargo time instead of `published`.
 */
export const targetState = (
  action: WorkflowAction,
  embargoUntil: Date | null,
  now: Date
): WorkflowState =>
  action === 'publish' && embargoUntil && embargoUntil > now ? 'scheduled' : RULES[action].to;
