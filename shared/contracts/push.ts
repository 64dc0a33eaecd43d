/**
 * Push to subscribers: partner sites and apps told by a signed POST when an article is
 * published, corrected or killed. Shared by the admin's Subscribers page and the server.
 */

/** What a subscriber may ask to be told of. The workflow takes articles off the public only by a kill, so `unpublish` subscribers get the kill. */
export const PUSH_EVENTS = ['publish', 'correct', 'kill', 'unpublish'] as const;
export type PushEvent = (typeof PUSH_EVENTS)[number];

/** What is sent: the newsroom's own JSON (the detail route's body) or IPTC ninjs 2.2. */
export const PUSH_FORMATS = ['newsroom', 'ninjs'] as const;
export type PushFormat = (typeof PUSH_FORMATS)[number];

export const DELIVERY_STATUSES = [
  'pending',
  'sending',
  'delivered',
  'failed',
  'superseded',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A subscriber as the admin sees it: its secret is write-only, so only whether one is set. */
export interface SubscriberView {
  id: number;
  name: string;
  url: string;
  format: PushFormat;
  events: PushEvent[];
  rubricSlug: string | null;
  agencyCode: string | null;
  enabled: boolean;
  hasSecret: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What an administrator sends to create or change one (the secret only to set or replace it). */
export interface SubscriberInput {
  name?: string;
  url?: string;
  secret?: string;
  format?: PushFormat;
  events?: PushEvent[];
  rubricSlug?: string | null;
  agencyCode?: string | null;
  enabled?: boolean;
}

export interface DeliveryAttempt {
  at: string;
  /** The subscriber's HTTP status, or null when no answer came. */
  status: number | null;
  error: string | null;
}

export interface DeliveryView {
  id: number;
  subscriberId: number;
  event: 'publish' | 'correct' | 'kill';
  documentId: string;
  locale: string;
  version: number | null;
  idempotencyKey: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  log: DeliveryAttempt[];
  createdAt: string;
}

/** `GET /newsroom/push-deliveries`: a page of deliveries, newest first. */
export interface DeliveryList {
  data: DeliveryView[];
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
}

/** Its query: `subscriber`, `status`, `page`, `pageSize` (at most 100). */
export interface DeliveryQuery {
  subscriber?: number;
  status?: DeliveryStatus;
  page?: number;
  pageSize?: number;
}
