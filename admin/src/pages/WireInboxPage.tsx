import { useNotification } from '@strapi/strapi/admin';
import {
  Badge,
  Box,
  Button,
  Flex,
  Main,
  Modal,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useCallback, useState } from 'react';
import { useIntl } from 'react-intl';
import { useNavigate } from 'react-router-dom';
import {
  errorMessage,
  useNewsroomApi,
  type WireAlerts as Alerts,
  type WireItem,
  type WireItemDetail,
  type WireStatus,
} from '../api/client';
import { EditLockBadge } from '../components/EditLockBadge';
import { WireAlerts } from '../components/WireAlerts';
import { useAllowed } from '../hooks/useAllowed';
import { useGuarded, usePolling } from '../hooks/useGuarded';
import { getTranslation } from '../utils/getTranslation';

const POLL_MS = 10_000;
const TAKE = 'plugin::newsroom.wire.take';
const STATUSES: WireStatus[] = ['new', 'taken', 'ignored', 'superseded'];

/** Incoming wire copy: newest first, refreshed while open, taken into drafts or set aside. */
export const WireInboxPage = () => {
  const { formatMessage, formatDate } = useIntl();
  const api = useNewsroomApi();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const guarded = useGuarded();
  const [status, setStatus] = useState<WireStatus | ''>('new');
  const [items, setItems] = useState<WireItem[]>([]);
  const [busy, setBusy] = useState<number | null>(null);
  const [agency, setAgency] = useState('');
  const [preview, setPreview] = useState<WireItemDetail | null>(null);
  const canTake = Boolean(useAllowed([TAKE])[TAKE]);

  const load = useCallback(async () => {
    const result = await api.wireItems({
      ...(status ? { status } : {}),
      ...(agency ? { agency } : {}),
    });
    setItems(result.data);
  }, [api, status, agency]);
  usePolling(load, POLL_MS);

  // Agency kills and failing feeds, refreshed with the items.
  const [alerts, setAlerts] = useState<Alerts | null>(null);
  const loadAlerts = useCallback(async () => setAlerts(await api.wireAlerts()), [api]);
  usePolling(loadAlerts, POLL_MS);

  const open = async (item: WireItem) => {
    const detail = await guarded(() => api.wireItem(item.id));
    if (detail) setPreview(detail);
  };

  const take = async (item: WireItem) => {
    setBusy(item.id);
    try {
      const { data, meta } = await api.take(item.id);
      const { article } = data;
      for (const warning of meta.warnings ?? [])
        toggleNotification({ type: 'warning', message: warning });
      navigate(
        `/content-manager/collection-types/plugin::newsroom.article/${article.documentId}?plugins[i18n][locale]=${article.locale}`
      );
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const ignore = async (item: WireItem) => {
    setBusy(item.id);
    try {
      await api.ignore(item.id);
      await guarded(load);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const t = (id: string, defaultMessage: string) =>
    formatMessage({ id: getTranslation(id), defaultMessage });

  return (
    <Main>
      <Box padding={8}>
        <Flex justifyContent="space-between" paddingBottom={4}>
          <Typography variant="alpha" tag="h1">
            {t('wire.title', 'Wire inbox')}
          </Typography>
          <Flex gap={2}>
            <TextInput
              aria-label={t('wire.agency', 'Agency')}
              placeholder={t('board.agency', 'Agency (code)')}
              value={agency}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                setAgency(e.target.value.trim().toUpperCase())
              }
            />
            <Box width="200px">
              <SingleSelect
                aria-label={t('wire.status', 'Status')}
                value={status}
                onChange={(v: string | number) => setStatus(v as WireStatus | '')}
              >
                <SingleSelectOption value="">{t('wire.status.all', 'All')}</SingleSelectOption>
                {STATUSES.map((s) => (
                  <SingleSelectOption key={s} value={s}>
                    {t(`wire.status.${s}`, s)}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
          </Flex>
        </Flex>
        <WireAlerts alerts={alerts} />
        <Table colCount={6} rowCount={items.length + 1}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{t('wire.agency', 'Agency')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('wire.received', 'Received')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('wire.headline', 'Headline')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('wire.version', 'Version')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('wire.status', 'Status')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('wire.actions', 'Actions')}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {items.map((item) => (
              <Tr key={item.id}>
                <Td>
                  <Typography>{item.agency?.code ?? '—'}</Typography>
                </Td>
                <Td>
                  <Typography>
                    {formatDate(item.receivedAt, { dateStyle: 'medium', timeStyle: 'short' })}
                  </Typography>
                </Td>
                <Td>
                  <Button variant="ghost" onClick={() => open(item)}>
                    <Typography fontWeight="bold">{item.headline}</Typography>
                  </Button>
                </Td>
                <Td>
                  <Typography>{item.agencyVersion}</Typography>
                </Td>
                <Td>
                  <Flex gap={1}>
                    <Badge>{t(`wire.status.${item.status}`, item.status)}</Badge>
                    {item.articleLock && <EditLockBadge lock={item.articleLock} />}
                    {item.agencyStatus !== 'usable' && (
                      <Badge
                        backgroundColor="danger100"
                        textColor="danger700"
                        data-testid="newsroom-wire-agency-status"
                      >
                        {item.agencyStatus === 'canceled'
                          ? t('wire.agencyStatus.canceled', 'Killed by the agency')
                          : t('wire.agencyStatus.withheld', 'Withheld by the agency')}
                      </Badge>
                    )}
                  </Flex>
                </Td>
                <Td>
                  <Flex gap={2}>
                    {canTake &&
                      (item.status === 'taken' ||
                        (item.status === 'new' && item.agencyStatus === 'usable')) && (
                        <Button size="S" loading={busy === item.id} onClick={() => take(item)}>
                          {item.status === 'taken'
                            ? t('wire.open', 'Open draft')
                            : t('wire.take', 'Take')}
                        </Button>
                      )}
                    {canTake && item.status === 'new' && (
                      <Button
                        size="S"
                        variant="tertiary"
                        disabled={busy === item.id}
                        onClick={() => ignore(item)}
                      >
                        {t('wire.ignore', 'Ignore')}
                      </Button>
                    )}
                  </Flex>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
        {items.length === 0 && (
          <Box paddingTop={4}>
            <Typography textColor="neutral600">
              {t('wire.empty', 'Nothing on the wire with this status.')}
            </Typography>
          </Box>
        )}
      </Box>
      {preview && (
        <Modal.Root open onOpenChange={(isOpen: boolean) => !isOpen && setPreview(null)}>
          <Modal.Content>
            <Modal.Header>
              <Modal.Title>{preview.story.headline}</Modal.Title>
            </Modal.Header>
            <Modal.Body>
              <StoryPreview item={preview} />
            </Modal.Body>
            <Modal.Footer>
              <Modal.Close>
                <Button variant="tertiary">{t('wire.close', 'Close')}</Button>
              </Modal.Close>
              {canTake &&
                (preview.status === 'taken' ||
                  (preview.status === 'new' && preview.agencyStatus === 'usable')) && (
                  <Button onClick={() => take(preview)}>
                    {preview.status === 'taken'
                      ? t('wire.open', 'Open draft')
                      : t('wire.take', 'Take')}
                  </Button>
                )}
            </Modal.Footer>
          </Modal.Content>
        </Modal.Root>
      )}
    </Main>
  );
};

/** The story as the parser understood it: standfirst, dateline, sections under their subheads, credits. */
const StoryPreview = ({ item }: { item: WireItemDetail }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) =>
    formatMessage({ id: getTranslation(id), defaultMessage });
  const { story } = item;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="newsroom-wire-preview">
      <Typography variant="pi" textColor="neutral600">
        {item.agency?.name ?? '—'} · v{item.agencyVersion} · {item.format}
        {story.dateline?.place ? ` · ${story.dateline.place}` : ''}
      </Typography>
      {story.standfirst && <Typography fontWeight="bold">{story.standfirst}</Typography>}
      {story.sections.map((section, i) => (
        <Box key={i}>
          {section.subhead && (
            <Typography variant="delta" tag="h3">
              {section.subhead}
            </Typography>
          )}
          {section.paragraphs.map((p, j) => (
            <Typography key={j} tag="p">
              {p}
            </Typography>
          ))}
        </Box>
      ))}
      {(story.photoCredit || story.pictures?.length) && (
        <Typography variant="pi">
          {t('wire.photoCredit', 'Photo credit')}:{' '}
          {story.pictures?.[0]?.creditLine ?? story.photoCredit}
        </Typography>
      )}
      {item.agency && (
        <Typography variant="pi" textColor="neutral600">
          {t('wire.attribution', 'Attribution')}: {item.agency.name}
        </Typography>
      )}
    </Flex>
  );
};
