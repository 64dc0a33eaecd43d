import type { HistoryAction, WorkflowState } from '../../../../shared/contracts/workflow';

/** What the history records: a workflow action, or one of the workflow's own moves. */
export type WorkflowEventAction = HistoryAction;

/** One committed workflow change, as the history recorded it. */
export interface WorkflowChange {
  eventId: number;
  documentId: string;
  locale: string;
  action: WorkflowEventAction;
  from: WorkflowState;
  to: WorkflowState;
  actor: { id: number | null; name: string };
  note: string | null;
  at: Date;
  /** Whether what readers see changed: a version published, replaced by a correction, or withdrawn. */
  changesPublic: boolean;
}

/**
 * A change is public when a version reaches readers (publish, a correction, the scheduler's
 * publication) or leaves them (kill). Everything else moves only the working copy.
 */
export const changesPublic = (action: WorkflowEventAction, to: WorkflowState) =>
  action === 'kill' || (to === 'published' && action !== 'edit');
