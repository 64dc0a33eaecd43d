import { Page, useNotification } from '@strapi/strapi/admin';
import {
  Box,
  Button,
  Dialog,
  Flex,
  Link,
  Main,
  SingleSelect,
  SingleSelectOption,
  Switch,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ToneBadge, type Tone } from '../components/ToneBadge';
import { ArrowClockwise } from '@strapi/icons';
import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import {
  DELIVERY_STATUSES,
  errorMessage,
  useNewsroomApi,
  type DeliveryList,
  type DeliveryStatus,
  type DeliveryView,
  type SubscriberInput,
  type SubscriberView,
} from '../api/client';
import {
  EVENT_LABELS,
  FORMAT_LABELS,
  SubscriberFormModal,
} from '../components/SubscriberFormModal';
import { useAllowed } from '../hooks/useAllowed';
import { useGuarded, usePolling } from '../hooks/useGuarded';
import { useT } from '../utils/getTranslation';

const MANAGE = 'plugin::newsroom.subscribers.manage';
// Deliveries settle within seconds (or retry within seconds): the table follows them.
const POLL_MS = 5_000;
const PAGE_SIZE = 25;
const SUBSCRIBER_COLUMNS = 8;
const DELIVERY_COLUMNS = 10;
// Cells that may break onto two lines, so the deliveries' ten columns fit beside the menu.
const WRAP = { whiteSpace: 'normal' } as const;

const STATUS_TONE: Record<DeliveryStatus, Tone> = {
  pending: 'secondary',
  sending: 'secondary',
  delivered: 'success',
  failed: 'danger',
  superseded: 'neutral',
};
const STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: 'Pending',
  sending: 'Sending',
  delivered: 'Delivered',
  failed: 'Failed',
  superseded: 'Superseded',
};

/** Partner sites and apps pushed to on publish, correct and kill, and what was sent to them. */
export const SubscribersPage = () => {
  const allowed = useAllowed([MANAGE]);
  if (allowed[MANAGE] === undefined) return <Page.Loading />;
  if (!allowed[MANAGE]) return <Page.NoPermissions />;
  return <Subscribers />;
};

const Subscribers = () => {
  const t = useT();
  const { formatDate, formatNumber } = useIntl();
  const api = useNewsroomApi();
  const guarded = useGuarded();
  const { toggleNotification } = useNotification();
  const [subscribers, setSubscribers] = useState<SubscriberView[] | null>(null);
  // `null`: adding a subscriber; a subscriber: editing it; `undefined`: no form open.
  const [editing, setEditing] = useState<SubscriberView | null | undefined>(undefined);
  const [busy, setBusy] = useState<number | null>(null);
  const [deliveries, setDeliveries] = useState<DeliveryList | null>(null);
  const [subscriberFilter, setSubscriberFilter] = useState('');
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [page, setPage] = useState(1);
  const [resending, setResending] = useState<number | null>(null);
  // Why the server refused a Resend, by delivery: kept beside the row, as it names what to resend instead.
  const [refusals, setRefusals] = useState<Record<number, string>>({});
  const [refreshing, setRefreshing] = useState(false);
  const request = useRef(0);

  const loadSubscribers = useCallback(async () => setSubscribers(await api.subscribers()), [api]);
  useEffect(() => {
    void guarded(loadSubscribers);
  }, [guarded, loadSubscribers]);

  const loadDeliveries = useCallback(async () => {
    // A tick answered after the filters changed must not show the old filter's rows.
    const current = (request.current += 1);
    const list = await api.deliveries({
      ...(subscriberFilter ? { subscriber: Number(subscriberFilter) } : {}),
      ...(status ? { status } : {}),
      page,
      pageSize: PAGE_SIZE,
    });
    if (current === request.current) setDeliveries(list);
  }, [api, subscriberFilter, status, page]);
  usePolling(loadDeliveries, POLL_MS);

  const when = (iso: string | null) =>
    iso ? formatDate(iso, { dateStyle: 'short', timeStyle: 'medium' }) : '—';

  const refresh = async () => {
    setRefreshing(true);
    await Promise.all([guarded(loadSubscribers), guarded(loadDeliveries)]);
    setRefreshing(false);
  };

  const save = async (input: SubscriberInput) => {
    // A refusal is shown in the form, which stays open.
    if (editing) await api.updateSubscriber(editing.id, input);
    else await api.createSubscriber(input);
    setEditing(undefined);
    await guarded(loadSubscribers);
  };

  /** Runs one change to a subscriber, then shows the list as it now is. */
  const change = async (subscriber: SubscriberView, call: () => Promise<unknown>) => {
    setBusy(subscriber.id);
    try {
      await call();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(null);
      await guarded(loadSubscribers);
    }
  };

  /** A new filter starts from the newest deliveries again. */
  const filterBy = <V,>(set: (value: V) => void, value: V) => {
    set(value);
    setPage(1);
  };

  const remove = (subscriber: SubscriberView) =>
    change(subscriber, async () => {
      await api.deleteSubscriber(subscriber.id);
      if (subscriberFilter === String(subscriber.id)) filterBy(setSubscriberFilter, '');
    });

  const resend = async (delivery: DeliveryView) => {
    setResending(delivery.id);
    const refused = (message: string | null) =>
      setRefusals((current) => {
        const next = { ...current };
        if (message) next[delivery.id] = message;
        else delete next[delivery.id];
        return next;
      });
    try {
      await api.resendDelivery(delivery.id);
      refused(null);
      toggleNotification({
        type: 'success',
        message: t('subscribers.resent', 'Queued to be sent again'),
      });
    } catch (error) {
      // The server says why (a later change went since, or it is still being sent).
      refused(errorMessage(error));
    } finally {
      setResending(null);
      await guarded(loadDeliveries);
    }
  };

  const list = subscribers ?? [];
  const rows = deliveries?.data ?? [];
  const pagination = deliveries?.meta.pagination;
  const nameOf = (id: number) =>
    list.find((s) => s.id === id)?.name ??
    // Until the list has come, a missing name means nothing yet.
    (subscribers ? t('subscribers.deleted', 'Deleted subscriber #{id}', { id }) : `#${id}`);
  const eventLabel = (event: DeliveryView['event'] | SubscriberView['events'][number]) =>
    t(`subscribers.event.${event}`, EVENT_LABELS[event]);
  const filterOf = (subscriber: SubscriberView) =>
    [
      subscriber.rubricSlug &&
        `${t('subscribers.filter.rubric', 'Rubric')}: ${subscriber.rubricSlug}`,
      subscriber.agencyCode &&
        `${t('subscribers.filter.agency', 'Agency')}: ${subscriber.agencyCode}`,
    ]
      .filter(Boolean)
      .join(' · ') || t('subscribers.filter.all', 'All articles');

  return (
    <Main>
      <Box padding={8}>
        <Flex justifyContent="space-between" paddingBottom={6}>
          <Typography variant="alpha" tag="h1">
            {t('subscribers.title', 'Subscribers')}
          </Typography>
          <Flex gap={2}>
            <Button
              variant="secondary"
              startIcon={<ArrowClockwise aria-hidden />}
              loading={refreshing}
              onClick={refresh}
            >
              {t('subscribers.refresh', 'Refresh')}
            </Button>
            <Button onClick={() => setEditing(null)} disabled={!subscribers}>
              {t('subscribers.add', 'Add subscriber')}
            </Button>
          </Flex>
        </Flex>
        <Table colCount={SUBSCRIBER_COLUMNS} rowCount={list.length + 1}>
          <Thead>
            <Tr>
              {[
                t('subscribers.name', 'Name'),
                t('subscribers.url', 'Address (URL)'),
                t('subscribers.format', 'Format'),
                t('subscribers.events', 'Events'),
                t('subscribers.filter', 'Filter'),
                t('subscribers.enabled', 'Enabled'),
                t('subscribers.secretColumn', 'Secret'),
                t('wire.actions', 'Actions'),
              ].map((label) => (
                <ColumnHeader key={label} label={label} />
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {list.map((subscriber) => (
              <Tr
                key={subscriber.id}
                data-testid={`newsroom-subscriber-${subscriber.id}`}
                aria-label={subscriber.name}
              >
                <Td>
                  <Typography fontWeight="bold">{subscriber.name}</Typography>
                </Td>
                <Td style={{ maxWidth: '22rem', whiteSpace: 'normal', wordBreak: 'break-all' }}>
                  <Typography>{subscriber.url}</Typography>
                </Td>
                <Td>
                  <Typography>
                    {t(`subscribers.format.${subscriber.format}`, FORMAT_LABELS[subscriber.format])}
                  </Typography>
                </Td>
                <Td style={{ whiteSpace: 'normal' }}>
                  <Typography>{subscriber.events.map(eventLabel).join(', ') || '—'}</Typography>
                </Td>
                <Td>
                  <Typography>{filterOf(subscriber)}</Typography>
                </Td>
                <Td>
                  <Switch
                    aria-label={`${t('subscribers.enabled', 'Enabled')}: ${subscriber.name}`}
                    checked={subscriber.enabled}
                    disabled={busy === subscriber.id}
                    onCheckedChange={(checked: boolean) =>
                      change(subscriber, () =>
                        api.updateSubscriber(subscriber.id, { enabled: checked })
                      )
                    }
                  />
                </Td>
                <Td>
                  {/* Only whether one is set: the secret itself never leaves the server. */}
                  <ToneBadge
                    tone={subscriber.hasSecret ? 'success' : 'danger'}
                    data-testid="newsroom-subscriber-secret"
                  >
                    {subscriber.hasSecret
                      ? t('subscribers.secretSet', 'Set')
                      : t('subscribers.secretMissing', 'Not set')}
                  </ToneBadge>
                </Td>
                <Td>
                  <Flex gap={2}>
                    <Button
                      size="S"
                      variant="secondary"
                      disabled={busy === subscriber.id}
                      onClick={() => setEditing(subscriber)}
                    >
                      {t('subscribers.editShort', 'Edit')}
                    </Button>
                    <DeleteSubscriber
                      subscriber={subscriber}
                      onConfirm={() => remove(subscriber)}
                    />
                  </Flex>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
        {subscribers && list.length === 0 && (
          <Box paddingTop={4}>
            <Typography textColor="neutral600">
              {t(
                'subscribers.empty',
                'No subscribers yet: add one to push publications to a partner site or app.'
              )}
            </Typography>
          </Box>
        )}

        <Flex
          justifyContent="space-between"
          alignItems="flex-end"
          paddingTop={10}
          paddingBottom={4}
        >
          <Typography variant="beta" tag="h2">
            {t('subscribers.deliveries', 'Recent deliveries')}
          </Typography>
          <Flex gap={2}>
            <Box width="240px">
              <SingleSelect
                aria-label={t('subscribers.deliveries.subscriber', 'Subscriber')}
                value={subscriberFilter}
                onChange={(value: string | number) => filterBy(setSubscriberFilter, String(value))}
              >
                <SingleSelectOption value="">
                  {t('subscribers.deliveries.allSubscribers', 'All subscribers')}
                </SingleSelectOption>
                {list.map((subscriber) => (
                  <SingleSelectOption key={subscriber.id} value={String(subscriber.id)}>
                    {subscriber.name}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
            <Box width="200px">
              <SingleSelect
                aria-label={t('subscribers.deliveries.status', 'Status')}
                value={status}
                onChange={(value: string | number) =>
                  filterBy(setStatus, value as DeliveryStatus | '')
                }
              >
                <SingleSelectOption value="">
                  {t('subscribers.deliveries.allStatuses', 'All statuses')}
                </SingleSelectOption>
                {DELIVERY_STATUSES.map((s) => (
                  <SingleSelectOption key={s} value={s}>
                    {t(`subscribers.status.${s}`, STATUS_LABELS[s])}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
          </Flex>
        </Flex>
        <Table colCount={DELIVERY_COLUMNS} rowCount={rows.length + 1}>
          <Thead>
            <Tr>
              {[
                t('subscribers.deliveries.time', 'Time'),
                t('subscribers.deliveries.subscriber', 'Subscriber'),
                t('subscribers.deliveries.event', 'Event'),
                t('subscribers.deliveries.article', 'Article'),
                t('subscribers.deliveries.version', 'Version'),
                t('subscribers.deliveries.status', 'Status'),
                t('subscribers.deliveries.attempts', 'Attempts'),
                t('subscribers.deliveries.lastAnswer', 'Last answer'),
                t('subscribers.deliveries.deliveredAt', 'Delivered at'),
                t('wire.actions', 'Actions'),
              ].map((label) => (
                <ColumnHeader key={label} label={label} />
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((delivery) => (
              <Fragment key={delivery.id}>
                <Tr data-testid={`newsroom-delivery-${delivery.id}`} data-status={delivery.status}>
                  <Td style={WRAP}>
                    <Typography>{when(delivery.createdAt)}</Typography>
                  </Td>
                  <Td style={WRAP}>
                    <Typography>{nameOf(delivery.subscriberId)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{eventLabel(delivery.event)}</Typography>
                  </Td>
                  <Td style={WRAP}>
                    <Link
                      tag={RouterLink}
                      to={`/content-manager/collection-types/plugin::newsroom.article/${delivery.documentId}?plugins[i18n][locale]=${delivery.locale}`}
                    >
                      {delivery.documentId}
                    </Link>{' '}
                    <Typography variant="pi" textColor="neutral600">
                      ({delivery.locale})
                    </Typography>
                  </Td>
                  <Td>
                    <Typography>{delivery.version ?? '—'}</Typography>
                  </Td>
                  <Td>
                    <ToneBadge
                      tone={STATUS_TONE[delivery.status]}
                      data-testid="newsroom-delivery-status"
                    >
                      {t(`subscribers.status.${delivery.status}`, STATUS_LABELS[delivery.status])}
                    </ToneBadge>
                  </Td>
                  <Td>
                    <Typography data-testid="newsroom-delivery-attempts">
                      {formatNumber(delivery.attempts)}
                    </Typography>
                  </Td>
                  <Td
                    style={{ maxWidth: '24rem', whiteSpace: 'normal' }}
                    data-testid="newsroom-delivery-last"
                  >
                    {delivery.lastStatus === null && !delivery.lastError && (
                      <Typography>—</Typography>
                    )}
                    {delivery.lastStatus !== null && (
                      <Typography tag="p">
                        {t('subscribers.deliveries.http', 'HTTP {status}', {
                          status: delivery.lastStatus,
                        })}
                      </Typography>
                    )}
                    {delivery.lastError && (
                      <Typography tag="p" textColor="danger600">
                        {delivery.lastError}
                      </Typography>
                    )}
                    {delivery.status === 'pending' && delivery.attempts > 0 && (
                      <Typography variant="pi" tag="p" textColor="neutral600">
                        {t('subscribers.deliveries.nextAttempt', 'Next attempt: {time}', {
                          time: when(delivery.nextAttemptAt),
                        })}
                      </Typography>
                    )}
                  </Td>
                  <Td style={WRAP}>
                    <Typography>{when(delivery.deliveredAt)}</Typography>
                  </Td>
                  <Td>
                    <Button
                      size="S"
                      variant="secondary"
                      loading={resending === delivery.id}
                      // Waiting or on its way: there is nothing to send again yet.
                      disabled={delivery.status === 'pending' || delivery.status === 'sending'}
                      onClick={() => resend(delivery)}
                    >
                      {t('subscribers.resend', 'Resend')}
                    </Button>
                  </Td>
                </Tr>
                {refusals[delivery.id] && (
                  <Tr>
                    <Td colSpan={DELIVERY_COLUMNS} style={{ whiteSpace: 'normal' }}>
                      <Typography
                        tag="p"
                        textColor="danger600"
                        role="alert"
                        paddingBottom={2}
                        data-testid="newsroom-delivery-refusal"
                      >
                        {t('subscribers.resendRefused', 'Resend refused: {message}', {
                          message: refusals[delivery.id],
                        })}
                      </Typography>
                    </Td>
                  </Tr>
                )}
              </Fragment>
            ))}
          </Tbody>
        </Table>
        {deliveries && rows.length === 0 && (
          <Box paddingTop={4}>
            <Typography textColor="neutral600">
              {subscriberFilter || status
                ? t('subscribers.deliveries.noneMatch', 'No deliveries match these filters.')
                : t(
                    'subscribers.deliveries.empty',
                    'Nothing sent yet: deliveries appear here when an article is published, corrected or killed.'
                  )}
            </Typography>
          </Box>
        )}
        {pagination && pagination.pageCount > 1 && (
          <Flex gap={2} paddingTop={4} justifyContent="flex-end">
            <Button
              size="S"
              variant="tertiary"
              disabled={page <= 1}
              onClick={() => setPage(page - 1)}
            >
              {t('subscribers.deliveries.newer', 'Newer')}
            </Button>
            <Typography variant="pi">
              {t('subscribers.deliveries.page', 'Page {page} of {pageCount}', {
                page: pagination.page,
                pageCount: pagination.pageCount,
              })}
            </Typography>
            <Button
              size="S"
              variant="tertiary"
              disabled={page >= pagination.pageCount}
              onClick={() => setPage(page + 1)}
            >
              {t('subscribers.deliveries.older', 'Older')}
            </Button>
          </Flex>
        )}
      </Box>
      {subscribers && editing !== undefined && (
        <SubscriberFormModal
          subscriber={editing}
          onSave={save}
          onClose={() => setEditing(undefined)}
        />
      )}
    </Main>
  );
};

/** The design system marks header cells as grid cells; screen readers announce these as headers. */
const ColumnHeader = ({ label }: { label: string }) => (
  <Th role="columnheader" style={WRAP}>
    <Typography variant="sigma">{label}</Typography>
  </Th>
);

/** Deleting asks first: the partner is told of nothing more, and what is still queued for it fails. */
const DeleteSubscriber = ({
  subscriber,
  onConfirm,
}: {
  subscriber: SubscriberView;
  onConfirm: () => void;
}) => {
  const t = useT();
  return (
    <Dialog.Root>
      <Dialog.Trigger>
        <Button size="S" variant="danger-light">
          {t('subscribers.delete', 'Delete')}
        </Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Header>{t('subscribers.deleteTitle', 'Delete this subscriber?')}</Dialog.Header>
        <Dialog.Body>
          <Typography>
            {t(
              'subscribers.deleteBody',
              'Nothing more is pushed to it, and what is still queued for it is not sent.'
            )}{' '}
            <Typography fontWeight="bold">{subscriber.name}</Typography>
          </Typography>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary">{t('panel.cancel', 'Cancel')}</Button>
          </Dialog.Cancel>
          <Dialog.Action>
            <Button variant="danger" onClick={onConfirm}>
              {t('subscribers.delete', 'Delete')}
            </Button>
          </Dialog.Action>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};
