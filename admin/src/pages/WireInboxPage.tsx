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
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { useNavigate } from 'react-router-dom';
import {
  errorMessage,
  errorStatus,
  useNewsroomApi,
  type WireAlerts as Alerts,
  type WireItem,
  type WireItemDetail,
  type WireStatus,
  type Subject,
} from '../api/client';
import { EditLockBadge } from '../components/EditLockBadge';
import { AgencyFilter } from '../components/SubjectFilter';
import { UrgencyBadge } from '../components/UrgencyBadge';
import { WireAlerts } from '../components/WireAlerts';
import { WireFilters, inboxQuery, useWireView } from '../components/WireFilters';
import { useAllowed } from '../hooks/useAllowed';
import { useGuarded, usePolling } from '../hooks/useGuarded';
import { getTranslation, useT } from '../utils/getTranslation';
import { safeSnippet } from '../utils/snippet';

const POLL_MS = 10_000;
const TAKE = 'plugin::newsroom.wire.take';
const STATUSES: WireStatus[] = ['new', 'taken', 'ignored', 'superseded'];
/** Subjects shown on a row; the preview has the story itself. */
const ROW_SUBJECTS = 3;

/**
 * Incoming wire copy: newest first (or most urgent, or best match for search words), filtered
 * as the URL says, refreshed while open, taken into drafts or set aside.
 */
export const WireInboxPage = () => {
  const t = useT();
  const { formatDate } = useIntl();
  const api = useNewsroomApi();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const guarded = useGuarded();
  const [view, changeView] = useWireView();
  const [items, setItems] = useState<WireItem[]>([]);
  const [busy, setBusy] = useState<number | null>(null);
  const [preview, setPreview] = useState<WireItemDetail | null>(null);
  const canTake = Boolean(useAllowed([TAKE])[TAKE]);

  const query = useMemo(() => inboxQuery(view), [view]);
  const latest = useRef(0);
  // The view the server last refused (400: words without a word, a bad date), told once.
  const refused = useRef<string | null>(null);
  const load = useCallback(async () => {
    const call = (latest.current += 1);
    const key = JSON.stringify(query);
    try {
      const result = await api.wireItems(query);
      refused.current = null;
      // An answer for a view the editor has already left is dropped.
      if (call === latest.current) setItems(result.data);
    } catch (error) {
      if (errorStatus(error) !== 400) throw error;
      if (call === latest.current) setItems([]);
      if (refused.current !== key)
        toggleNotification({ type: 'danger', message: errorMessage(error) });
      refused.current = key;
    }
  }, [api, query, toggleNotification]);
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

  const filtered = Boolean(view.agency || view.subject || view.from || view.to);

  return (
    <Main>
      <Box padding={8}>
        <Flex justifyContent="space-between" paddingBottom={4}>
          <Typography variant="alpha" tag="h1">
            {t('wire.title', 'Wire inbox')}
          </Typography>
          <Flex gap={2}>
            <AgencyFilter
              label={t('wire.agency', 'Agency')}
              value={view.agency}
              onChange={(code) => changeView({ agency: code.toUpperCase() })}
            />
            <Box width="200px">
              <SingleSelect
                aria-label={t('wire.status', 'Status')}
                value={view.status === 'all' ? '' : view.status}
                onChange={(v: string | number) =>
                  changeView({ status: v === '' ? 'all' : (v as WireStatus) })
                }
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
        <WireFilters view={view} onChange={changeView} />
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
                  <Flex
                    direction="column"
                    alignItems="flex-start"
                    gap={1}
                    paddingTop={2}
                    paddingBottom={2}
                  >
                    <Flex gap={2}>
                      <UrgencyBadge urgency={item.urgency} />
                      <Button variant="ghost" onClick={() => open(item)}>
                        <Typography fontWeight="bold">{item.headline}</Typography>
                      </Button>
                    </Flex>
                    {view.q && item.snippet && <Snippet html={item.snippet} />}
                    {item.subjects && item.subjects.length > 0 && (
                      <SubjectBadges subjects={item.subjects} />
                    )}
                  </Flex>
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
              {view.q
                ? t('wire.noMatch', 'No wire items match “{q}”', { q: view.q })
                : filtered
                  ? t('wire.emptyFiltered', 'No wire items match these filters.')
                  : t('wire.empty', 'Nothing on the wire with this status.')}
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

/** The passage that matched the search, its hits highlighted. */
const Snippet = ({ html }: { html: string }) => (
  <Typography
    variant="pi"
    tag="p"
    textColor="neutral700"
    data-testid="newsroom-wire-snippet"
    // The table keeps its cells on one line; a passage wraps.
    style={{ whiteSpace: 'normal', maxWidth: '60ch' }}
    // Only <mark> passes safeSnippet: the rest of the server's text stays escaped.
    dangerouslySetInnerHTML={{ __html: safeSnippet(html) }}
  />
);

/** The first few subjects as small labels, the rest counted. */
const SubjectBadges = ({ subjects }: { subjects: Subject[] }) => {
  const t = useT();
  const more = subjects.length - ROW_SUBJECTS;
  return (
    <Flex tag="ul" gap={1} wrap="wrap" aria-label={t('wire.subjects', 'Subjects')}>
      {subjects.slice(0, ROW_SUBJECTS).map((s) => (
        <li key={s.code}>
          <Badge size="S" title={s.code}>
            {s.name ?? s.code}
          </Badge>
        </li>
      ))}
      {more > 0 && (
        <li>
          <Typography variant="pi" textColor="neutral600">
            {t('wire.moreSubjects', '+{count} more', { count: more })}
          </Typography>
        </li>
      )}
    </Flex>
  );
};
