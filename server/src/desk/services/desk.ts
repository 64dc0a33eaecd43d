import type { Core } from '@strapi/strapi';
import type { AgencyAlert } from '../../../../shared/contracts/workflow';
import type { Desk, DeskStory, DeskWireItem } from '../../../../shared/contracts/desk';
import { articleRepository } from '../../articles/repository';
import { WIRE_ITEM_UID, WORKFLOW_EVENT_UID } from '../../platform/domain/uids';
import type { WorkflowState } from '../../workflow/domain/machine';
import { lastMoves } from '../../workflow/last-moves';
import {
  DESK_BLOCK,
  EMBARGO_HORIZON_HOURS,
  URGENT_AT_MOST,
  deskWire,
  dueNext,
  isFlagged,
  lastMoved,
  myStories,
} from '../domain/desk';

export interface DeskQuery {
  locale: string;
  /** The admin user whose desk it is. */
  userId: number;
  /** The Content Manager's read conditions on articles, as a `where`. */
  readable: Record<string, unknown>;
  canReadWire: boolean;
  canApprove: boolean;
  now?: Date;
}

type StoryRow = Omit<DeskStory, 'wireUpdate' | 'agencyAlert' | 'lastMove'> & {
  wireUpdate: unknown;
  agencyAlert: (AgencyAlert & Record<string, unknown>) | null;
};

const STORY_FIELDS = [
  'documentId',
  'locale',
  'headline',
  'workflowState',
  'workflowVersion',
  'updatedAt',
  'scheduledAt',
  'embargoUntil',
  'wireUpdate',
  'agencyAlert',
];

const WIRE_FIELDS = ['id', 'headline', 'receivedAt', 'urgency', 'language', 'agencyStatus'];

/** Events that say a scheduled publication was stopped by the rights guard (see the scheduler). */
const BLOCKED_NOTE = 'Scheduled publication blocked';

/** The desk: each block read with the user's own limits, in a handful of queries. */
const deskService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async view(
    query: DeskQuery
  ): Promise<{ desk: Desk; waitingForMe: number; newWire: number | null }> {
    const now = query.now ?? new Date();
    const articles = articleRepository(strapi);
    const events = strapi.db.query(WORKFLOW_EVENT_UID);
    const mayRead = Object.keys(query.readable).length ? { $and: [query.readable] } : {};
    const stories = (where: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      articles.drafts<StoryRow>(
        { locale: query.locale, ...where, ...mayRead },
        { select: STORY_FIELDS, limit: DESK_BLOCK, ...extra }
      );

    const [wire, moved, review, reviewCount, scheduled, embargoed, updates, alerts, stops] =
      await Promise.all([
        query.canReadWire ? this.wire() : Promise.resolve(null),
        events.findMany({
          select: ['articleDocumentId', 'at'],
          where: { actorId: query.userId, articleLocale: query.locale },
          orderBy: [{ at: 'desc' }, { id: 'desc' }],
          limit: DESK_BLOCK * 5,
        }) as Promise<Array<{ articleDocumentId: string; at: string }>>,
        query.canApprove
          ? stories({ workflowState: 'in_review' }, { orderBy: [{ updatedAt: 'asc' }] })
          : Promise.resolve(null),
        query.canApprove
          ? articles.countDrafts({ locale: query.locale, workflowState: 'in_review', ...mayRead })
          : Promise.resolve(0),
        stories(
          { workflowState: 'scheduled', scheduledAt: { $gte: now } },
          { orderBy: [{ scheduledAt: 'asc' }] }
        ),
        stories(
          {
            embargoUntil: {
              $gt: now,
              $lte: new Date(now.getTime() + EMBARGO_HORIZON_HOURS * 3_600_000),
            },
            workflowState: { $notIn: ['killed', 'spiked'] },
          },
          { orderBy: [{ embargoUntil: 'asc' }] }
        ),
        stories({ wireUpdate: { $notNull: true } }, { orderBy: [{ updatedAt: 'desc' }] }),
        stories(
          { agencyAlert: { $notNull: true }, workflowState: { $notIn: ['killed', 'spiked'] } },
          { orderBy: [{ updatedAt: 'desc' }] }
        ),
        events.findMany({
          select: ['articleDocumentId'],
          where: {
            action: 'unschedule',
            articleLocale: query.locale,
            note: { $startsWith: BLOCKED_NOTE },
          },
          orderBy: [{ at: 'desc' }, { id: 'desc' }],
          limit: DESK_BLOCK * 5,
        }) as Promise<Array<{ articleDocumentId: string }>>,
      ]);

    // Taken (or made) by this user and not moved since: theirs too.
    const taken = await articles.drafts<{ documentId: string; createdAt: string }>(
      { locale: query.locale, createdBy: { id: query.userId }, ...mayRead },
      { select: ['documentId', 'createdAt'], orderBy: [{ createdAt: 'desc' }], limit: DESK_BLOCK }
    );
    // Candidates beyond a block's length: those the user may not read drop out before the cut.
    const CANDIDATES = DESK_BLOCK * 5;
    const mineIds = myStories(moved, taken, CANDIDATES);
    const blockedIds = lastMoved(stops, CANDIDATES);
    const [mineRows, blockedRows] = await Promise.all([
      mineIds.length
        ? stories({ documentId: { $in: mineIds } }, { limit: CANDIDATES })
        : Promise.resolve([]),
      // Still blocked: back in `approved`, not yet rescheduled or published.
      blockedIds.length
        ? stories(
            { documentId: { $in: blockedIds }, workflowState: 'approved' },
            { limit: CANDIDATES }
          )
        : Promise.resolve([]),
    ]);
    const order = (ids: string[], rows: StoryRow[]) =>
      ids.flatMap((id) => rows.filter((row) => row.documentId === id)).slice(0, DESK_BLOCK);

    const all = [
      ...order(mineIds, mineRows),
      ...(review ?? []),
      ...scheduled,
      ...embargoed,
      ...updates,
      ...alerts,
      ...blockedRows,
    ];
    const lastMoves = await this.lastMoves(
      [...new Set(all.map((s) => s.documentId))],
      query.locale
    );
    const story = (row: StoryRow): DeskStory => ({
      documentId: row.documentId,
      locale: row.locale,
      headline: row.headline,
      workflowState: row.workflowState as WorkflowState,
      workflowVersion: row.workflowVersion,
      updatedAt: row.updatedAt,
      scheduledAt: row.scheduledAt,
      embargoUntil: row.embargoUntil,
      wireUpdate: Boolean(row.wireUpdate),
      agencyAlert: row.agencyAlert
        ? { status: row.agencyAlert.status, notice: row.agencyAlert.notice }
        : null,
      lastMove: lastMoves.get(row.documentId) ?? null,
    });

    const mine = order(mineIds, mineRows).map(story);
    const counts = await this.counts(query);
    return {
      desk: {
        wire,
        mine,
        review: review ? { items: review.map(story), count: reviewCount } : null,
        due: dueNext([...scheduled, ...embargoed], now).map((due) => ({
          ...due,
          story: story(due.story),
        })),
        alerts: {
          wireUpdates: updates.map(story),
          agencyAlerts: alerts.map(story),
          blocked: order(blockedIds, blockedRows).map(story),
        },
      },
      ...counts,
    };
  },

  /**
   * The menu's counts, cheaper than the whole desk: new wire items (null without the wire),
   * and the stories waiting for this user (the review queue for those who approve, and the
   * user's own stories sent back).
   */
  async counts(query: DeskQuery): Promise<{ newWire: number | null; waitingForMe: number }> {
    const articles = articleRepository(strapi);
    const mayRead = Object.keys(query.readable).length ? { $and: [query.readable] } : {};
    const [newWire, inReview, moved] = await Promise.all([
      query.canReadWire
        ? strapi.db.query(WIRE_ITEM_UID).count({ where: { status: 'new' } })
        : Promise.resolve(null),
      query.canApprove
        ? articles.countDrafts({ locale: query.locale, workflowState: 'in_review', ...mayRead })
        : Promise.resolve(0),
      strapi.db.query(WORKFLOW_EVENT_UID).findMany({
        select: ['articleDocumentId'],
        where: { actorId: query.userId, articleLocale: query.locale },
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        limit: DESK_BLOCK * 5,
      }) as Promise<Array<{ articleDocumentId: string }>>,
    ]);
    const mine = lastMoved(moved, DESK_BLOCK * 5);
    const drafts = mine.length
      ? await articles.drafts<{ documentId: string }>(
          { locale: query.locale, documentId: { $in: mine }, workflowState: 'draft', ...mayRead },
          { select: ['documentId'] }
        )
      : [];
    const moves = await this.lastMoves(
      drafts.map((d) => d.documentId),
      query.locale
    );
    const returned = [...moves.values()].filter((move) => move?.action === 'return').length;
    return { newWire, waitingForMe: inReview + returned };
  },

  /** New wire items: flagged ones (urgent, withheld, killed) first, then the newest. */
  async wire(): Promise<{ items: DeskWireItem[]; newCount: number }> {
    const items = strapi.db.query(WIRE_ITEM_UID);
    const read = (where: Record<string, unknown>) =>
      items.findMany({
        select: WIRE_FIELDS,
        where: { status: 'new', ...where },
        populate: { agency: { select: ['code', 'name'] } },
        orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
        limit: DESK_BLOCK,
      }) as Promise<Array<Omit<DeskWireItem, 'flagged'>>>;
    const [flagged, newest, newCount] = await Promise.all([
      read({
        $or: [
          { urgency: { $between: [1, URGENT_AT_MOST] } },
          { agencyStatus: { $in: ['withheld', 'canceled'] } },
        ],
      }),
      read({}),
      items.count({ where: { status: 'new' } }),
    ]);
    return {
      newCount,
      items: deskWire([...flagged, ...newest]).map((item) => ({
        ...item,
        agency: item.agency ? { code: item.agency.code, name: item.agency.name } : null,
        flagged: isFlagged(item),
      })),
    };
  },

  /** Who moved each story last, in one query. */
  async lastMoves(documentIds: string[], locale: string) {
    return lastMoves(strapi, documentIds, locale);
  },
});

export type DeskService = ReturnType<typeof deskService>;
export default deskService;
