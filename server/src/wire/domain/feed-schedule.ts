/**
 * When a feed is polled next, and how healthy it is: pure, so the scheduler, the feeds page
 * and the tests read the same rules.
 */

export interface FeedTiming {
  enabled: boolean;
  intervalSeconds: number;
  /** Failures in a row since the last good poll. */
  consecutiveFailures: number;
  lastPollAt: Date | null;
}

export interface FeedHealthInput extends FeedTiming {
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: string | null;
  /** When the feed last brought an item that was new to the inbox. */
  lastNewItemAt: Date | null;
  /** No new item for this long is worth an editor's look (a feed gone quiet). */
  idleAlertSeconds: number;
  createdAt: Date;
}

export interface FeedRules {
  /** Backoff never waits longer than this between polls of a failing feed. */
  maxBackoffSeconds: number;
  /** This many failures in a row raise an alert. */
  failureAlertAfter: number;
}

export const DEFAULT_FEED_RULES: FeedRules = { maxBackoffSeconds: 3600, failureAlertAfter: 3 };

/**
 * The next poll: one interval after the last, doubled for each failure in a row, capped. A
 * feed never polled is due at once; a disabled one never.
 */
export const nextPollAt = (
  feed: FeedTiming,
  rules: FeedRules = DEFAULT_FEED_RULES
): Date | null => {
  if (!feed.enabled) return null;
  if (!feed.lastPollAt) return new Date(0);
  const backoff = feed.intervalSeconds * 2 ** Math.min(feed.consecutiveFailures, 30);
  const wait = feed.consecutiveFailures
    ? Math.min(backoff, Math.max(rules.maxBackoffSeconds, feed.intervalSeconds))
    : feed.intervalSeconds;
  return new Date(feed.lastPollAt.getTime() + wait * 1000);
};

export const isDue = (feed: FeedTiming, now: Date, rules: FeedRules = DEFAULT_FEED_RULES) => {
  const next = nextPollAt(feed, rules);
  return next !== null && next <= now;
};

export type HealthLight = 'green' | 'amber' | 'red' | 'off';

export interface FeedHealth {
  light: HealthLight;
  /** What an editor should know, one line each (shown on the feeds page and the inbox, logged). */
  alerts: string[];
}

const span = (seconds: number) =>
  seconds >= 86_400
    ? `${Math.floor(seconds / 86_400)} d`
    : seconds >= 3600
      ? `${Math.floor(seconds / 3600)} h`
      : `${Math.max(1, Math.floor(seconds / 60))} min`;

/** Red: failing past the threshold. Amber: quiet past its idle threshold, or failing less. */
export const feedHealth = (
  feed: FeedHealthInput,
  now: Date,
  rules: FeedRules = DEFAULT_FEED_RULES
): FeedHealth => {
  if (!feed.enabled) return { light: 'off', alerts: [] };
  const alerts: string[] = [];
  let light: HealthLight = 'green';
  if (feed.consecutiveFailures >= rules.failureAlertAfter) {
    light = 'red';
    alerts.push(
      `Failed ${feed.consecutiveFailures} times in a row${feed.lastError ? `: ${feed.lastError}` : ''}`
    );
  } else if (feed.consecutiveFailures > 0) {
    light = 'amber';
  }
  const quietSince = feed.lastNewItemAt ?? feed.createdAt;
  const quietSeconds = (now.getTime() - quietSince.getTime()) / 1000;
  if (quietSeconds > feed.idleAlertSeconds) {
    if (light === 'green') light = 'amber';
    alerts.push(
      `No new item for ${span(quietSeconds)} (alert after ${span(feed.idleAlertSeconds)})`
    );
  }
  return { light, alerts };
};

/**
 * Files of a drop folder that are complete: the same size at two looks. An agency's FTP upload
 * grows between looks; a file still being written is left for the next poll.
 */
export const completeFiles = (
  previous: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>
): string[] =>
  [...current].filter(([name, size]) => previous.get(name) === size).map(([name]) => name);
