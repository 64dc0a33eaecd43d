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
  lastMove: { action: string; actorName: string; at: string } | null;
  allowedActions: string[];
}

export interface BoardColumn {
  state: string;
  count: number;
  page: number;
  pageCount: number;
  cards: BoardCard[];
}

/** The newsroom admin API over the admin panel's own fetch client (auth and errors handled by it). */
export const useNewsroomApi = () => {
  const { get, post } = useFetchClient();
  return {
    wireItems: async (query: { status?: WireStatus; page?: number }) =>
      (await get<{ data: WireItem[]; meta: { pagination: Pagination } }>('/newsroom/wire-items', { params: query })).data,
    take: async (id: number) =>
      (await post<{ data: { article: { documentId: string; locale: string } } }>(`/newsroom/wire-items/${id}/take`, {})).data.data,
    ignore: async (id: number) => (await post(`/newsroom/wire-items/${id}/ignore`, {})).data,
    board: async (query: { rubric?: string; state?: string; page?: number }) =>
      (await get<{ data: BoardColumn[] }>('/newsroom/board', { params: query })).data.data,
  };
};
