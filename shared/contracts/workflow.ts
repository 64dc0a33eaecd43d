import type { LockBadge } from './locks';

/**
 * The admin API of the editorial workflow, as the admin panel and the controllers both see
 * it. One namespace per route, each with its `Request` and `Response`.
 */

export const WORKFLOW_STATES = [
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'published',
  'killed',
  'spiked',
] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

export const WORKFLOW_ACTIONS = [
  'submit',
  'return',
  'approve',
  'schedule',
  'unschedule',
  'publish',
  'correct',
  'kill',
  'spike',
  'unspike',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** What the history records besides the actions: the workflow's own moves. */
export type HistoryAction =
  | WorkflowAction
  | 'reopen'
  | 'edit'
  | 'clear-agency-alert'
  | 'take-over-lock';

/** What an action needs (from the server's state machine). */
export interface ActionRule {
  from: WorkflowState[];
  to: WorkflowState;
  label: string;
  /** A note the actor must give (why it went back, what was corrected, why it was killed). */
  noteRequired?: boolean;
  /** A time the actor must give (when to publish). */
  atRequired?: boolean;
  /** The rights guard applies: attribution and photo credits must be present. */
  guarded?: boolean;
}

export interface HistoryEvent {
  id: number;
  documentId: string;
  articleDocumentId: string;
  articleLocale: string | null;
  action: HistoryAction;
  fromState: WorkflowState | null;
  toState: WorkflowState | null;
  actorId: number | null;
  actorName: string | null;
  note: string | null;
  at: string;
}

/** A newer agency version of the story waiting on the article, with what changed. */
export interface WireUpdate {
  wireItemId: number;
  fromVersion: number;
  toVersion: number;
  receivedAt: string;
  diff: StoryDiff;
}

export type ParagraphChange =
  | { op: 'added'; at: number; text: string }
  | { op: 'removed'; at: number; text: string }
  | { op: 'changed'; at: number; from: string; to: string };

/** What changed between two versions of a wire story, as an editor reads it. */
export interface StoryDiff {
  headline?: { from: string; to: string };
  /** The first changes, in story order. */
  paragraphs: ParagraphChange[];
  /** One line per listed change: `- old`, `+ new`, `~ old → new`; then `… and N more` when cut short. */
  summary: string[];
  /** Set when there were more changes than are listed. */
  truncated?: true;
  /** Every change, listed or not; set with `truncated`. */
  counts?: { added: number; removed: number; changed: number };
}

/** The agency's kill or withhold of the story an article is made from: loud, and it blocks publishing. */
export interface AgencyAlert {
  status: 'canceled' | 'withheld';
  notice: string | null;
  wireItemId: number;
  receivedAt: string;
  /** Whether the advisory named the story by its guid (it may kill) or only by headline (it flags). */
  matchBy: 'guid' | 'headline';
}

export interface ArticleWorkflow {
  documentId: string;
  locale: string;
  workflowState: WorkflowState;
  workflowVersion: number;
  embargoUntil: string | null;
  scheduledAt: string | null;
  /** What this user may do now. */
  allowedActions: WorkflowAction[];
  /** What blocks publishing (the rights guard). */
  problems: string[];
  wireUpdate: WireUpdate | null;
  agencyAlert: AgencyAlert | null;
  canApplyWireUpdate: boolean;
}

/** `GET /newsroom/articles/:documentId/workflow` */
export declare namespace GetWorkflow {
  export interface Request {
    params: { documentId: string };
    query: { locale?: string };
  }
  export interface Response {
    data: ArticleWorkflow;
    meta: { actions: readonly WorkflowAction[]; rules: Record<WorkflowAction, ActionRule> };
  }
}

/** `POST /newsroom/articles/:documentId/transition` */
export declare namespace Transition {
  export interface Request {
    params: { documentId: string };
    query: { locale?: string };
    body: {
      action: WorkflowAction;
      expectedVersion: number;
      note?: string;
      at?: string;
      locale?: string;
    };
  }
  export interface Response {
    data: {
      documentId: string;
      workflowState: WorkflowState;
      workflowVersion: number;
      event: HistoryEvent;
    };
  }
}

/** `GET /newsroom/articles/:documentId/history`: newest first. */
export declare namespace GetHistory {
  export interface Request {
    params: { documentId: string };
    query: { locale?: string };
  }
  export interface Response {
    data: HistoryEvent[];
  }
}

/** `POST /newsroom/articles/:documentId/wire-update` */
export declare namespace SettleWireUpdate {
  export interface Request {
    params: { documentId: string };
    query: { locale?: string };
    body: { action: 'apply' | 'dismiss' };
  }
  export interface Response {
    data: { applied: boolean; wireItemId: number };
  }
}

/** An article as lists show it: one locale's working copy. */
export interface ArticleSummary {
  id: number;
  documentId: string;
  locale: string;
  headline: string | null;
  slug: string | null;
  workflowState: WorkflowState;
  workflowVersion: number;
  embargoUntil: string | null;
  scheduledAt: string | null;
  updatedAt: string;
}

export interface BoardCard extends ArticleSummary {
  rubric: { name: string; slug: string | null } | null;
  /** The latest workflow event; its note says why, e.g. that an edit after approval sent the card back to review. */
  lastMove: { action: HistoryAction; actorName: string; at: string; note: string | null } | null;
  /** The agency's kill or withhold waiting on the story, shown loudly on the card. */
  agencyAlert: Pick<AgencyAlert, 'status' | 'notice'> | null;
  /** Who has the article open for editing now. */
  lock: LockBadge | null;
  allowedActions: WorkflowAction[];
}

export interface BoardColumn {
  state: WorkflowState;
  count: number;
  page: number;
  pageCount: number;
  cards: BoardCard[];
}

/** `GET /newsroom/board` */
export declare namespace GetBoard {
  export interface Request {
    query: {
      locale?: string;
      rubric?: string;
      agency?: string;
      state?: WorkflowState;
      /** Search words: only cards whose working copy matches. */
      q?: string;
      /** A subject code; a parent Media Topic takes in its narrower ones. */
      subject?: string;
      page?: number;
      pageSize?: number;
    };
  }
  export interface Response {
    data: BoardColumn[];
    meta: { locale: string };
  }
}

export interface Dashboard {
  days: number;
  /** The time zone the days are counted in. */
  timeZone: string;
  published: number;
  medianTakeToPublishMinutes: number | null;
  publishedPerDay: Array<{ date: string; count: number }>;
}

/** `GET /newsroom/dashboard` */
export declare namespace GetDashboard {
  export interface Request {
    query: { days?: number; timeZone?: string };
  }
  export interface Response {
    data: Dashboard;
  }
}

/** `POST /newsroom/articles/:documentId/agency-alert/clear`: an editor's decision on an agency kill or withhold. */
export declare namespace ClearAgencyAlert {
  export interface Request {
    params: { documentId: string };
    body: { note: string };
  }
  export interface Response {
    data: { documentId: string; cleared: string[] };
  }
}
