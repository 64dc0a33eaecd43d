import { useNotification } from '@strapi/strapi/admin';
import { Badge, Box, Button, Flex, Link, Main, Typography } from '@strapi/design-system';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import {
  errorMessage,
  errorStatus,
  useNewsroomApi,
  type BoardCard,
  type BoardColumn,
  type WorkflowAction,
  type WorkflowState,
} from '../api/client';
import { EditLockBadge } from '../components/EditLockBadge';
import { SearchBox } from '../components/SearchBox';
import { ToneBadge } from '../components/ToneBadge';
import { AgencyFilter, RubricFilter, SubjectFilter } from '../components/SubjectFilter';
import { useGuarded } from '../hooks/useGuarded';
import { useT } from '../utils/getTranslation';
import { editorTimeZone } from '../utils/time';

/** Actions a card can take in one click; the others need a note or a time and open the article. */
const QUICK = new Set(['submit', 'approve', 'publish', 'unschedule', 'spike', 'unspike']);
/**
 * The terminal states, folded to narrow columns (name and count) until opened: the five
 * working columns then fit a 1280 px screen beside Strapi's menu.
 */
const FOLDED = new Set<WorkflowState>(['killed', 'spiked']);

const articleUrl = (card: BoardCard) =>
  `/content-manager/collection-types/plugin::newsroom.article/${card.documentId}?plugins[i18n][locale]=${card.locale}`;

/**
 * The workflow board: a column per state with counts and cards, filtered by rubric and agency,
 * and by search words and subject as the URL says (`?q=&subject=`), each column paged.
 */
export const BoardPage = () => {
  const t = useT();
  const { formatDate } = useIntl();
  const api = useNewsroomApi();
  const { toggleNotification } = useNotification();
  const guarded = useGuarded();
  const [columns, setColumns] = useState<BoardColumn[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [unfolded, setUnfolded] = useState<Set<WorkflowState>>(new Set());
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const subject = (params.get('subject') ?? '').trim();
  const rubric = (params.get('rubric') ?? '').trim();
  const agency = (params.get('agency') ?? '').trim();
  const filters = useMemo(
    () => ({
      ...(rubric ? { rubric } : {}),
      ...(agency ? { agency } : {}),
      ...(q ? { q } : {}),
      ...(subject ? { subject } : {}),
    }),
    [rubric, agency, q, subject]
  );

  /** Every filter lives in the URL, so a view can be bookmarked and shared. */
  const search = (name: 'q' | 'subject' | 'rubric' | 'agency', value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      // New words are a new history entry (Back returns to the search before).
      { replace: name !== 'q' || value === q }
    );

  const load = useCallback(async () => {
    try {
      setColumns(await api.board(filters));
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
      // Refused filters (400: words without a word) match nothing; the old cards would mislead.
      if (errorStatus(error) === 400) setColumns([]);
    }
  }, [api, filters, toggleNotification]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Loads another page of one column only. */
  const page = async (state: WorkflowState, to: number) => {
    const next = await guarded(() => api.board({ state, page: to, ...filters }));
    if (next)
      setColumns((current) =>
        current.map((c) => (c.state === state ? (next.find((n) => n.state === state) ?? c) : c))
      );
  };

  const act = async (card: BoardCard, action: WorkflowAction) => {
    setBusy(`${card.documentId}:${action}`);
    try {
      await api.transition(
        card.documentId,
        { action, expectedVersion: card.workflowVersion },
        card.locale
      );
      await load();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const when = (iso: string) => formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <Main>
      <Box padding={8}>
        <Flex justifyContent="space-between" alignItems="flex-end">
          <Typography variant="alpha" tag="h1">
            {t('board.title', 'Workflow board')}
          </Typography>
        </Flex>
        <Flex gap={4} wrap="wrap" alignItems="flex-start" paddingTop={4}>
          <SearchBox
            label={t('board.search', 'Search the articles')}
            value={q}
            onSearch={(words) => search('q', words)}
            testId="newsroom-board-search"
          />
          <SubjectFilter
            label={t('board.subject', 'Subject')}
            value={subject}
            onChange={(code) => search('subject', code)}
          />
          <RubricFilter
            label={t('filters.rubric', 'Rubric')}
            value={rubric}
            onChange={(slug) => search('rubric', slug)}
          />
          <AgencyFilter
            label={t('filters.agency', 'Agency')}
            value={agency}
            onChange={(code) => search('agency', code)}
          />
        </Flex>
        <Typography variant="pi" textColor="neutral600">
          {t('board.times', 'Times in')} {editorTimeZone()}
        </Typography>
        {(q || subject) && columns.length > 0 && columns.every((c) => c.count === 0) && (
          <Box paddingTop={4}>
            <Typography textColor="neutral600">
              {q
                ? t('board.noMatch', 'No articles match “{q}”', { q })
                : t('board.noSubject', 'No articles with this subject.')}
            </Typography>
          </Box>
        )}
        <Flex
          gap={4}
          alignItems="flex-start"
          paddingTop={6}
          style={{ overflowX: 'auto' }}
          data-testid="newsroom-board"
        >
          {columns.map((column) =>
            FOLDED.has(column.state) && !unfolded.has(column.state) ? (
              // A terminal state, folded to a narrow column: its name and count, opened on demand.
              <Box
                key={column.state}
                background="neutral100"
                hasRadius
                padding={2}
                style={{ flex: '0 0 auto' }}
                data-testid={`newsroom-column-${column.state}`}
              >
                <Button
                  variant="ghost"
                  aria-expanded={false}
                  onClick={() => setUnfolded((open) => new Set(open).add(column.state))}
                  aria-label={t('board.unfold', '{state}: {count} — show the column', {
                    state: t(`state.${column.state}`, column.state),
                    count: column.count,
                  })}
                  style={{ writingMode: 'vertical-rl', height: 'auto', padding: '8px 4px' }}
                >
                  {t(`state.${column.state}`, column.state)} · {column.count}
                </Button>
              </Box>
            ) : (
              <Box
                key={column.state}
                minWidth="180px"
                background="neutral100"
                hasRadius
                padding={3}
                style={{ flex: '1 1 0' }}
                data-testid={`newsroom-column-${column.state}`}
              >
                <Flex justifyContent="space-between" paddingBottom={3} gap={2}>
                  <Typography variant="sigma" tag="h2">
                    {t(`state.${column.state}`, column.state)}
                  </Typography>
                  <Flex gap={1}>
                    <Badge>{column.count}</Badge>
                    {FOLDED.has(column.state) && (
                      <Button
                        size="S"
                        variant="ghost"
                        aria-expanded
                        onClick={() =>
                          setUnfolded((open) => {
                            const next = new Set(open);
                            next.delete(column.state);
                            return next;
                          })
                        }
                      >
                        {t('board.fold', 'Fold')}
                      </Button>
                    )}
                  </Flex>
                </Flex>
                <Flex direction="column" alignItems="stretch" gap={2}>
                  {column.cards.map((card) => (
                    <Box
                      key={card.documentId}
                      background="neutral0"
                      hasRadius
                      shadow="tableShadow"
                      padding={3}
                    >
                      <Link tag={RouterLink} to={articleUrl(card)}>
                        {card.headline ?? t('board.untitled', 'Untitled')}
                      </Link>
                      {card.lock && (
                        <Box paddingTop={1}>
                          <EditLockBadge lock={card.lock} />
                        </Box>
                      )}
                      {card.agencyAlert && <AgencyAlertBadge alert={card.agencyAlert} />}
                      {card.rubric && (
                        <Typography variant="pi" tag="p" textColor="neutral600">
                          {card.rubric.name}
                        </Typography>
                      )}
                      {card.lastMove && (
                        <Typography variant="pi" tag="p" textColor="neutral600">
                          {card.lastMove.actorName} ·{' '}
                          {t(`action.${card.lastMove.action}`, card.lastMove.action)} ·{' '}
                          {when(card.lastMove.at)}
                        </Typography>
                      )}
                      {card.lastMove?.action === 'reopen' && card.lastMove.note && (
                        // On the warning tone, in text that reads in both themes.
                        <Box background="warning100" hasRadius padding={1} marginTop={1}>
                          <Typography
                            variant="pi"
                            tag="p"
                            textColor="neutral800"
                            data-testid="newsroom-card-reopened"
                          >
                            {card.lastMove.note}
                          </Typography>
                        </Box>
                      )}
                      {card.scheduledAt && (
                        <Typography variant="pi" tag="p">
                          {t('board.scheduledFor', 'Scheduled for')} {when(card.scheduledAt)}
                        </Typography>
                      )}
                      {card.embargoUntil && (
                        <Typography variant="pi" tag="p">
                          {t('board.embargo', 'Embargo until')} {when(card.embargoUntil)}
                        </Typography>
                      )}
                      {card.allowedActions.length > 0 && (
                        <Flex gap={1} wrap="wrap" paddingTop={2}>
                          {card.allowedActions.map((action) =>
                            QUICK.has(action) ? (
                              <Button
                                key={action}
                                size="S"
                                variant="secondary"
                                loading={busy === `${card.documentId}:${action}`}
                                onClick={() => act(card, action)}
                              >
                                {t(`action.${action}`, action)}
                              </Button>
                            ) : (
                              <Link key={action} tag={RouterLink} to={articleUrl(card)}>
                                {t(`action.${action}`, action)}…
                              </Link>
                            )
                          )}
                        </Flex>
                      )}
                    </Box>
                  ))}
                </Flex>
                {column.pageCount > 1 && (
                  <Flex justifyContent="space-between" paddingTop={2}>
                    <Button
                      size="S"
                      variant="tertiary"
                      disabled={column.page <= 1}
                      onClick={() => page(column.state, column.page - 1)}
                    >
                      ‹
                    </Button>
                    <Typography variant="pi">
                      {column.page} / {column.pageCount}
                    </Typography>
                    <Button
                      size="S"
                      variant="tertiary"
                      disabled={column.page >= column.pageCount}
                      onClick={() => page(column.state, column.page + 1)}
                    >
                      ›
                    </Button>
                  </Flex>
                )}
              </Box>
            )
          )}
        </Flex>
      </Box>
    </Main>
  );
};

/** An agency kill or withhold on a card: red, with the agency's notice. */
const AgencyAlertBadge = ({ alert }: { alert: NonNullable<BoardCard['agencyAlert']> }) => {
  const t = useT();
  const label =
    alert.status === 'canceled'
      ? t('alert.killedShort', 'Agency kill')
      : t('alert.withheldShort', 'Agency withhold');
  return (
    <Flex
      direction="column"
      alignItems="flex-start"
      gap={1}
      paddingTop={1}
      data-testid="newsroom-card-agency-alert"
    >
      <ToneBadge tone="danger" title={alert.notice ?? label}>
        {label}
      </ToneBadge>
      {alert.notice && (
        <Typography variant="pi" tag="p" textColor="danger700">
          {alert.notice}
        </Typography>
      )}
    </Flex>
  );
};
