import { randomUUID } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { NewsroomConfig } from '../../config';
import type { DeliveryAttempt, DeliveryView } from '../../../../shared/contracts/push';
import type { SnapshotAction } from '../../../../shared/contracts/versions';
import {
  eventOfSnapshot,
  idempotencyKey,
  pushBody,
  sendsTo,
  type ChangeFacts,
  type ServedSnapshot,
} from '../domain/subscriptions';
import { retryDelaySeconds, signPush } from '../domain/push-signature';
import { postUnderPolicy } from '../../images/picture-fetch';
import { Refusal } from '../../platform/domain/refusal';
import { PUSH_DELIVERY_UID } from '../../platform/domain/uids';
import { getService } from '../../platform/services';
import type { SubscriberRow } from './subscribers';

interface DeliveryRow {
  id: number;
  subscriberId: number;
  event: 'publish' | 'correct' | 'kill';
  articleDocumentId: string;
  articleLocale: string;
  version: number | null;
  eventId: number | null;
  idempotencyKey: string;
  contentType: string;
  body: string;
  status: DeliveryView['status'];
  attempts: number | null;
  nextAttemptAt: string | Date | null;
  claimedAt: string | Date | null;
  claimToken: string | null;
  deliveredAt: string | Date | null;
  lastStatus: number | null;
  lastError: string | null;
  log: DeliveryAttempt[] | null;
  createdAt: string | Date;
}

/** Outcomes recorded together: a commit per this many pushes, and at the end of each batch. */
const SETTLE_EVERY = 25;

const iso = (d: string | Date | null) => (d ? new Date(d).toISOString() : null);

const view = (row: DeliveryRow): DeliveryView => ({
  id: row.id,
  subscriberId: row.subscriberId,
  event: row.event,
  documentId: row.articleDocumentId,
  locale: row.articleLocale,
  version: row.version ?? null,
  idempotencyKey: row.idempotencyKey,
  status: row.status,
  attempts: row.attempts ?? 0,
  nextAttemptAt: iso(row.nextAttemptAt),
  deliveredAt: iso(row.deliveredAt),
  lastStatus: row.lastStatus ?? null,
  lastError: row.lastError ?? null,
  log: Array.isArray(row.log) ? row.log : [],
  createdAt: iso(row.createdAt)!,
});

/**
 * Push to subscribers through an outbox in the database. The workflow records one delivery
 * per subscriber in the transaction that makes the public change, so a change is pushed if
 * and only if it happened. Workers in any number of processes claim deliveries with a
 * conditional update (each attempt is made by one process), send them signed, and retry with
 * backoff. Deliveries of one article to one subscriber go in order: a later one waits while an
 * earlier one is unsent, and a kill drops the unsent changes before it, so nothing older
 * arrives after it.
 */
const pushService = ({ strapi }: { strapi: Core.Strapi }) => {
  // Decrypted once per subscriber and secret, not once per delivery.
  const secrets = new Map<string, string>();
  const secretOf = (subscriber: SubscriberRow) => {
    const key = `${subscriber.id}|${subscriber.secret}`;
    if (!secrets.has(key)) {
      if (secrets.size > 1000) secrets.clear();
      secrets.set(key, getService('subscribers', strapi).secretOf(subscriber));
    }
    return secrets.get(key)!;
  };
  const rows = () => strapi.db.query(PUSH_DELIVERY_UID);
  const settings = () => (strapi.config.get('plugin::newsroom') as NewsroomConfig).push;
  const leaseMs = () => (settings().timeoutSeconds * 2 + 30) * 1000;
  /** The sending loops running in this process, one per subscriber (and one for leftovers). */
  const loops = new Map<string, { again: boolean; done: Promise<void> }>();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const sameArticle = (
    row: Pick<DeliveryRow, 'subscriberId' | 'articleDocumentId' | 'articleLocale'>
  ) => ({
    subscriberId: row.subscriberId,
    articleDocumentId: row.articleDocumentId,
    articleLocale: row.articleLocale,
  });

  const column = (name: string) =>
    (strapi.db.metadata.get(PUSH_DELIVERY_UID).attributes[name] as { columnName?: string })
      ?.columnName ?? name;

  /**
   * Deliveries that are the earliest unsent of their subscriber and article, as `d`: chosen in
   * SQL, so that rows waiting behind a failing subscriber's retries never hide anyone else's.
   */
  const headsOfQueues = () => {
    const knex = strapi.db.connection;
    const table = strapi.db.metadata.get(PUSH_DELIVERY_UID).tableName;
    const [id, status, subscriberId, documentId, locale] = [
      'id',
      'status',
      'subscriberId',
      'articleDocumentId',
      'articleLocale',
    ].map(column);
    return knex(`${table} as d`).whereNotExists((sub) =>
      sub
        .select(knex.raw('1'))
        .from(`${table} as e`)
        .whereRaw('?? = ??', [`e.${subscriberId}`, `d.${subscriberId}`])
        .whereRaw('?? = ??', [`e.${documentId}`, `d.${documentId}`])
        .whereRaw('?? = ??', [`e.${locale}`, `d.${locale}`])
        .whereRaw('?? < ??', [`e.${id}`, `d.${id}`])
        .whereIn(`e.${status}`, ['pending', 'sending'])
    );
  };

  /** Pending and due, or claimed by a process whose claim has lapsed (it stopped mid-send). */
  const isDue = (now: Date) => (where: ReturnType<typeof headsOfQueues>) =>
    where
      .where((q) =>
        q
          .where(`d.${column('status')}`, 'pending')
          .andWhere(`d.${column('nextAttemptAt')}`, '<=', now)
      )
      .orWhere((q) =>
        q
          .where(`d.${column('status')}`, 'sending')
          .andWhere(`d.${column('claimedAt')}`, '<', new Date(now.getTime() - leaseMs()))
      );

  /** The subscribers (deleted ones included) with a delivery to send now. */
  const dueSubscribers = async () =>
    (
      (await headsOfQueues()
        .distinct(`d.${column('subscriberId')} as subscriberId`)
        .where(isDue(new Date()))) as Array<{ subscriberId: number }>
    ).map((row) => row.subscriberId);

  /**
   * Claims a batch of due deliveries, each the earliest unsent one of its subscriber and
   * article (so one article's changes reach a subscriber in order), with one conditional
   * update under a token of this claim: of two processes claiming the same row, one gets it.
   */
  const claimBatch = async (subscriber: number, limit = 100): Promise<DeliveryRow[]> => {
    const now = new Date();
    const stale = new Date(now.getTime() - leaseMs());
    const due = (await headsOfQueues()
      .select(`d.${column('id')} as id`)
      .where(isDue(now))
      .where(`d.${column('subscriberId')}`, subscriber)
      .orderBy(`d.${column('id')}`, 'asc')
      .limit(limit)) as Array<{ id: number }>;
    if (!due.length) return [];
    const token = randomUUID();
    // Of two processes claiming the same row, the conditional update gives it to one.
    await rows().updateMany({
      where: {
        id: { $in: due.map((row) => row.id) },
        $or: [{ status: 'pending' }, { status: 'sending', claimedAt: { $lt: stale } }],
      },
      data: { status: 'sending', claimedAt: now, claimToken: token },
    });
    return (await rows().findMany({
      where: { claimToken: token, status: 'sending' },
      orderBy: [{ id: 'asc' }],
    })) as DeliveryRow[];
  };

  const laterKill = (row: DeliveryRow) =>
    rows().findOne({
      where: { ...sameArticle(row), id: { $gt: row.id }, event: 'kill' },
      select: ['id'],
    });

  /** One attempt: POST, signed, under the feeds' address policy; then delivered, retried or failed. */
  const attempt = async (row: DeliveryRow, known: Map<number, SubscriberRow | null>) => {
    const subscribers = getService('subscribers', strapi);
    const { maxAttempts, retryBaseSeconds, retryMaxSeconds, timeoutSeconds } = settings();
    const attempts = (row.attempts ?? 0) + 1;
    const at = new Date();
    let status: number | null = null;
    let error: string | null = null;
    if (!known.has(row.subscriberId))
      known.set(row.subscriberId, await subscribers.findOne(row.subscriberId).catch(() => null));
    const subscriber = known.get(row.subscriberId) ?? null;
    if (!subscriber) error = 'The subscriber was deleted';
    else if (!subscriber.enabled) error = 'The subscriber is disabled';
    else {
      const signal = AbortSignal.timeout(timeoutSeconds * 1000);
      try {
        const answer = await postUnderPolicy(
          subscriber.url,
          subscribers.policy(),
          row.body,
          {
            'Content-Type': `${row.contentType}; charset=utf-8`,
            'User-Agent': 'strapi-plugin-newsroom push',
            'X-Newsroom-Event': row.event,
            'X-Newsroom-Delivery': String(row.id),
            'Idempotency-Key': row.idempotencyKey,
            'X-Newsroom-Signature': signPush(row.body, secretOf(subscriber), at.getTime()),
          },
          signal
        );
        status = answer.status;
        if (status < 200 || status >= 300)
          error = `Answered ${status}${answer.text ? `: ${answer.text.replace(/\s+/gu, ' ').slice(0, 200)}` : ''}`;
      } catch (e) {
        error = signal.aborted
          ? `No answer within ${timeoutSeconds} s`
          : (e as Error).message || String(e);
      }
    }
    const log = [
      ...(Array.isArray(row.log) ? row.log : []),
      { at: at.toISOString(), status, error },
    ].slice(-20);
    const common = { attempts, lastStatus: status, lastError: error, claimedAt: null, log };
    let data: Record<string, unknown>;
    if (!error)
      data = { ...common, status: 'delivered', deliveredAt: new Date(), nextAttemptAt: null };
    else if (!subscriber || !subscriber.enabled || attempts >= maxAttempts)
      data = { ...common, status: 'failed', nextAttemptAt: null };
    else if (row.event !== 'kill' && (await laterKill(row)))
      data = { ...common, status: 'superseded', nextAttemptAt: null };
    else
      data = {
        ...common,
        status: 'pending',
        nextAttemptAt: new Date(
          Date.now() +
            retryDelaySeconds(attempts, retryBaseSeconds, retryMaxSeconds, Math.random()) * 1000
        ),
      };
    if (error)
      strapi.log.warn(
        `[newsroom] push ${row.id} (${row.event} ${row.articleDocumentId}) to subscriber ${row.subscriberId}, attempt ${attempts}: ${error}`
      );
    return { row, data };
  };

  type Settle = Awaited<ReturnType<typeof attempt>>;

  /**
   * Records attempts' outcomes, many in one transaction (one commit, not one per push). Only
   * the claim this process holds is settled: a lapsed claim may have passed to another.
   */
  const settle = async (outcomes: Settle[]) => {
    if (!outcomes.length) return;
    await strapi.db.transaction(async () => {
      for (const { row, data } of outcomes)
        await rows().updateMany({
          where: { id: row.id, status: 'sending', claimToken: row.claimToken },
          data: { ...data, claimToken: null },
        });
    });
  };

  /** Wakes the worker when the next retry falls due (the cron tick is the backstop). */
  const scheduleNext = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped) return;
    // The next retry of a delivery nothing waits before: a row behind another goes when that one settles.
    const [next] = (await headsOfQueues()
      .where(`d.${column('status')}`, 'pending')
      .min(`d.${column('nextAttemptAt')} as at`)) as Array<{ at: string | number | Date | null }>;
    if (next?.at === null || next?.at === undefined) return;
    const delay = Math.max(20, new Date(next.at).getTime() - Date.now());
    if (delay > settings().tickSeconds * 1000) return;
    timer = setTimeout(() => service.kick(), delay);
    timer.unref?.();
  };

  /** Sends one subscriber's due deliveries until none is left. */
  const drainFor = async (subscriber: number) => {
    const known = new Map<number, SubscriberRow | null>();
    for (
      let batch = await claimBatch(subscriber);
      batch.length && !stopped;
      batch = await claimBatch(subscriber)
    ) {
      // The batch holds one delivery per subscriber and article: they may go at once.
      let next = 0;
      const outcomes: Settle[] = [];
      const lanes = Array.from({ length: settings().concurrency }, async () => {
        while (next < batch.length && !stopped) {
          outcomes.push(await attempt(batch[next++], known));
          if (outcomes.length >= SETTLE_EVERY) await settle(outcomes.splice(0));
        }
      });
      await Promise.all(lanes);
      await settle(outcomes.splice(0));
      known.clear();
    }
  };

  /**
   * Runs a loop that sends one subscriber's deliveries until none is due, or marks the running
   * one to look again. Each subscriber has its own, so a slow or failing one holds back only
   * itself.
   */
  const loop = (subscriber: number) => {
    const key = String(subscriber);
    const running = loops.get(key);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await drainFor(subscriber);
        } while (state.again && !stopped);
        await scheduleNext();
      } catch (error) {
        if (!stopped)
          strapi.log.error(`[newsroom] push worker stopped: ${(error as Error).message}`);
      } finally {
        loops.delete(key);
      }
    })();
    loops.set(key, state);
  };

  const service = {
    /**
     * Records one delivery per subscriber that asked for this change, in the caller's
     * transaction (the archive's, with the event). A kill first drops this article's unsent
     * changes to the same subscriber. Returns how many deliveries were recorded.
     */
    async enqueue(
      action: SnapshotAction,
      snapshot: ServedSnapshot,
      facts: ChangeFacts,
      eventId?: number
    ) {
      const event = eventOfSnapshot(action);
      // Who has the story: its correction and its kill reach them whatever the filter says now.
      const recipients =
        event === 'publish'
          ? new Set<number>()
          : new Set(
              (
                (await rows().findMany({
                  where: {
                    articleDocumentId: snapshot.documentId,
                    articleLocale: snapshot.locale,
                    status: { $in: ['delivered', 'pending', 'sending'] },
                  },
                  select: ['subscriberId'],
                })) as Array<{ subscriberId: number }>
              ).map((row) => row.subscriberId)
            );
      const subscribers = (await getService('subscribers', strapi).all()).filter((s) =>
        sendsTo({ ...s, events: s.events ?? [] }, event, facts, recipients.has(s.id))
      );
      if (!subscribers.length) return 0;
      const now = new Date();
      for (const subscriber of subscribers) {
        const article = {
          subscriberId: subscriber.id,
          articleDocumentId: snapshot.documentId,
          articleLocale: snapshot.locale,
        };
        if (event === 'kill')
          await rows().updateMany({
            where: { ...article, status: 'pending' },
            data: { status: 'superseded', nextAttemptAt: null },
          });
        const { contentType, body } = pushBody(subscriber.format, event, snapshot);
        await rows().create({
          data: {
            ...article,
            event,
            version: snapshot.version,
            eventId: eventId ?? null,
            idempotencyKey: idempotencyKey(subscriber.id, snapshot),
            contentType,
            body,
            status: 'pending',
            attempts: 0,
            nextAttemptAt: now,
            log: [],
          },
        });
      }
      await strapi.db.transaction(async ({ onCommit }) => {
        onCommit(() => service.kick(subscribers.map((s) => s.id)));
      });
      return subscribers.length;
    },

    /**
     * Starts sending in this process: to the subscribers named (a change just recorded for
     * them), or to every subscriber with something due (the timer, the cron tick, a start).
     */
    kick(subscribers?: number[]) {
      if (!settings().worker || stopped) return;
      setImmediate(async () => {
        try {
          const due = subscribers ?? (await dueSubscribers());
          for (const id of due) loop(id);
          if (!due.length) await scheduleNext();
        } catch (error) {
          if (!stopped)
            strapi.log.error(`[newsroom] push worker stopped: ${(error as Error).message}`);
        }
      });
    },

    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },

    /** Recent deliveries, newest first. */
    async list(query: { subscriber?: number; status?: string; page?: number; pageSize?: number }) {
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? 25;
      const where = {
        ...(query.subscriber ? { subscriberId: query.subscriber } : {}),
        ...(query.status ? { status: query.status } : {}),
      };
      const [found, total] = await Promise.all([
        rows().findMany({
          where,
          orderBy: [{ id: 'desc' }],
          offset: (page - 1) * pageSize,
          limit: pageSize,
        }) as Promise<DeliveryRow[]>,
        rows().count({ where }),
      ]);
      return {
        data: found.map(view),
        meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
      };
    },

    /**
     * Sends a delivery again, as asked by an administrator: the same body and idempotency key.
     * Only the latest change of an article to a subscriber, so nothing older arrives after it.
     */
    async resend(id: number) {
      const row = (await rows().findOne({ where: { id } })) as DeliveryRow | null;
      if (!row) throw new Refusal(404, `Delivery ${id} not found`);
      if (row.status === 'pending' || row.status === 'sending')
        throw new Refusal(409, `Delivery ${id} is ${row.status} already`);
      const later = await rows().findOne({
        where: { ...sameArticle(row), id: { $gt: row.id } },
        select: ['id'],
      });
      if (later)
        throw new Refusal(
          409,
          `A later change of this article went to this subscriber (delivery ${(later as { id: number }).id}); resend that one, so that nothing older arrives after it`
        );
      await rows().updateMany({
        where: { id, status: row.status },
        data: {
          status: 'pending',
          attempts: 0,
          nextAttemptAt: new Date(),
          claimedAt: null,
          claimToken: null,
        },
      });
      service.kick([row.subscriberId]);
      return view((await rows().findOne({ where: { id } })) as DeliveryRow);
    },
  };
  return service;
};

export type PushService = ReturnType<typeof pushService>;
export default pushService;
