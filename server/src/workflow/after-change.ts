/**
 * The one place for "after a workflow change". Listeners run once the transition's
 * transaction has committed, with the change as the history recorded it, in this process;
 * a transition that rolls back calls nobody. A listener that fails is logged: the change has
 * happened, and the other listeners still run.
 */
import type { Core } from '@strapi/strapi';
import type { WorkflowChange } from './domain/change';

export type { WorkflowChange };
export type WorkflowChangeListener = (change: WorkflowChange) => void | Promise<void>;

const listenersOf = new WeakMap<Core.Strapi, Set<WorkflowChangeListener>>();

/** Calls `listener` after every committed workflow change. Returns a function that stops it. */
export const afterWorkflowChange = (strapi: Core.Strapi, listener: WorkflowChangeListener) => {
  const listeners = listenersOf.get(strapi) ?? new Set();
  listenersOf.set(strapi, listeners);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

const notify = (strapi: Core.Strapi, change: WorkflowChange) => {
  for (const listener of listenersOf.get(strapi) ?? []) {
    Promise.resolve()
      .then(() => listener(change))
      .catch((error: unknown) =>
        strapi.log.error(
          `[newsroom] an after-workflow-change listener failed: ${(error as Error)?.message ?? error}`
        )
      );
  }
};

/**
 * Registers `change` to be announced when the surrounding transaction commits (at once when
 * there is none). Call it where the change is recorded.
 */
export const announceOnCommit = (strapi: Core.Strapi, change: WorkflowChange) =>
  strapi.db.transaction(async ({ onCommit }) => {
    onCommit(() => notify(strapi, change));
  });
