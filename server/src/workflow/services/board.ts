import type { AgencyAlert, BoardCard } from '../../../../shared/contracts/workflow';
import { getService } from '../../platform/services';
import type { Core } from '@strapi/strapi';
import { articleRepository } from '../../articles/repository';
import { STATES, type WorkflowState } from '../domain/machine';
import { narrowerCodes } from '../../subjects/domain/subjects';
import { lastMoves } from '../last-moves';
import { boardCounts } from '../board-counts';
import { allowsWholeLocale } from '../../platform/domain/locale-only';

export interface BoardQuery {
  locale: string;
  rubric?: string;
  agency?: string;
  /** Page only this column; the others come back empty-carded with their counts. */
  state?: WorkflowState;
  page: number;
  pageSize: number;
  /** Search words: only the cards whose working copy matches. */
  q?: string;
  /** A subject code; a parent Media Topic takes in its narrower ones. */
  subject?: string;
  /** A filter limiting the cards to those the user may read (the Content Manager's conditions). */
  readable?: Record<string, unknown>;
}

/** A card as read: the agency alert is the whole stored one, narrowed before it leaves. */
type CardRow = Omit<BoardCard, 'lastMove' | 'allowedActions' | 'agencyAlert' | 'lock'> & {
  agencyAlert: AgencyAlert | null;
};

/** The workflow board: one column per state, with counts and the most recently moved cards. */
const boardService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Columns for every state; each paged on its own (drafts only: the board shows the working copy). */
  async columns(query: BoardQuery) {
    const articles = articleRepository(strapi);
    const search = getService('search', strapi);
    // Both filters are on documentIds: each in its own $and branch, so neither replaces the other.
    const found = [
      ...(query.q ? [search.articlesMatching('drafts', search.parse(query.q), query.locale)] : []),
      ...(query.subject
        ? [search.articlesWithSubjects('drafts', [...narrowerCodes(query.subject)], query.locale)]
        : []),
    ];
    const limits = [
      ...found,
      ...(query.readable && Object.keys(query.readable).length ? [query.readable] : []),
    ];
    const where = (state: WorkflowState) => ({
      locale: query.locale,
      workflowState: state,
      ...(query.rubric ? { rubric: { slug: query.rubric } } : {}),
      ...(query.agency ? { attribution: { agency: { code: query.agency } } } : {}),
      ...(limits.length ? { $and: limits } : {}),
    });
    // Unfiltered, and for a user whose reading is limited by locale alone, the columns' counts
    // are the ones the database keeps; else each column is counted.
    const kept =
      !query.rubric &&
      !query.agency &&
      !found.length &&
      allowsWholeLocale(query.readable, query.locale)
        ? await boardCounts(strapi, query.locale)
        : null;
    const columns = await Promise.all(
      STATES.map(async (state) => {
        const paged = !query.state || query.state === state;
        const [count, cards] = await Promise.all([
          kept ? Promise.resolve(kept.get(state) ?? 0) : articles.countDrafts(where(state)),
          paged
            ? articles.drafts<CardRow>(where(state), {
                select: [
                  'id',
                  'documentId',
                  'locale',
                  'headline',
                  'slug',
                  'workflowState',
                  'workflowVersion',
                  'embargoUntil',
                  'scheduledAt',
                  'updatedAt',
                  'agencyAlert',
                ],
                populate: { rubric: { select: ['name', 'slug'] } },
                orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
                offset: query.state === state ? (query.page - 1) * query.pageSize : 0,
                limit: query.pageSize,
              })
            : Promise.resolve([] as CardRow[]),
        ]);
        return { state, count, cards, page: query.state === state ? query.page : 1 };
      })
    );

    // Who moved each card last: one bounded read for all cards on the board.
    const ids = columns.flatMap((c) => c.cards.map((card) => card.documentId));
    const lastMove = await lastMoves(strapi, ids, query.locale);
    const locks = await getService('edit-locks', strapi).badges(ids, query.locale);

    return columns.map((column) => ({
      ...column,
      pageSize: query.pageSize,
      pageCount: Math.ceil(column.count / query.pageSize),
      cards: column.cards.map((card) => {
        const last = lastMove.get(card.documentId);
        // The note says why, e.g. that an edit after approval sent the card back to review.
        return {
          ...card,
          agencyAlert: card.agencyAlert
            ? { status: card.agencyAlert.status, notice: card.agencyAlert.notice }
            : null,
          lastMove: last ?? null,
          lock: locks.get(card.documentId) ?? null,
        };
      }),
    }));
  },
});

export type BoardService = ReturnType<typeof boardService>;
export default boardService;
