import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { NewsroomConfig } from '../../config';
import { FEED_UID } from '../../platform/domain/uids';
import { Refusal } from '../../platform/domain/refusal';
import { isUniqueViolation } from '../../platform/database-errors';
import { getService } from '../../platform/services';
import { feedItems, MAX_FEED_ITEMS } from '../domain/feed-items';
import { completeFiles, feedHealth, nextPollAt, type FeedRules } from '../domain/feed-schedule';
import {
  dayOf,
  droppedFileType,
  dropFolderPath,
  feedText,
  pollHeaders,
  type FeedValidators,
} from '../domain/feed-source';
import {
  fetchFeed,
  listDropFolder,
  MAX_FILES_PER_POLL,
  moveDropped,
  openDropFolder,
  readDropped,
} from '../feed-fetch';
import { AGENCY_FIELDS, type Agency } from './agencies';
import type { IngestResult } from './wire-ingest';
import type {
  Feed,
  FeedCredentials,
  FeedInput,
  FeedKind,
  PollResult,
} from '../../../../shared/contracts/feeds';

/** A feed claimed for one poll: its row, the claim's token, and the claim's renewal. */
interface Claimed {
  row: FeedRow;
  token: string;
  renew(): Promise<void>;
}

/** A feed as stored. */
interface FeedRow {
  id: number;
  name: string;
  kind: FeedKind;
  url: string | null;
  folder: string | null;
  agencies: Agency[];
  intervalSeconds: number;
  idleAlertSeconds: number;
  enabled: boolean;
  credentialsType: FeedCredentials['type'];
  credentials: string | null;
  nextPollAt: string | null;
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  lastNewItemAt: string | null;
  consecutiveFailures: number;
  itemsDay: string | null;
  itemsToday: number;
  itemsTotal: number;
  validators: FeedValidators | null;
  folderSizes: Record<string, number> | null;
  lastResult: PollResult | null;
  createdAt: string;
}

const date = (value: string | Date | null | undefined) => (value ? new Date(value) : null);
const iso = (value: string | Date | null | undefined) => date(value)?.toISOString() ?? null;

/** Messages kept on a feed's health stay readable. */
const short = (message: string) => (message.length > 500 ? `${message.slice(0, 497)}...` : message);

/**
 * What stopped a poll, for the feed's health. A database error's message opens with its
 * statement (and the copy in it); the cause after it is what an editor can act on.
 */
const pollError = (error: unknown) => {
  const message = (error as Error)?.message || String(error);
  return /^(?:insert|update|delete|select)\b/iu.test(message)
    ? `The database refused the poll's work: ${message.split(' - ').pop()}`
    : message;
};

type Encryption = { encrypt(value: string): string | null; decrypt(value: string): string | null };

/**
 * Agency feeds: what the feeds page manages, and the polls. Each poll claims its feed with one
 * conditional UPDATE, so of several processes sharing the database exactly one polls it.
 */
const feedsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => (strapi.config.get('plugin::newsroom') as NewsroomConfig).feeds;
  const rules = (): FeedRules => ({
    maxBackoffSeconds: settings().maxBackoffSeconds,
    failureAlertAfter: settings().failureAlertAfter,
  });
  const feeds = () => strapi.db.query(FEED_UID);
  const encryption = () => strapi.service('admin::encryption') as Encryption;

  const load = async (id: number): Promise<FeedRow> => {
    const row = (await feeds().findOne({
      where: { id },
      populate: { agencies: { select: AGENCY_FIELDS } },
    })) as FeedRow | null;
    if (!row) throw new Refusal(404, `No feed has id ${id}`);
    return row;
  };

  const healthOf = (row: FeedRow, now: Date) => {
    const health = feedHealth(
      {
        enabled: row.enabled,
        intervalSeconds: row.intervalSeconds,
        consecutiveFailures: row.consecutiveFailures,
        lastPollAt: date(row.lastPollAt),
        lastSuccessAt: date(row.lastSuccessAt),
        lastErrorAt: date(row.lastErrorAt),
        lastError: row.lastError,
        lastNewItemAt: date(row.lastNewItemAt),
        idleAlertSeconds: row.idleAlertSeconds,
        createdAt: date(row.createdAt) ?? now,
      },
      now,
      rules()
    );
    const refused = row.lastResult?.refused ?? [];
    if (row.enabled && row.lastResult?.status === 'ok' && refused.length) {
      health.alerts.push(
        `The last poll refused ${row.lastResult.refusedCount ?? refused.length} item(s): ${refused[0].item}: ${refused[0].message}`
      );
      if (health.light === 'green') health.light = 'amber';
    }
    return health;
  };

  const view = (row: FeedRow, now = new Date()): Feed => {
    const { light, alerts } = healthOf(row, now);
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      url: row.url,
      folder: row.folder,
      intervalSeconds: row.intervalSeconds,
      idleAlertSeconds: row.idleAlertSeconds,
      enabled: row.enabled,
      agencies: (row.agencies ?? []).map(({ id, code, name }) => ({ id, code, name })),
      credentials: { type: row.credentialsType ?? 'none' },
      health: {
        light,
        alerts,
        lastPollAt: iso(row.lastPollAt),
        lastSuccessAt: iso(row.lastSuccessAt),
        lastError: row.lastError,
        lastErrorAt: iso(row.lastErrorAt),
        lastNewItemAt: iso(row.lastNewItemAt),
        nextPollAt: iso(row.nextPollAt),
        consecutiveFailures: row.consecutiveFailures,
        itemsToday: row.itemsDay === dayOf(now) ? row.itemsToday : 0,
        itemsTotal: row.itemsTotal,
      },
      lastResult: row.lastResult,
    };
  };

  /** The stored form of what an editor typed: the kind in the clear, the secrets encrypted. */
  const sealed = (credentials: FeedCredentials) => {
    if (credentials.type === 'none') return { credentialsType: 'none', credentials: null };
    const encrypted = encryption().encrypt(JSON.stringify(credentials));
    if (!encrypted)
      throw new Refusal(
        409,
        'Feed credentials are stored encrypted, and this server has no encryption key (admin.secrets.encryptionKey)'
      );
    return { credentialsType: credentials.type, credentials: encrypted };
  };

  const opened = (row: FeedRow): FeedCredentials => {
    if (!row.credentials || row.credentialsType === 'none') return { type: 'none' };
    const plain = encryption().decrypt(row.credentials);
    if (!plain)
      throw new Error(
        "The feed's credentials cannot be read (the server's encryption key changed?); enter them again"
      );
    return JSON.parse(plain) as FeedCredentials;
  };

  /** Checks what the configuration decides (drop folders, agencies) and makes the row's data. */
  const rowData = async (input: FeedInput, now: Date) => {
    if (input.kind === 'folder') {
      const root = settings().dropRoot;
      if (!root)
        throw new Refusal(
          422,
          'This server has no drop-folder root (feeds.dropRoot in the plugin configuration); folder feeds are set up there'
        );
      dropFolderPath(root, input.folder!);
    }
    const agencies = await getService('agencies', strapi).byIds([...new Set(input.agencies)]);
    return {
      name: input.name,
      kind: input.kind,
      url: input.kind === 'folder' ? null : (input.url ?? null),
      folder: input.kind === 'folder' ? input.folder!.trim() : null,
      agencies: agencies.map((a) => a.id),
      ...(input.intervalSeconds !== undefined ? { intervalSeconds: input.intervalSeconds } : {}),
      ...(input.idleAlertSeconds !== undefined ? { idleAlertSeconds: input.idleAlertSeconds } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(input.credentials ? sealed(input.credentials) : {}),
      updatedAt: now,
    };
  };

  const nameTaken = (name: string) =>
    new Refusal(409, `A feed named "${name}" exists already`, { name });

  const emptyResult = (now: Date): PollResult => ({
    polledAt: now.toISOString(),
    status: 'ok',
    items: 0,
    new: 0,
    updated: 0,
    duplicates: 0,
    stale: 0,
    refused: [],
    refusedCount: 0,
    advisories: 0,
  });

  const count = (result: PollResult, outcome: IngestResult) => {
    result.items += 1;
    if (outcome.outcome === 'new') result.new += 1;
    else if (outcome.outcome === 'updated') result.updated += 1;
    else if (outcome.outcome === 'duplicate') result.duplicates += 1;
    else result.stale += 1;
    if (outcome.advisory) result.advisories += 1;
  };

  /** Refusals listed on a poll's result; past this they are only counted. */
  const LISTED_REFUSALS = 20;

  const refuse = (result: PollResult, item: string, message: string) => {
    result.refusedCount += 1;
    if (result.refused.length < LISTED_REFUSALS) result.refused.push({ item, message });
  };

  /**
   * Ingests each item alone: a refused one is named, the others go in. Other errors end the
   * poll. The claim is renewed as the work goes on, and a poll that lost it stops. Answers the
   * refusals of these payloads (for a dropped file's reason).
   */
  const ingestEach = async (
    poll: Claimed,
    payloads: Array<{ payload: Buffer; contentType: string; label: string }>,
    result: PollResult
  ) => {
    const ingest = getService('wire-ingest', strapi);
    const sender = { feed: poll.row.name, agencies: poll.row.agencies };
    const refused: string[] = [];
    for (const { payload, contentType, label } of payloads) {
      await poll.renew();
      // One item answers with its refusal thrown; a newsMessage answers each item's.
      const answers = await ingest
        .ingestMessage({ payload, contentType, sender })
        .catch((error: unknown) => {
          if (error instanceof Refusal) return [{ refused: error }];
          throw error;
        });
      answers.forEach((answer, index) => {
        if ('refused' in answer) {
          const item = answers.length > 1 ? `${label}, item ${index + 1}` : label;
          result.items += 1;
          refuse(result, item, answer.refused.message);
          if (refused.length < LISTED_REFUSALS) refused.push(`${item}: ${answer.refused.message}`);
        } else count(result, answer);
      });
    }
    return refused;
  };

  const pollHttp = async (poll: Claimed, result: PollResult) => {
    const { row } = poll;
    const answer = await fetchFeed(
      row.url!,
      pollHeaders(row.kind, opened(row), row.validators ?? {}),
      settings()
    );
    if (answer.notModified) {
      result.status = 'not-modified';
      return { validators: row.validators };
    }
    const text = feedText(answer.bytes, answer.contentType);
    const items = feedItems(row.kind as 'rss' | 'ninjs' | 'newsml-g2', text);
    const payloads = items.map((item, index) => ({
      payload: Buffer.from(item.payload, 'utf8'),
      contentType: item.contentType,
      label: `item ${index + 1}`,
    }));
    await ingestEach(poll, payloads, result);
    return { validators: answer.validators };
  };

  const pollFolder = async (poll: Claimed, result: PollResult) => {
    const { row } = poll;
    const dir = await openDropFolder(settings().dropRoot!, row.folder!);
    const seen = await listDropFolder(dir);
    const previous = new Map(Object.entries(row.folderSizes ?? {}));
    const ready = completeFiles(previous, seen).sort().slice(0, MAX_FILES_PER_POLL);
    const handled = new Set<string>();
    const files = { processed: 0, failed: 0, waiting: 0 };
    for (const name of ready) {
      // A poll is bounded like an HTTP answer; the rest waits for the next poll.
      if (result.items >= MAX_FEED_ITEMS) break;
      const contentType = droppedFileType(name);
      let refusal: string | null = null;
      let bytes: Buffer | null = null;
      if (!contentType) {
        refusal = 'Not a wire file: drop .txt (plain text), .json (ninjs) or .xml (NewsML-G2)';
      } else {
        bytes = await readDropped(dir, name, settings().maxBytes).catch((error: Error) => {
          refusal = error.message;
          return null;
        });
      }
      if (refusal) refuse(result, name, refusal);
      if (bytes && contentType) {
        const refused = await ingestEach(
          poll,
          [{ payload: bytes, contentType, label: name }],
          result
        );
        if (refused.length) refusal = refused.join('\n');
      }
      await moveDropped(dir, name, refusal ? 'failed' : 'processed', refusal ?? undefined);
      handled.add(name);
      if (refusal) files.failed += 1;
      else files.processed += 1;
    }
    // Files still growing, or past this poll's share, are looked at again next time.
    const waiting = Object.fromEntries([...seen].filter(([name]) => !handled.has(name)));
    files.waiting = Object.keys(waiting).length;
    result.files = files;
    return { folderSizes: waiting };
  };

  /** Writes a poll's outcome on the feed and releases its claim. */
  const record = async (
    { row, token }: Claimed,
    result: PollResult,
    now: Date,
    kept: { validators?: FeedValidators | null; folderSizes?: Record<string, number> }
  ) => {
    const failed = result.status === 'failed';
    const stored = result.new + result.updated;
    const failures = failed ? row.consecutiveFailures + 1 : 0;
    const today = dayOf(now);
    const error = failed
      ? result.error!
      : result.refusedCount
        ? `${result.refusedCount} item(s) refused; ${result.refused[0].item}: ${result.refused[0].message}`
        : null;
    const next = nextPollAt(
      {
        enabled: row.enabled,
        intervalSeconds: row.intervalSeconds,
        consecutiveFailures: failures,
        lastPollAt: now,
      },
      rules()
    );
    // Only the claim's holder records: a poll that lost its claim leaves the feed to the new holder.
    const { count: held } = await feeds().updateMany({
      where: { id: row.id, pollClaim: token },
      data: {
        pollingUntil: null,
        pollClaim: null,
        nextPollAt: next,
        lastPollAt: now,
        ...(failed ? {} : { lastSuccessAt: now }),
        ...(error ? { lastError: short(error), lastErrorAt: now } : {}),
        ...(stored ? { lastNewItemAt: now } : {}),
        consecutiveFailures: failures,
        itemsDay: today,
        itemsToday: (row.itemsDay === today ? row.itemsToday : 0) + stored,
        itemsTotal: row.itemsTotal + stored,
        lastResult: result,
        ...(kept.validators !== undefined ? { validators: kept.validators } : {}),
        ...(kept.folderSizes !== undefined ? { folderSizes: kept.folderSizes } : {}),
      },
    });
    if (!held) {
      strapi.log.warn(
        `[newsroom] feed "${row.name}": a poll outlived its claim; its result was not recorded`
      );
      return;
    }
    if (failed && failures === rules().failureAlertAfter)
      strapi.log.warn(`[newsroom] feed "${row.name}" failed ${failures} times in a row: ${error}`);
    else if (failed) strapi.log.info(`[newsroom] feed "${row.name}" poll failed: ${error}`);
    else if (result.refusedCount) strapi.log.warn(`[newsroom] feed "${row.name}": ${error}`);
  };

  /** How long a claim holds without renewal: a poll's request, then some ingest. */
  const leaseMs = () => (settings().timeoutSeconds * 2 + 60) * 1000;

  /**
   * Claims the feed for one poll: one conditional UPDATE, which exactly one process wins, with
   * a token of its own. `due` claims only a feed whose time has come; "Poll now" any feed not
   * being polled. A claim whose holder died runs out after its lease.
   */
  const claim = async (id: number, now: Date, due: boolean): Promise<string | null> => {
    const token = crypto.randomUUID();
    const { count: won } = await feeds().updateMany({
      where: {
        id,
        $or: [{ pollingUntil: { $null: true } }, { pollingUntil: { $lt: now } }],
        ...(due ? { enabled: true, nextPollAt: { $lte: now } } : {}),
      },
      data: { pollingUntil: new Date(now.getTime() + leaseMs()), pollClaim: token },
    });
    return won === 1 ? token : null;
  };

  /** Polls a claimed feed once; never throws for the feed's own faults (they are its health). */
  const pollClaimed = async (id: number, token: string, now: Date): Promise<PollResult> => {
    let renewedAt = Date.now();
    const poll: Claimed = {
      row: await load(id),
      token,
      // Long ingests keep their claim; one taken over by another process stops here.
      async renew() {
        if (Date.now() - renewedAt < 10_000) return;
        renewedAt = Date.now();
        const { count: held } = await feeds().updateMany({
          where: { id, pollClaim: token },
          data: { pollingUntil: new Date(renewedAt + leaseMs()) },
        });
        if (!held) throw new Error('The poll ran past its claim and another poll took over');
      },
    };
    const result = emptyResult(now);
    let kept: { validators?: FeedValidators | null; folderSizes?: Record<string, number> } = {};
    try {
      kept =
        poll.row.kind === 'folder' ? await pollFolder(poll, result) : await pollHttp(poll, result);
    } catch (error) {
      result.status = 'failed';
      result.error = short(pollError(error));
    }
    await record(poll, result, now, kept);
    return result;
  };

  return {
    async list() {
      const rows = (await feeds().findMany({
        populate: { agencies: { select: AGENCY_FIELDS } },
        orderBy: { name: 'asc' },
      })) as FeedRow[];
      const now = new Date();
      return rows.map((row) => view(row, now));
    },

    async findOne(id: number) {
      return view(await load(id));
    },

    async create(input: FeedInput) {
      const now = new Date();
      const data = await rowData(input, now);
      if (await feeds().findOne({ select: ['id'], where: { name: input.name } }))
        throw nameTaken(input.name);
      const enabled = input.enabled ?? true;
      try {
        const row = await feeds().create({
          data: { ...data, createdAt: now, nextPollAt: enabled ? now : null },
        });
        return view(await load(row.id));
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(input.name);
        throw error;
      }
    },

    async update(id: number, input: FeedInput) {
      const row = await load(id);
      const now = new Date();
      const data = await rowData(input, now);
      const other = await feeds().findOne({ select: ['id'], where: { name: input.name } });
      if (other && other.id !== id) throw nameTaken(input.name);
      const source = (r: { kind: string; url: string | null; folder: string | null }) =>
        `${r.kind} ${r.url ?? ''} ${r.folder ?? ''}`;
      const moved = source(row) !== source(data);
      const enabled = input.enabled ?? row.enabled;
      await feeds().update({
        where: { id },
        data: {
          ...data,
          // Another address starts afresh: its validators and files are not this one's.
          ...(moved || input.credentials ? { validators: null, folderSizes: null } : {}),
          ...(moved ? { consecutiveFailures: 0 } : {}),
          nextPollAt: !enabled ? null : !row.enabled || moved ? now : row.nextPollAt,
        },
      });
      return view(await load(id));
    },

    async remove(id: number) {
      await load(id);
      await feeds().delete({ where: { id } });
    },

    /** "Poll now": one poll at once, whatever the schedule. Throws Refusal 409 while another poll runs. */
    async pollNow(id: number) {
      await load(id);
      const now = new Date();
      const token = await claim(id, now, false);
      if (!token)
        throw new Refusal(409, 'This feed is being polled right now; try again in a moment');
      const result = await pollClaimed(id, token, now);
      return { feed: view(await load(id)), result };
    },

    /** Polls every due feed this process can claim. Answers how many it polled. */
    async pollDue(now = new Date()) {
      const due = (await feeds().findMany({
        select: ['id'],
        where: { enabled: true, nextPollAt: { $lte: now } },
        orderBy: { nextPollAt: 'asc' },
      })) as Array<{ id: number }>;
      let polled = 0;
      for (const { id } of due) {
        const at = new Date();
        const token = await claim(id, at, true);
        if (!token) continue;
        await pollClaimed(id, token, at);
        polled += 1;
      }
      return polled;
    },

    /** Feeds that need an editor's look: for the inbox and the log. */
    async alerts(now = new Date()) {
      const rows = (await feeds().findMany({ where: { enabled: true } })) as FeedRow[];
      return rows
        .map((row) => ({ id: row.id, name: row.name, ...healthOf(row, now) }))
        .filter((feed) => feed.alerts.length > 0);
    },
  };
};

export type FeedsService = ReturnType<typeof feedsService>;
export default feedsService;
