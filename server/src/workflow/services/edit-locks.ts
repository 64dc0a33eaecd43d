import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { NewsroomConfig } from '../../config';
import { currentActor, type Actor } from '../../platform/actors';
import { Refusal } from '../../platform/domain/refusal';
import { EDIT_LOCK_UID } from '../../platform/domain/uids';
import { isUniqueViolation } from '../../platform/database-errors';
import { inIngest, inWorkflow } from '../../platform/writers';
import { articleRepository } from '../../articles/repository';
import { getService } from '../../platform/services';
import { editsSince } from '../domain/content-edits';
import type { EditLock, LockBadge, LockState } from '../../../../shared/contracts/locks';

export interface LockRow {
  id: number;
  articleDocumentId: string;
  articleLocale: string;
  holderId: number;
  holderName: string | null;
  session: string;
  takenAt: string;
  heartbeatAt: string;
  expiresAt: string;
  takenOverBy: string | null;
  takenOverAt: string | null;
  formerSession: string | null;
}

/** A tab asking about a lock: its user, its session, and whether that user may take locks over. */
export interface LockCaller {
  actor: Actor & { id: number };
  session?: string;
  mayTakeOver: boolean;
}

const iso = (value: string | Date) => new Date(value).toISOString();

/**
 * Edit locks: one per article locale, in the database so that every process behind a load
 * balancer sees the same ones. A lock lives while its tab's heartbeat renews it; a silent one
 * lapses after `locks.ttlSeconds` and anyone may take it. The server refuses other users'
 * saves, transitions and wire-update applies while it lives; system writers pass.
 */
const editLocksService = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(EDIT_LOCK_UID);
  const settings = () => (strapi.config.get('plugin::newsroom') as NewsroomConfig).locks;
  const articles = articleRepository(strapi);

  const find = (documentId: string, locale: string) =>
    rows().findOne({
      where: { articleDocumentId: documentId, articleLocale: locale },
    }) as Promise<LockRow | null>;

  const isLive = (row: LockRow | null, now = new Date()): boolean =>
    Boolean(row && new Date(row.expiresAt) > now);

  const view = (row: LockRow): EditLock => ({
    documentId: row.articleDocumentId,
    locale: row.articleLocale,
    holder: { id: row.holderId, name: row.holderName ?? `User ${row.holderId}` },
    since: iso(row.takenAt),
    expiresAt: iso(row.expiresAt),
  });

  const holding = (caller: LockCaller, now: Date) => ({
    holderId: caller.actor.id,
    holderName: caller.actor.name.slice(0, 200),
    session: caller.session,
    heartbeatAt: now,
    expiresAt: new Date(now.getTime() + settings().ttlSeconds * 1000),
  });

  /** The lock as `caller`'s tab sees it, with the saves made after version `since`. */
  const stateFor = async (
    documentId: string,
    locale: string,
    caller: LockCaller,
    since?: number,
    row?: LockRow | null
  ): Promise<LockState> => {
    const now = new Date();
    const current = row === undefined ? await find(documentId, locale) : row;
    const live = current && isLive(current, now) ? current : null;
    const mine = Boolean(
      live && live.holderId === caller.actor.id && live.session === caller.session
    );
    const sameUser = Boolean(live && !mine && live.holderId === caller.actor.id);
    const draft = await articles.draft(documentId, locale, {
      select: ['contentVersion', 'editTrail'],
    });
    const stored = (draft as { contentVersion?: number | null } | null)?.contentVersion ?? 0;
    const { ttlSeconds, heartbeatSeconds } = settings();
    return {
      lock: live ? view(live) : null,
      mine,
      sameUser,
      canTakeOver: Boolean(live && !mine && (sameUser || caller.mayTakeOver)),
      takenOver:
        current &&
        caller.session &&
        current.formerSession === caller.session &&
        current.session !== caller.session &&
        current.takenOverBy
          ? { by: current.takenOverBy, at: iso(current.takenOverAt ?? current.takenAt) }
          : null,
      heartbeatSeconds,
      ttlSeconds,
      contentVersion: stored,
      editsSince:
        since === undefined
          ? []
          : editsSince((draft as { editTrail?: unknown } | null)?.editTrail, since),
    };
  };

  return {
    /** The lock without taking it. */
    state: stateFor,

    /**
     * Takes the lock for the caller's tab, or renews it (the heartbeat). A lock held by
     * someone else is left alone: the answer says who holds it.
     */
    async keep(documentId: string, locale: string, caller: LockCaller, since?: number) {
      const now = new Date();
      const row = await find(documentId, locale);
      const { ttlSeconds } = settings();
      if (row && row.holderId === caller.actor.id && row.session === caller.session) {
        // A heartbeat writes only once a third of the lock's life has passed: most are one read.
        if (
          isLive(row, now) &&
          now.getTime() - new Date(row.heartbeatAt).getTime() < (ttlSeconds * 1000) / 3
        )
          return stateFor(documentId, locale, caller, since, row);
        await rows().updateMany({
          where: { id: row.id, holderId: caller.actor.id, session: caller.session },
          data: { heartbeatAt: now, expiresAt: holding(caller, now).expiresAt },
        });
        return stateFor(documentId, locale, caller, since);
      }
      if (!row) {
        try {
          await rows().create({
            data: {
              articleDocumentId: documentId,
              articleLocale: locale,
              ...holding(caller, now),
              takenAt: now,
            },
          });
        } catch (error) {
          // Another tab created it first: it holds the lock.
          if (!isUniqueViolation(error)) throw error;
        }
        return stateFor(documentId, locale, caller, since);
      }
      if (!isLive(row, now)) {
        // Of several tabs taking a lapsed lock at once, the first write wins; the others see it renewed.
        await rows().updateMany({
          where: { id: row.id, expiresAt: { $lte: now } },
          data: {
            ...holding(caller, now),
            takenAt: now,
            takenOverBy: null,
            takenOverAt: null,
            formerSession: null,
          },
        });
        return stateFor(documentId, locale, caller, since);
      }
      return stateFor(documentId, locale, caller, since, row);
    },

    /**
     * Takes the lock from its holder: the caller's own other tab, or anyone's with the
     * permission. The history records it. Throws Refusal 403 (no permission) or 409 (someone
     * else took it over first).
     */
    async takeOver(documentId: string, locale: string, caller: LockCaller) {
      const now = new Date();
      const row = await find(documentId, locale);
      if (!row || !isLive(row, now)) return this.keep(documentId, locale, caller);
      if (row.holderId === caller.actor.id && row.session === caller.session)
        return this.keep(documentId, locale, caller);
      if (row.holderId !== caller.actor.id && !caller.mayTakeOver)
        throw new Refusal(403, 'You are not allowed to take over editing from someone else', {
          lock: view(row),
        });
      return strapi.db.transaction(async () => {
        const { count } = await rows().updateMany({
          where: { id: row.id, holderId: row.holderId, session: row.session },
          data: {
            ...holding(caller, now),
            takenAt: now,
            takenOverBy: caller.actor.name.slice(0, 200),
            takenOverAt: now,
            formerSession: row.session,
          },
        });
        if (count !== 1)
          throw new Refusal(409, 'Someone else took over editing first; reload the article');
        await getService('workflow', strapi).record(
          documentId,
          locale,
          'take-over-lock',
          caller.actor,
          `Took over editing from ${row.holderName ?? `user ${row.holderId}`} (editing since ${iso(row.takenAt)})`,
          now
        );
        return stateFor(documentId, locale, caller);
      });
    },

    /** Lets the lock go when the caller's tab holds it. */
    async release(documentId: string, locale: string, caller: LockCaller) {
      const { count } = await rows().deleteMany({
        where: {
          articleDocumentId: documentId,
          articleLocale: locale,
          holderId: caller.actor.id,
          session: caller.session,
        },
      });
      return { released: count > 0 };
    },

    /**
     * Refuses `actor`'s write while someone else holds the lock. Throws Refusal 409 naming
     * the holder.
     */
    async refuseUnlessHolder(documentId: string, locale: string, actor: Pick<Actor, 'id'>) {
      const row = await find(documentId, locale);
      if (!row || !isLive(row) || (actor.id !== null && actor.id === row.holderId)) return;
      throw new Refusal(
        409,
        `${row.holderName ?? `User ${row.holderId}`} is editing this article (since ${iso(row.takenAt).slice(11, 16)} UTC); ask them to close it, or take over editing`,
        { lock: view(row) }
      );
    },

    /**
     * The same refusal for a document-service write: the writer of the current request, if it
     * is not the holder. Writes with no request (the scheduler, the rendition worker, server
     * code) and the plugin's own writers (the workflow, the ingest) are system writes and pass.
     */
    async refuseWriteUnlessHolder(documentId: string, locale: string) {
      const ctx = strapi.requestContext.get() as Context | undefined;
      if (!ctx || inWorkflow() || inIngest()) return;
      await this.refuseUnlessHolder(documentId, locale, currentActor(strapi));
    },

    /** Live locks on these articles in `locale` (every locale when omitted), by documentId. */
    async badges(documentIds: string[], locale?: string): Promise<Map<string, LockBadge>> {
      if (!documentIds.length) return new Map();
      const live = (await rows().findMany({
        select: ['articleDocumentId', 'holderName', 'holderId', 'takenAt'],
        where: {
          articleDocumentId: { $in: documentIds },
          ...(locale ? { articleLocale: locale } : {}),
          expiresAt: { $gt: new Date() },
        },
        orderBy: { takenAt: 'asc' },
      })) as LockRow[];
      return new Map(
        live.map((row) => [
          row.articleDocumentId,
          { holderName: row.holderName ?? `User ${row.holderId}`, since: iso(row.takenAt) },
        ])
      );
    },
  };
};

export type EditLocksService = ReturnType<typeof editLocksService>;
export default editLocksService;
