import { useFetchClient } from '@strapi/strapi/admin';
import { useMemo } from 'react';

import type * as Desk from '../../../shared/contracts/desk';
import type * as Feeds from '../../../shared/contracts/feeds';
import type * as Locks from '../../../shared/contracts/locks';
import type * as Versions from '../../../shared/contracts/versions';
import type * as Wire from '../../../shared/contracts/wire';
import type * as Workflow from '../../../shared/contracts/workflow';
import type * as Renditions from '../../../shared/contracts/renditions';
import type * as Push from '../../../shared/contracts/push';
import type * as Subjects from '../../../shared/contracts/subjects';

// The admin API's types are defined once, in shared/contracts, for this client and the controllers.
export type { WireItem, WireItemDetail, WireStatus } from '../../../shared/contracts/wire';
export type WireInboxQuery = Wire.FindWireItems.Request['query'];
export type WireSort = NonNullable<WireInboxQuery['sort']>;
export type {
  ActionRule,
  AgencyAlert,
  ArticleWorkflow,
  BoardCard,
  BoardColumn,
  Dashboard,
  HistoryEvent,
  WorkflowAction,
  WorkflowState,
} from '../../../shared/contracts/workflow';
export type { RenditionRun } from '../../../shared/contracts/renditions';
export type { Desk, DeskDue, DeskStory, DeskWireItem } from '../../../shared/contracts/desk';
export type { ContentEdit, EditLock, LockBadge, LockState } from '../../../shared/contracts/locks';
export type {
  DiffPart,
  PublishedVersion,
  PublishedVersionSummary,
  SnapshotAction,
  VersionDiff,
} from '../../../shared/contracts/versions';
export type {
  AgencyAlertView,
  CredentialType,
  Feed,
  FeedCredentials,
  FeedInput,
  FeedKind,
  HealthLight,
  PollResult,
} from '../../../shared/contracts/feeds';
export { CREDENTIAL_TYPES, FEED_KINDS } from '../../../shared/contracts/feeds';
export type FeedList = Feeds.FindFeeds.Response;
export type WireAlerts = Feeds.FindWireAlerts.Response['data'];
export type RenditionStatus = Renditions.GetRenditions.Response['data'];
export type {
  DeliveryAttempt,
  DeliveryStatus,
  DeliveryView,
  PushEvent,
  PushFormat,
  SubscriberInput,
  SubscriberView,
  DeliveryList,
  DeliveryQuery,
} from '../../../shared/contracts/push';
export { DELIVERY_STATUSES, PUSH_EVENTS, PUSH_FORMATS } from '../../../shared/contracts/push';
export type { MediaTopic, Subject } from '../../../shared/contracts/subjects';
export type SubjectMatches = Subjects.FindSubjects.Response;

/**
 * The board's search filters: the server takes them (`validation/board.ts`), its contract
 * (`GetBoard`) does not name them yet.
 */
export type BoardSearch = Pick<Wire.FindWireItems.Request['query'], 'q' | 'subject'>;

/** An upload file as the photo credits panel reads it (Strapi's upload API). */
export interface MediaFile {
  id: number;
  name: string;
  url: string;
  formats?: Record<string, { url: string }> | null;
  newsroom?: {
    credits?: Record<string, string>;
    placeholder?: string | null;
    /** When the agency's licence for a wire picture ends. */
    expiresAt?: string | null;
  } | null;
}

/** The newsroom admin API over the admin panel's own fetch client (auth and errors handled by it). */
export const useNewsroomApi = () => {
  const { get, post, put, del } = useFetchClient();
  // One object per fetch client, so pages can list it among their hooks' dependencies.
  return useMemo(
    () => ({
      wireItems: async (query: Wire.FindWireItems.Request['query']) =>
        (await get<Wire.FindWireItems.Response>('/newsroom/wire-items', { params: query })).data,
      take: async (id: number) =>
        (await post<Wire.TakeWireItem.Response>(`/newsroom/wire-items/${id}/take`, {})).data,
      ignore: async (id: number) =>
        (await post<Wire.IgnoreWireItem.Response>(`/newsroom/wire-items/${id}/ignore`, {})).data,
      wireItem: async (id: number) =>
        (await get<Wire.FindWireItem.Response>(`/newsroom/wire-items/${id}`)).data.data,
      agencyNames: async (query: Wire.FindAgencyNames.Request['query']) =>
        (await get<Wire.FindAgencyNames.Response>('/newsroom/agencies', { params: query })).data
          .data,
      rubricNames: async (query: Wire.FindRubricNames.Request['query']) =>
        (await get<Wire.FindRubricNames.Response>('/newsroom/rubrics', { params: query })).data
          .data,
      desk: async (locale?: string) =>
        (await get<Desk.GetDesk.Response>('/newsroom/desk', { params: locale ? { locale } : {} }))
          .data,
      board: async (query: Workflow.GetBoard.Request['query'] & BoardSearch) =>
        (await get<Workflow.GetBoard.Response>('/newsroom/board', { params: query })).data.data,
      workflow: async (documentId: string, locale?: string) => {
        const { data } = await get<Workflow.GetWorkflow.Response>(
          `/newsroom/articles/${documentId}/workflow`,
          { params: { locale } }
        );
        return { ...data.data, rules: data.meta.rules };
      },
      history: async (documentId: string, locale?: string) =>
        (
          await get<Workflow.GetHistory.Response>(`/newsroom/articles/${documentId}/history`, {
            params: { locale },
          })
        ).data.data,
      transition: async (
        documentId: string,
        body: Workflow.Transition.Request['body'],
        locale?: string
      ) =>
        (
          await post<Workflow.Transition.Response>(
            `/newsroom/articles/${documentId}/transition`,
            body,
            { params: { locale } }
          )
        ).data,
      wireUpdate: async (
        documentId: string,
        action: Workflow.SettleWireUpdate.Request['body']['action'],
        locale?: string
      ) =>
        (
          await post<Workflow.SettleWireUpdate.Response>(
            `/newsroom/articles/${documentId}/wire-update`,
            { action },
            { params: { locale } }
          )
        ).data,
      dashboard: async (days = 30, timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone) =>
        (
          await get<Workflow.GetDashboard.Response>('/newsroom/dashboard', {
            params: { days, timeZone },
          })
        ).data.data,
      renditions: async () =>
        (await get<Renditions.GetRenditions.Response>('/newsroom/renditions')).data.data,
      regenerate: async () =>
        (await post<Renditions.Regenerate.Response>('/newsroom/renditions/regenerate', {})).data
          .data,
      file: async (id: number) => (await get<MediaFile>(`/upload/files/${id}`)).data,
      feeds: async () => (await get<Feeds.FindFeeds.Response>('/newsroom/feeds')).data,
      createFeed: async (body: Feeds.SaveFeed.Request['body']) =>
        (await post<Feeds.SaveFeed.Response>('/newsroom/feeds', body)).data.data,
      updateFeed: async (id: number, body: Feeds.SaveFeed.Request['body']) =>
        (await put<Feeds.SaveFeed.Response>(`/newsroom/feeds/${id}`, body)).data.data,
      deleteFeed: async (id: number) => {
        await del(`/newsroom/feeds/${id}`);
      },
      pollFeed: async (id: number) =>
        (await post<Feeds.PollFeed.Response>(`/newsroom/feeds/${id}/poll`, {})).data,
      subscribers: async () =>
        (await get<{ data: Push.SubscriberView[] }>('/newsroom/subscribers')).data.data,
      createSubscriber: async (body: Push.SubscriberInput) =>
        (await post<{ data: Push.SubscriberView }>('/newsroom/subscribers', body)).data.data,
      /** Partial: a field left out (the secret above all) keeps its stored value. */
      updateSubscriber: async (id: number, body: Push.SubscriberInput) =>
        (await put<{ data: Push.SubscriberView }>(`/newsroom/subscribers/${id}`, body)).data.data,
      deleteSubscriber: async (id: number) => {
        await del(`/newsroom/subscribers/${id}`);
      },
      deliveries: async (query: Push.DeliveryQuery) =>
        (await get<Push.DeliveryList>('/newsroom/push-deliveries', { params: query })).data,
      /** Sends a delivery again; refused (409) unless it is the article's latest and settled. */
      resendDelivery: async (id: number) =>
        (await post<{ data: Push.DeliveryView }>(`/newsroom/push-deliveries/${id}/resend`, {})).data
          .data,
      wireAlerts: async () =>
        (await get<Feeds.FindWireAlerts.Response>('/newsroom/wire-alerts')).data.data,
      /** IPTC Media Topics matching `q` (name words or code), for the subject picker. */
      subjects: async (query: Subjects.FindSubjects.Request['query']) =>
        (await get<Subjects.FindSubjects.Response>('/newsroom/subjects', { params: query })).data,
      clearAgencyAlert: async (documentId: string, note: string) =>
        (
          await post<Workflow.ClearAgencyAlert.Response>(
            `/newsroom/articles/${documentId}/agency-alert/clear`,
            { note } satisfies Workflow.ClearAgencyAlert.Request['body']
          )
        ).data.data,
      /** Who holds the article's lock, without taking it. */
      lock: async (
        documentId: string,
        locale: string | undefined,
        session: string,
        since?: number
      ) =>
        (
          await get<Locks.GetLock.Response>(`/newsroom/articles/${documentId}/lock`, {
            params: { locale, session, since } satisfies Locks.GetLock.Request['query'],
          })
        ).data.data,
      /** Takes the lock, or renews it (the heartbeat); answers with the holder when it is someone else's. */
      keepLock: async (
        documentId: string,
        locale: string | undefined,
        session: string,
        since?: number
      ) =>
        (
          await post<Locks.KeepLock.Response>(
            `/newsroom/articles/${documentId}/lock`,
            {
              session,
              ...(since !== undefined ? { since } : {}),
            } satisfies Locks.KeepLock.Request['body'],
            { params: { locale } }
          )
        ).data.data,
      takeOverLock: async (documentId: string, locale: string | undefined, session: string) =>
        (
          await post<Locks.TakeOverLock.Response>(
            `/newsroom/articles/${documentId}/lock/take-over`,
            { session } satisfies Locks.TakeOverLock.Request['body'],
            { params: { locale } }
          )
        ).data.data,
      releaseLock: async (documentId: string, locale: string | undefined, session: string) =>
        (
          await del<Locks.ReleaseLock.Response>(`/newsroom/articles/${documentId}/lock`, {
            params: { locale, session } satisfies Locks.ReleaseLock.Request['query'],
            // Sent as the panel unmounts, when the fetch client aborts its own requests.
            signal: new AbortController().signal,
          })
        ).data.data,
      /** The published versions of one locale, newest first. */
      versions: async (documentId: string, locale?: string) =>
        (
          await get<Versions.FindVersions.Response>(`/newsroom/articles/${documentId}/versions`, {
            params: { locale },
          })
        ).data.data,
      version: async (documentId: string, number: number, locale?: string) =>
        (
          await get<Versions.FindVersion.Response>(
            `/newsroom/articles/${documentId}/versions/${number}`,
            { params: { locale } }
          )
        ).data.data,
      diffVersions: async (documentId: string, from: number, to: number, locale?: string) =>
        (
          await get<Versions.DiffVersions.Response>(
            `/newsroom/articles/${documentId}/versions/${from}/diff/${to}`,
            { params: { locale } }
          )
        ).data.data,
    }),
    [get, post, put, del]
  );
};

/** The HTTP status of a refused request, when the server answered at all. */
export const errorStatus = (error: unknown) => (error as { status?: number } | null)?.status;

/** The server's message for a refused request (Strapi's error shape), else the error itself. */
export const errorMessage = (error: unknown) =>
  (error as { response?: { data?: { error?: { message?: string } } } }).response?.data?.error
    ?.message ?? String(error);
