import type { AgencyAlert, HistoryAction, WorkflowState } from './workflow';

/**
 * The editor's desk (the Newsroom home): what the shift works on, in one read. Each block is
 * what this user may see: `null` where the user may not (the wire without *Read the wire*,
 * the review queue without the right to approve).
 */

/** An incoming wire item as the desk lists it. */
export interface DeskWireItem {
  id: number;
  headline: string;
  agency: { code: string; name: string } | null;
  receivedAt: string;
  urgency: number | null;
  language: string | null;
  agencyStatus: 'usable' | 'withheld' | 'canceled' | null;
  /** Urgent (1–3) or flagged by the agency (withheld, killed): shown on top. */
  flagged: boolean;
}

/** An article locale on the desk. */
export interface DeskStory {
  documentId: string;
  locale: string;
  headline: string;
  workflowState: WorkflowState;
  workflowVersion: number;
  updatedAt: string;
  scheduledAt: string | null;
  embargoUntil: string | null;
  wireUpdate: boolean;
  agencyAlert: Pick<AgencyAlert, 'status' | 'notice'> | null;
  lastMove: { action: HistoryAction; actorName: string; at: string; note: string | null } | null;
}

/** What is due next: a scheduled publication, or an embargo lifting. */
export interface DeskDue {
  kind: 'scheduled' | 'embargo';
  at: string;
  story: DeskStory;
}

export interface Desk {
  wire: { items: DeskWireItem[]; newCount: number } | null;
  /** The stories this user moved last, newest move first. */
  mine: DeskStory[];
  review: { items: DeskStory[]; count: number } | null;
  due: DeskDue[];
  alerts: {
    /** A newer agency version waits to be applied or dismissed. */
    wireUpdates: DeskStory[];
    /** The agency killed or withheld the copy a story was taken from. */
    agencyAlerts: DeskStory[];
    /** A scheduled publication the rights guard stopped: back in `approved`. */
    blocked: DeskStory[];
  };
}

export declare namespace GetDesk {
  export interface Request {
    query: { locale?: string };
  }
  export interface Response {
    data: Desk;
    meta: {
      locale: string;
      /** For the menu: new wire items (null without *Read the wire*), and stories waiting for this user. */
      counts: { newWire: number | null; waitingForMe: number };
    };
  }
}

export declare namespace GetDeskCounts {
  export interface Request {
    query: { locale?: string };
  }
  export interface Response {
    data: { newWire: number | null; waitingForMe: number };
    meta: { locale: string };
  }
}
