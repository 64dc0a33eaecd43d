import type { Core } from '@strapi/strapi';
import { SYSTEM_ACTOR, type Actor } from '../../platform/actors';
import { ARTICLE_UID, WORKFLOW_EVENT_UID } from '../../platform/domain/uids';
import { articleRepository, type ArticleRow } from '../../articles/repository';
import {
  AGENCY_SHOWN,
  approvalDigest,
  RUBRIC_SHOWN,
  type ApprovableArticle,
} from '../domain/approval';
import { rightsProblems } from '../domain/guards';
import {
  permissionFor,
  RULES,
  targetState,
  type WorkflowAction,
  type WorkflowState,
} from '../domain/machine';
import { Refusal } from '../../platform/domain/refusal';
import { asWorkflow } from '../../platform/writers';
import { newsroomDocuments } from '../../platform/documents';
import {
  afterWorkflowChange,
  announceOnCommit,
  type WorkflowChangeListener,
} from '../after-change';
import { changesPublic, type WorkflowEventAction } from '../domain/change';
import type { HistoryEvent } from '../../../../shared/contracts/workflow';
import { defaultLocale } from '../../platform/locales';
import { getService } from '../../platform/services';

export type { Actor };

export interface TransitionInput {
  action: WorkflowAction;
  expectedVersion: number;
  note?: string;
  /** ISO 8601 time with offset, for `schedule`. */
  at?: string;
  locale?: string;
}

/** A working copy with what the workflow reads of it populated. */
export interface DraftRow extends ArticleRow, Omit<ApprovableArticle, keyof ArticleRow> {
  attribution: { line: string | null } | null;
  leadPhoto: { creditLine: string | null } | null;
  gallery: Array<{ creditLine: string | null }> | null;
  corrections: Array<{ id: number; date: string; note: string }> | null;
  wireItem: { id: number } | null;
}

const PHOTO = {
  populate: {
    image: { select: ['id', 'alternativeText', 'focalPoint', 'width', 'height', 'size'] },
  },
};
const DRAFT_POPULATE = {
  dateline: true,
  body: true,
  tags: true,
  rubric: { select: ['id', ...RUBRIC_SHOWN] },
  attribution: { populate: { agency: { select: ['id', ...AGENCY_SHOWN] } } },
  leadPhoto: PHOTO,
  gallery: PHOTO,
  corrections: true,
  wireItem: { select: ['id'] },
};

/** States in which an approval stands; an edit there needs the approver's say. */
const APPROVED_STATES: WorkflowState[] = ['approved', 'scheduled'];

/** The enforced editorial workflow: transitions, history and the scheduler. */
const workflowService = ({ strapi }: { strapi: Core.Strapi }) => {
  const articles = articleRepository(strapi);

  /**
   * An agency's kill or withhold holds the whole story: a locale added after it arrived carries
   * it too, so no locale can be published past it.
   */
  const withDocumentAlert = async (draft: DraftRow): Promise<DraftRow> => {
    if (draft.agencyAlert) return draft;
    const flagged = (await strapi.db.query(ARTICLE_UID).findOne({
      select: ['agencyAlert'],
      where: { documentId: draft.documentId, publishedAt: null, agencyAlert: { $notNull: true } },
    })) as { agencyAlert: DraftRow['agencyAlert'] } | null;
    return flagged?.agencyAlert ? { ...draft, agencyAlert: flagged.agencyAlert } : draft;
  };

  const loadDraft = async (documentId: string, locale: string) => {
    const draft = await articles.draft<DraftRow>(documentId, locale, { populate: DRAFT_POPULATE });
    return draft && withDocumentAlert(draft);
  };

  const problemsOf = (draft: DraftRow) =>
    rightsProblems({
      headline: draft.headline,
      wireSourced: Boolean(draft.wireItem),
      attributionLine: draft.attribution?.line,
      leadPhoto: draft.leadPhoto,
      gallery: draft.gallery,
      agencyAlert: draft.agencyAlert,
    });

  const conflict = (draft: DraftRow, message: string) =>
    new Refusal(409, message, {
      currentState: draft.workflowState,
      currentVersion: draft.workflowVersion,
    });

  /** Appends the change to the history; it is announced to `afterWorkflowChange` listeners once it commits. */
  const recordEvent = async (
    draft: DraftRow,
    action: WorkflowEventAction,
    from: WorkflowState,
    to: WorkflowState,
    actor: Actor,
    note?: string,
    at = new Date()
  ) => {
    const event = await newsroomDocuments(strapi, WORKFLOW_EVENT_UID).create<HistoryEvent>({
      articleDocumentId: draft.documentId,
      articleLocale: draft.locale,
      action,
      fromState: from,
      toState: to,
      actorId: actor.id,
      actorName: actor.name.slice(0, 200),
      note: note ?? null,
      at: at.toISOString(),
    });
    await announceOnCommit(strapi, {
      eventId: event.id,
      documentId: draft.documentId,
      locale: draft.locale,
      action,
      from,
      to,
      actor: { id: actor.id, name: actor.name },
      note: note ?? null,
      at,
      changesPublic: changesPublic(action, to),
    });
    return event;
  };

  /**
   * Moves the draft from `from` to `to` only if nobody else moved it first: the version
   * check and the write are one conditional UPDATE, so of many concurrent requests exactly
   * one wins.
   */
  const claim = async (
    draft: DraftRow,
    from: WorkflowState,
    to: WorkflowState,
    data: Record<string, unknown>
  ) => {
    const count = await articles.updateDrafts(
      {
        documentId: draft.documentId,
        locale: draft.locale,
        workflowState: from,
        workflowVersion: draft.workflowVersion,
      },
      { workflowState: to, workflowVersion: draft.workflowVersion + 1, ...data }
    );
    return count === 1;
  };

  /** Applies what the new state means for Strapi's draft and published versions. */
  const applyEffects = async (
    draft: DraftRow,
    action: WorkflowAction | 'scheduled-publish',
    to: WorkflowState,
    note?: string
  ) => {
    const { documentId, locale } = draft;
    if (action === 'correct') {
      const corrections = [
        ...(draft.corrections ?? []).map(({ id, date, note: n }) => ({ id, date, note: n })),
        { date: new Date().toISOString(), note },
      ];
      await articles.update(documentId, locale, { corrections });
    }
    if (to === 'published') await articles.publish(documentId, locale);
    if (action === 'kill') await articles.unpublish(documentId, locale);
  };

  /**
   * Sends an approved or scheduled article back to review because its text is no longer
   * the approved text: state, schedule and approval go, the version moves on, and the
   * history says why. False when someone else moved it first.
   */
  const reopen = (draft: DraftRow, actor: Actor, note: string, now = new Date()) =>
    strapi.db.transaction(() =>
      asWorkflow('reopen', async () => {
        if (
          !(await claim(draft, draft.workflowState, 'in_review', {
            scheduledAt: null,
            approvedDigest: null,
          }))
        )
          return false;
        await recordEvent(draft, 'reopen', draft.workflowState, 'in_review', actor, note, now);
        return true;
      })
    );

  /** Whether the working copy is still the text that was approved. */
  const stillApproved = (draft: DraftRow) =>
    draft.approvedDigest !== null && draft.approvedDigest === approvalDigest(draft);

  const CHANGED_SINCE_APPROVAL =
    'The text changed after approval by a path outside the newsroom checks; it needs approval again';

  return {
    /**
     * Calls `listener` once each workflow change has committed (never for one that rolled
     * back), in this process. Returns a function that stops it. This is where work that
     * follows a change plugs in: the delivery cache, an archive, a push to subscribers.
     */
    afterChange: (listener: WorkflowChangeListener) => afterWorkflowChange(strapi, listener),

    /**
     * Appends a step that moves no state (a lock taken over, say) to the article's history,
     * inside the caller's transaction when there is one. Throws Refusal 404.
     */
    async record(
      documentId: string,
      locale: string,
      action: WorkflowEventAction,
      actor: Actor,
      note: string,
      at = new Date()
    ) {
      const draft = await articles.draft<DraftRow>(documentId, locale);
      if (!draft) throw new Refusal(404, `Article ${documentId} not found`);
      return asWorkflow(action, () =>
        recordEvent(draft, action, draft.workflowState, draft.workflowState, actor, note, at)
      );
    },

    /** The draft row's workflow fields. Throws Refusal 404. */
    async state(documentId: string, locale?: string) {
      const draft = await loadDraft(documentId, locale ?? (await defaultLocale(strapi)));
      if (!draft) throw new Refusal(404, `Article ${documentId} not found`);
      return { draft, problems: problemsOf(draft) };
    },

    /**
     * Runs one workflow action for `actor`, who must already hold its permission. Throws
     * Refusal: 404 unknown article, 409 wrong state, stale version or a text that
     * is no longer the approved one, 400 missing note or bad time, 422 rights problems.
     */
    async transition(documentId: string, input: TransitionInput, actor: Actor) {
      const rule = RULES[input.action];
      const locale = input.locale ?? (await defaultLocale(strapi));
      const draft = await loadDraft(documentId, locale);
      if (!draft) throw new Refusal(404, `Article ${documentId} not found`);
      // A user's move waits for whoever has the article open; system actors (an agency's kill) do not.
      if (actor.id !== null)
        await getService('edit-locks', strapi).refuseUnlessHolder(documentId, locale, actor);

      if (!rule.from.includes(draft.workflowState)) {
        throw conflict(
          draft,
          `Cannot ${input.action} an article that is ${draft.workflowState.replace('_', ' ')}`
        );
      }
      if (input.expectedVersion !== draft.workflowVersion) {
        throw conflict(
          draft,
          `The article has changed since you saw it (version ${input.expectedVersion}, now ${draft.workflowVersion}); reload and try again`
        );
      }
      const note = input.note?.trim();
      if (rule.noteRequired && !note)
        throw new Refusal(400, `A note is required to ${input.action} an article`);

      const now = new Date();
      const data: Record<string, unknown> = {};
      if (rule.atRequired) {
        if (!input.at)
          throw new Refusal(400, `A time ("at") is required to ${input.action} an article`);
        const at = new Date(input.at);
        if (at <= now)
          throw new Refusal(400, `"at" must be in the future (${input.at} has passed)`);
        if (draft.embargoUntil) {
          throw new Refusal(
            400,
            'An embargoed article is published when its embargo lifts; it cannot also be scheduled'
          );
        }
        data.scheduledAt = at;
      }
      if (rule.guarded) {
        const problems = problemsOf(draft);
        if (problems.length) {
          throw new Refusal(422, `Cannot ${input.action}: ${problems.join('; ')}`, { problems });
        }
      }
      // Publishing and scheduling from `approved` send out the approved text, nothing else.
      if (draft.workflowState === 'approved' && !stillApproved(draft)) {
        await reopen(draft, actor, CHANGED_SINCE_APPROVAL, now);
        const current = (await loadDraft(documentId, locale)) ?? draft;
        throw conflict(current, `Cannot ${input.action}: ${CHANGED_SINCE_APPROVAL}`);
      }

      const embargo = draft.embargoUntil ? new Date(draft.embargoUntil) : null;
      const to = targetState(input.action, embargo, now);
      if (input.action === 'publish' && to === 'scheduled') data.scheduledAt = embargo;
      if (input.action === 'unschedule') data.scheduledAt = null;
      if (input.action === 'kill') data.killNotice = note;
      if (input.action === 'approve') data.approvedDigest = approvalDigest(draft);
      else if (!APPROVED_STATES.includes(to)) data.approvedDigest = null;
      // What readers see changes: the new public version is numbered before it is published.
      const archived = changesPublic(input.action, to);

      return strapi.db.transaction(() =>
        asWorkflow(input.action, async () => {
          const archive = getService('archive', strapi);
          if (archived) data.publicVersion = await archive.nextNumber(documentId, locale);
          if (!(await claim(draft, draft.workflowState, to, data))) {
            const current = (await loadDraft(documentId, locale)) ?? draft;
            throw conflict(current, 'Someone else moved the article first; reload and try again');
          }
          await applyEffects(draft, input.action, to, note);
          const event = await recordEvent(
            draft,
            input.action,
            draft.workflowState,
            to,
            actor,
            note,
            now
          );
          if (archived)
            await archive.record({
              documentId,
              locale,
              number: data.publicVersion as number,
              action:
                input.action === 'kill'
                  ? 'kill'
                  : input.action === 'correct'
                    ? 'correct'
                    : 'publish',
              actor,
              at: now,
              eventId: event.id,
            });
          return { state: to, version: draft.workflowVersion + 1, event };
        })
      );
    },

    /**
     * After a content save outside the workflow. Every save moves the workflow version on, so
     * an action taken on what someone saw before the save is refused as stale (409): an
     * approval covers exactly the text its approver had in front of them. When an approved or
     * scheduled article's text changed, an actor who may approve keeps the state (the approval
     * now covers the new text, and the history says so); anyone else sends it back to review
     * and cancels its schedule.
     */
    async afterEdit(
      documentId: string,
      locale: string,
      actor: Actor & { may(permission: string): boolean }
    ) {
      const draft = await loadDraft(documentId, locale);
      if (!draft) return;
      const approvalAffected =
        APPROVED_STATES.includes(draft.workflowState) && !stillApproved(draft);
      if (approvalAffected && !actor.may(permissionFor('approve'))) {
        const schedule = draft.workflowState === 'scheduled' ? '; its schedule is cancelled' : '';
        await reopen(
          draft,
          actor,
          `Edited after approval by ${actor.name}, who may not approve; it needs approval again${schedule}`
        );
        return;
      }
      await asWorkflow('edit', async () => {
        await articles.updateRow(draft.id, {
          workflowVersion: draft.workflowVersion + 1,
          ...(approvalAffected ? { approvedDigest: approvalDigest(draft) } : {}),
        });
        if (approvalAffected) {
          await recordEvent(
            draft,
            'edit',
            draft.workflowState,
            draft.workflowState,
            actor,
            `Edited after approval by ${actor.name}, who may approve`
          );
        }
      });
    },

    /**
     * Lifts the agency's kill or withhold from the story in every locale, as the actor's
     * decision: a note is required and the history records it. Throws Refusal 404, 400 (no
     * note) or 409 (nothing to clear).
     */
    async clearAgencyAlert(documentId: string, noteGiven: string | undefined, actor: Actor) {
      const note = noteGiven?.trim();
      const drafts = await articles.drafts<DraftRow>({ documentId }, { populate: DRAFT_POPULATE });
      if (!drafts.length) throw new Refusal(404, `Article ${documentId} not found`);
      if (!note) throw new Refusal(400, "A note is required to clear an agency's kill or withhold");
      const flagged = drafts.filter((draft) => draft.agencyAlert);
      if (!flagged.length)
        throw new Refusal(409, 'The article carries no agency kill or withhold to clear');
      const now = new Date();
      return strapi.db.transaction(() =>
        asWorkflow('clear-agency-alert', async () => {
          for (const draft of flagged) {
            await articles.updateRow(draft.id, { agencyAlert: null });
            const alert = draft.agencyAlert!;
            await recordEvent(
              draft,
              'clear-agency-alert',
              draft.workflowState,
              draft.workflowState,
              actor,
              `Agency ${alert.status === 'canceled' ? 'kill' : 'withhold'} cleared: ${note}`,
              now
            );
          }
          return { cleared: flagged.map((draft) => draft.locale) };
        })
      );
    },

    /** Records, for articles approved before approvals were fingerprinted, that their current text is the approved one. */
    async fingerprintLegacyApprovals() {
      const legacy = await articles.drafts<DraftRow>(
        { workflowState: { $in: APPROVED_STATES }, approvedDigest: null },
        { populate: DRAFT_POPULATE }
      );
      for (const draft of legacy)
        await articles.updateRow(draft.id, { approvedDigest: approvalDigest(draft) });
      return legacy.length;
    },

    /** The article's workflow events, newest first. */
    async history(documentId: string, locale?: string) {
      return strapi.db.query(WORKFLOW_EVENT_UID).findMany({
        where: { articleDocumentId: documentId, ...(locale ? { articleLocale: locale } : {}) },
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
      });
    },

    /**
     * Publishes every scheduled article whose time has come. Each is claimed with a
     * conditional UPDATE, so with several processes on one database each article is
     * published exactly once. A due article that fails the rights guard goes back to
     * `approved` with the problems in the event note; one whose text is no longer the
     * approved text goes back to review.
     */
    async publishDue(now = new Date()) {
      const due = await articles.drafts<DraftRow>(
        { workflowState: 'scheduled', scheduledAt: { $lte: now } },
        { populate: DRAFT_POPULATE, limit: 100 }
      );
      let published = 0;
      for (const draft of due) {
        if (!stillApproved(draft)) {
          await reopen(
            draft,
            SYSTEM_ACTOR,
            `Scheduled publication stopped: ${CHANGED_SINCE_APPROVAL}`,
            now
          );
          continue;
        }
        const problems = problemsOf(await withDocumentAlert(draft));
        const to: WorkflowState = problems.length ? 'approved' : 'published';
        const done = await strapi.db.transaction(() =>
          asWorkflow('scheduled-publish', async () => {
            const archive = getService('archive', strapi);
            const number =
              to === 'published'
                ? await archive.nextNumber(draft.documentId, draft.locale)
                : undefined;
            if (
              !(await claim(draft, 'scheduled', to, {
                scheduledAt: null,
                ...(to === 'published' ? { approvedDigest: null, publicVersion: number } : {}),
              }))
            )
              return false;
            if (to === 'published') await applyEffects(draft, 'scheduled-publish', to);
            const event = await recordEvent(
              draft,
              to === 'published' ? 'publish' : 'unschedule',
              'scheduled',
              to,
              SYSTEM_ACTOR,
              problems.length ? `Scheduled publication blocked: ${problems.join('; ')}` : undefined,
              now
            );
            if (number !== undefined)
              await archive.record({
                documentId: draft.documentId,
                locale: draft.locale,
                number,
                action: 'scheduled-publish',
                actor: SYSTEM_ACTOR,
                at: now,
                eventId: event.id,
              });
            return to === 'published';
          })
        );
        if (done) published += 1;
      }
      return published;
    },
  };
};

export type WorkflowService = ReturnType<typeof workflowService>;
export default workflowService;
