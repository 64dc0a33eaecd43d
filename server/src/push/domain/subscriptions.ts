/**
 * Who is told of what, and what they are sent. Pure: the push service feeds it the subscriber
 * rows and the archive's snapshot of what was served.
 */
import type { PushEvent, PushFormat } from '../../../../shared/contracts/push';
import type { SnapshotAction } from '../../../../shared/contracts/versions';

export type SentEvent = 'publish' | 'correct' | 'kill';

/** The push event of an archived public change: a scheduled publication is a publication. */
export const eventOfSnapshot = (action: SnapshotAction): SentEvent =>
  action === 'scheduled-publish' ? 'publish' : action;

export interface SubscriberRule {
  enabled: boolean;
  events: PushEvent[];
  rubricSlug?: string | null;
  agencyCode?: string | null;
}

/** What a change is filtered by: the rubric and agency of what was served. */
export interface ChangeFacts {
  rubricSlug: string | null;
  agencyCode: string | null;
}

/** Whether this subscriber is told of this change. A kill takes the article off the public, so `unpublish` asks for it too. */
export const wants = (subscriber: SubscriberRule, event: SentEvent, facts: ChangeFacts) => {
  if (!subscriber.enabled) return false;
  const events = Array.isArray(subscriber.events) ? subscriber.events : [];
  if (!events.includes(event) && !(event === 'kill' && events.includes('unpublish'))) return false;
  if (subscriber.rubricSlug && subscriber.rubricSlug !== facts.rubricSlug) return false;
  if (
    subscriber.agencyCode &&
    subscriber.agencyCode.toUpperCase() !== (facts.agencyCode ?? '').toUpperCase()
  )
    return false;
  return true;
};

/**
 * Whether this subscriber is sent this change, given whether it was sent this article before:
 * whoever has the story hears of its correction (if it asked for corrections) and always of its
 * kill, whatever the article's rubric or agency became and however the filter changed since.
 */
export const sendsTo = (
  subscriber: SubscriberRule,
  event: SentEvent,
  facts: ChangeFacts,
  hasTheStory: boolean
) => {
  if (!subscriber.enabled) return false;
  if (hasTheStory && event === 'kill') return true;
  if (hasTheStory && event === 'correct')
    return Array.isArray(subscriber.events) && subscriber.events.includes('correct');
  return wants(subscriber, event, facts);
};

export interface ServedSnapshot {
  documentId: string;
  locale: string;
  version: number;
  at: string;
  /** The detail route's body (for a kill, its 410 body). */
  delivery: unknown;
  /** The ninjs item (for a kill, `pubstatus: canceled` with the notice). */
  ninjs: unknown;
}

/** The rubric and agency a snapshot was served with; a kill's are those of the version it withdrew. */
export const factsOf = (delivery: unknown): ChangeFacts => {
  const data = (delivery as { data?: Record<string, unknown> } | null)?.data ?? null;
  const rubric = data?.rubric as { slug?: string | null } | null | undefined;
  const attribution = data?.attribution as { agency?: { code?: string } | null } | null | undefined;
  return { rubricSlug: rubric?.slug ?? null, agencyCode: attribution?.agency?.code ?? null };
};

/** The POST body for a subscriber's format. */
export const pushBody = (
  format: PushFormat,
  event: SentEvent,
  snapshot: ServedSnapshot
): { contentType: string; body: string } => {
  if (format === 'ninjs')
    return { contentType: 'application/ninjs+json', body: JSON.stringify(snapshot.ninjs) };
  const served = snapshot.delivery as {
    data?: unknown;
    error?: { message?: string };
  } | null;
  return {
    contentType: 'application/json',
    body: JSON.stringify({
      event,
      documentId: snapshot.documentId,
      locale: snapshot.locale,
      version: snapshot.version,
      at: snapshot.at,
      data: event === 'kill' ? null : (served?.data ?? null),
      ...(event === 'kill' ? { notice: served?.error?.message ?? null } : {}),
    }),
  };
};

/** One key per event per subscriber: a receiver that sees it twice has seen the same delivery. */
export const idempotencyKey = (
  subscriberId: number,
  snapshot: Pick<ServedSnapshot, 'documentId' | 'locale' | 'version'>
) => `${snapshot.documentId}:${snapshot.locale}:v${snapshot.version}:s${subscriberId}`;
