import { Page, useNotification } from '@strapi/strapi/admin';
import {
  Box,
  Button,
  Dialog,
  Flex,
  Main,
  Switch,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Fragment, useCallback, useState } from 'react';
import { useIntl } from 'react-intl';
import {
  errorMessage,
  useNewsroomApi,
  type Feed,
  type FeedInput,
  type FeedList,
  type PollResult,
} from '../api/client';
import { FeedFormModal, KIND_LABELS, inputOf } from '../components/FeedFormModal';
import { HealthBadge } from '../components/HealthBadge';
import { ToneBadge } from '../components/ToneBadge';
import { useAllowed } from '../hooks/useAllowed';
import { useGuarded, usePolling } from '../hooks/useGuarded';
import { useT } from '../utils/getTranslation';

const MANAGE = 'plugin::newsroom.feeds.manage';
const POLL_MS = 15_000;
const COLUMNS = 9;

/** The agency feeds: their health at a glance, and adding, editing, switching and polling them. */
export const FeedsPage = () => {
  const allowed = useAllowed([MANAGE]);
  if (allowed[MANAGE] === undefined) return <Page.Loading />;
  if (!allowed[MANAGE]) return <Page.NoPermissions />;
  return <Feeds />;
};

const Feeds = () => {
  const t = useT();
  const { formatDate, formatNumber } = useIntl();
  const api = useNewsroomApi();
  const guarded = useGuarded();
  const { toggleNotification } = useNotification();
  const [list, setList] = useState<FeedList | null>(null);
  // `null`: adding a feed; a feed: editing it; `undefined`: no form open.
  const [editing, setEditing] = useState<Feed | null | undefined>(undefined);
  const [busy, setBusy] = useState<number | null>(null);
  const [results, setResults] = useState<Record<number, PollResult>>({});

  const load = useCallback(async () => setList(await api.feeds()), [api]);
  usePolling(load, POLL_MS);

  const when = (iso: string | null) =>
    iso ? formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' }) : '—';

  const save = async (input: FeedInput) => {
    // A refusal is shown in the form, which stays open.
    if (editing) await api.updateFeed(editing.id, input);
    else await api.createFeed(input);
    setEditing(undefined);
    await guarded(load);
  };

  /** Runs one change to a feed, then shows the list as it now is. */
  const change = async (feed: Feed, call: () => Promise<unknown>) => {
    setBusy(feed.id);
    try {
      await call();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(null);
      await guarded(load);
    }
  };

  const pollNow = (feed: Feed) =>
    change(feed, async () => {
      const { meta } = await api.pollFeed(feed.id);
      setResults((current) => ({ ...current, [feed.id]: meta.result }));
    });

  const feeds = list?.data ?? [];

  return (
    <Main>
      <Box padding={8}>
        <Flex justifyContent="space-between" paddingBottom={6}>
          <Typography variant="alpha" tag="h1">
            {t('feeds.title', 'Feeds')}
          </Typography>
          <Button onClick={() => setEditing(null)} disabled={!list}>
            {t('feeds.add', 'Add a feed')}
          </Button>
        </Flex>
        <Table colCount={COLUMNS} rowCount={feeds.length + 1}>
          <Thead>
            <Tr>
              {[
                t('feeds.health', 'Health'),
                t('feeds.name', 'Name'),
                t('feeds.kind', 'Kind'),
                t('feeds.agencies', 'Agencies'),
                t('feeds.lastSuccess', 'Last success'),
                t('feeds.lastError', 'Last error'),
                t('feeds.itemsToday', 'Items today'),
                t('feeds.enabled', 'Enabled'),
                t('wire.actions', 'Actions'),
              ].map((label) => (
                <Th key={label}>
                  <Typography variant="sigma">{label}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {feeds.map((feed) => (
              <Fragment key={feed.id}>
                <Tr data-testid={`newsroom-feed-${feed.id}`} aria-label={feed.name}>
                  <Td>
                    <HealthBadge light={feed.health.light} />
                  </Td>
                  <Td>
                    <Typography fontWeight="bold">{feed.name}</Typography>
                  </Td>
                  <Td>
                    <Typography>{t(`feeds.kind.${feed.kind}`, KIND_LABELS[feed.kind])}</Typography>
                  </Td>
                  <Td>
                    <Typography>{feed.agencies.map((a) => a.code).join(', ') || '—'}</Typography>
                  </Td>
                  <Td>
                    <Typography>{when(feed.health.lastSuccessAt)}</Typography>
                  </Td>
                  <Td style={{ maxWidth: '24rem', whiteSpace: 'normal' }}>
                    {feed.health.lastError ? (
                      <>
                        <Typography tag="p" textColor="danger600">
                          {feed.health.lastError}
                        </Typography>
                        <Typography variant="pi" tag="p" textColor="neutral600">
                          {when(feed.health.lastErrorAt)}
                        </Typography>
                      </>
                    ) : (
                      <Typography>—</Typography>
                    )}
                  </Td>
                  <Td>
                    <Typography>{formatNumber(feed.health.itemsToday)}</Typography>
                  </Td>
                  <Td>
                    <Switch
                      aria-label={`${t('feeds.enabled', 'Enabled')}: ${feed.name}`}
                      checked={feed.enabled}
                      disabled={busy === feed.id}
                      onCheckedChange={(checked: boolean) =>
                        change(feed, () =>
                          api.updateFeed(feed.id, { ...inputOf(feed), enabled: checked })
                        )
                      }
                    />
                  </Td>
                  <Td>
                    <Flex gap={2}>
                      <Button size="S" loading={busy === feed.id} onClick={() => pollNow(feed)}>
                        {t('feeds.pollNow', 'Poll now')}
                      </Button>
                      <Button size="S" variant="secondary" onClick={() => setEditing(feed)}>
                        {t('feeds.editShort', 'Edit')}
                      </Button>
                      <DeleteFeed
                        feed={feed}
                        onConfirm={() => change(feed, () => api.deleteFeed(feed.id))}
                      />
                    </Flex>
                  </Td>
                </Tr>
                {(feed.health.alerts.length > 0 || results[feed.id]) && (
                  <Tr>
                    <Td colSpan={COLUMNS} style={{ whiteSpace: 'normal' }}>
                      <Flex direction="column" alignItems="stretch" gap={2} paddingBottom={2}>
                        {feed.health.alerts.map((line) => (
                          <Typography
                            key={line}
                            tag="p"
                            textColor={feed.health.light === 'red' ? 'danger600' : 'neutral800'}
                            data-testid="newsroom-feed-health-alert"
                          >
                            ⚠ {line}
                          </Typography>
                        ))}
                        {results[feed.id] && <PollResultView result={results[feed.id]} />}
                      </Flex>
                    </Td>
                  </Tr>
                )}
              </Fragment>
            ))}
          </Tbody>
        </Table>
        {list && feeds.length === 0 && (
          <Box paddingTop={4}>
            <Typography textColor="neutral600">
              {t('feeds.empty', 'No feeds yet: add one to poll an agency.')}
            </Typography>
          </Box>
        )}
      </Box>
      {list && editing !== undefined && (
        <FeedFormModal
          feed={editing}
          meta={list.meta}
          onSave={save}
          onClose={() => setEditing(undefined)}
        />
      )}
    </Main>
  );
};

/** Deleting asks first: the feed's history of polls goes with it (its wire items stay). */
const DeleteFeed = ({ feed, onConfirm }: { feed: Feed; onConfirm: () => void }) => {
  const t = useT();
  return (
    <Dialog.Root>
      <Dialog.Trigger>
        <Button size="S" variant="danger-light">
          {t('feeds.delete', 'Delete')}
        </Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Header>{t('feeds.deleteTitle', 'Delete this feed?')}</Dialog.Header>
        <Dialog.Body>
          <Typography>
            {t('feeds.deleteBody', 'The feed stops being polled. Items already received stay.')}{' '}
            <Typography fontWeight="bold">{feed.name}</Typography>
          </Typography>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button variant="tertiary">{t('panel.cancel', 'Cancel')}</Button>
          </Dialog.Cancel>
          <Dialog.Action>
            <Button variant="danger" onClick={onConfirm}>
              {t('feeds.delete', 'Delete')}
            </Button>
          </Dialog.Action>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};

const RESULT_TONE = { ok: 'success', 'not-modified': 'neutral', failed: 'danger' } as const;

/** What one "Poll now" did: read or not, what was new, and the refused items with their reasons (the first 20, and how many). */
const PollResultView = ({ result }: { result: PollResult }) => {
  const t = useT();
  return (
    <Box background="neutral100" hasRadius padding={3} data-testid="newsroom-poll-result">
      <Flex gap={2} wrap="wrap">
        <ToneBadge tone={RESULT_TONE[result.status]}>
          {t(`feeds.result.${result.status}`, result.status)}
        </ToneBadge>
        <Typography variant="pi">
          {t('feeds.result.new', 'New')}: {result.new} · {t('feeds.result.updated', 'Updated')}:{' '}
          {result.updated} · {t('feeds.result.duplicates', 'Duplicates')}: {result.duplicates}
          {result.advisories > 0 &&
            ` · ${t('feeds.result.advisories', 'Kills and withholds')}: ${result.advisories}`}
          {result.files &&
            ` · ${t('feeds.result.files', 'Files processed / failed / waiting')}: ${result.files.processed} / ${result.files.failed} / ${result.files.waiting}`}
        </Typography>
      </Flex>
      {result.error && (
        <Typography tag="p" variant="pi" textColor="danger600" paddingTop={1}>
          {result.error}
        </Typography>
      )}
      {result.refused.length > 0 && (
        <Box paddingTop={1}>
          <Typography variant="pi" fontWeight="bold">
            {t('feeds.result.refused', 'Refused')}: {result.refusedCount ?? result.refused.length}
          </Typography>
          {result.refused.map((refusal, i) => (
            <Typography key={i} tag="p" variant="pi" textColor="danger600">
              {refusal.item}: {refusal.message}
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
};
