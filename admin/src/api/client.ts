import { useFetchClient } from '@strapi/strapi/admin';

/** Responses of the newsroom admin API, typed once for every view. */
export type WireStatus = 'new' | 'taken' | 'ignored' | 'superseded';

export interface WireItem {
  id: number;
  headline: string;
  agencyVersion: number;
  format: 'text' | 'ninjs' | 'newsml-g2';
  receivedAt: string;
  status: WireStatus;
  articleDocumentId: string | null;
  agency: { name: string; code: string } | null;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

export interface BoardCard {
  documentId: string;
  locale: string;
  headline: string | null;
  workflowState: string;
  workflowVersion: number;
  embargoUntil: string | null;
  scheduledAt: string | null;
  updatedAt: string;
  rubric: { name: string } | null;
  /** The latest workflow event; its note says why, e.g. that an edit after approval sent the card back to review. */
  lastMove: { action: string; actorName: string; at: string; note: string | null } | null;
  allowedActions: string[];
}

export interface BoardColumn {
  state: string;
  count: number;
  page: number;
  pageCount: number;
  cards: BoardCard[];
}

export interface WireStory {
  headline: string;
  standfirst?: string;
  byline?: string;
  photoCredit?: string;
  dateline?: { place?: string; date?: string };
  sections: Array<{ subhead?: string; paragraphs: string[] }>;
  pictures?: Array<{ href?: string; caption?: string; creditLine?: string }>;
}

export interface WireItemDetail extends WireItem {
  story: WireStory;
}

export interface WireUpdate {
  wireItemId: number;
  fromVersion: number;
  toVersion: number;
  receivedAt: string;
  diff: {
    headline?: { from: string; to: string };
    /** As the server's wire diff sends them: an added or removed paragraph, or one rewritten. */
    paragraphs: Array<{ op: 'added' | 'removed'; at: number; text: string } | { op: 'changed'; at: number; from: string; to: string }>;
    /** One line per change; the server caps the list and says how many more there are. */
    summary: string[];
    truncated?: boolean;
  };
}

export interface ArticleWorkflow {
  documentId: string;
  locale: string;
  workflowState: string;
  workflowVersion: number;
  embargoUntil: string | null;
  scheduledAt: string | null;
  allowedActions: string[];
  problems: string[];
  wireUpdate: WireUpdate | null;
  canApplyWireUpdate: boolean;
}

/** What an action needs (from the server's state machine). */
export interface ActionRule {
  label: string;
  noteRequired?: boolean;
  atRequired?: boolean;
  guarded?: boolean;
}

export interface HistoryEvent {
  id: number;
  action: string;
  fromState: string | null;
  toState: string | null;
  actorName: string | null;
  note: string | null;
  at: string;
}

export interface Dashboard {
  days: number;
  /** The time zone the days are counted in. */
  timeZone: string;
  published: number;
  medianTakeToPublishMinutes: number | null;
  publishedPerDay: Array<{ date: string; count: number }>;
}

export interface RenditionRun {
  runId: string;
  total: number;
  done: number;
  failed: number;
  pending: number;
  running: number;
  finished: boolean;
}

export interface RenditionStatus {
  plan: { widths: number[]; crops: Record<string, [number, number]>; formats: string[] };
  queue: { pending: number; running: number; failed: number };
  run: RenditionRun | null;
}

export interface MediaFile {
  id: number;
  name: string;
  url: string;
  formats?: Record<string, { url: string }> | null;
  newsroom?: { credits?: Record<string, string>; placeholder?: string | null } | null;
}

/** The newsroom admin API over the admin panel's own fetch client (auth and errors handled by it). */
export const useNewsroomApi = () => {
  const { get, post } = useFetchClient();
  return {
    wireItems: async (query: { status?: WireStatus; agency?: string; page?: number }) =>
      (await get<{ data: WireItem[]; meta: { pagination: Pagination } }>('/newsroom/wire-items', { params: query })).data,
    take: async (id: number) =>
      (await post<{ data: { article: { documentId: string; locale: string } }; meta: { created: boolean; warnings?: string[] } }>(`/newsroom/wire-items/${id}/take`, {}))
        .data,
    ignore: async (id: number) => (await post(`/newsroom/wire-items/${id}/ignore`, {})).data,
    wireItem: async (id: number) => (await get<{ data: WireItemDetail }>(`/newsroom/wire-items/${id}`)).data.data,
    board: async (query: { rubric?: string; agency?: string; state?: string; page?: number }) =>
      (await get<{ data: BoardColumn[] }>('/newsroom/board', { params: query })).data.data,
    workflow: async (documentId: string, locale?: string) => {
      const { data } = await get<{ data: ArticleWorkflow; meta: { rules: Record<string, ActionRule> } }>(`/newsroom/articles/${documentId}/workflow`, {
        params: { locale },
      });
      return { ...data.data, rules: data.meta.rules };
    },
    history: async (documentId: string, locale?: string) =>
      (await get<{ data: HistoryEvent[] }>(`/newsroom/articles/${documentId}/history`, { params: { locale } })).data.data,
    transition: async (documentId: string, body: { action: string; expectedVersion: number; note?: string; at?: string }, locale?: string) =>
      (await post(`/newsroom/articles/${documentId}/transition`, body, { params: { locale } })).data,
    wireUpdate: async (documentId: string, action: 'apply' | 'dismiss', locale?: string) =>
      (await post(`/newsroom/articles/${documentId}/wire-update`, { action }, { params: { locale } })).data,
    dashboard: async (days = 30, timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone) =>
      (await get<{ data: Dashboard }>('/newsroom/dashboard', { params: { days, timeZone } })).data.data,
    renditions: async () => (await get<{ data: RenditionStatus }>('/newsroom/renditions')).data.data,
    regenerate: async () => (await post<{ data: RenditionRun }>('/newsroom/renditions/regenerate', {})).data.data,
    file: async (id: number) => (await get<MediaFile>(`/upload/files/${id}`)).data,
  };
};

/** The server's message for a refused request (Strapi's error shape), else the error itself. */
export const errorMessage = (error: unknown) =>
  (error as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error?.message ?? String(error);
