import { useNotification } from '@strapi/strapi/admin';
import { Badge, Box, Button, Flex, Grid, Link, Main, Typography } from '@strapi/design-system';
import { useCallback, useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import {
  errorMessage,
  useNewsroomApi,
  type Desk,
  type DeskStory,
  type DeskWireItem,
} from '../api/client';
import { UrgencyBadge } from '../components/UrgencyBadge';
import { useAllowed } from '../hooks/useAllowed';
import { usePolling } from '../hooks/useGuarded';
import { useT } from '../utils/getTranslation';
import { NewsroomCollections, NewsroomViews } from './NewsroomLinks';

/** How often the desk reads itself again while open. */
export const DESK_POLL_MS = 10_000;
const TAKE = 'plugin::newsroom.wire.take';

const articleUrl = (story: Pick<DeskStory, 'documentId' | 'locale'>) =>
  `/content-manager/collection-types/plugin::newsroom.article/${story.documentId}?plugins[i18n][locale]=${story.locale}`;

/** One block of the desk: a titled region with a link to its full view. */
const Block = ({
  id,
  title,
  count,
  more,
  children,
}: {
  id: string;
  title: string;
  count?: number;
  more?: { to: string; label: string };
  children: ReactNode;
}) => (
  <Box
    tag="section"
    aria-labelledby={`desk-${id}`}
    background="neutral0"
    hasRadius
    shadow="tableShadow"
    padding={5}
    height="100%"
  >
    <Flex justifyContent="space-between" alignItems="baseline" paddingBottom={3}>
      <Typography variant="delta" tag="h2" id={`desk-${id}`}>
        {title}
        {count !== undefined ? ` (${count})` : ''}
      </Typography>
      {more && (
        <Link tag={RouterLink} to={more.to}>
          {more.label}
        </Link>
      )}
    </Flex>
    {children}
  </Box>
);

const Empty = ({ children }: { children: ReactNode }) => (
  <Typography variant="omega" textColor="neutral600">
    {children}
  </Typography>
);

/**
 * The Newsroom home: the shift's desk. Incoming wire beside the stories in progress, what
 * waits for review, what is due next and what needs attention, read again every few seconds.
 * Each block is what this user may see (the server decides).
 */
export const DeskPage = () => {
  const t = useT();
  const { formatDate, formatRelativeTime } = useIntl();
  const api = useNewsroomApi();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const canTake = Boolean(useAllowed([TAKE])[TAKE]);
  const [desk, setDesk] = useState<Desk | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const load = useCallback(async () => setDesk((await api.desk()).data), [api]);
  usePolling(load, DESK_POLL_MS);

  const take = async (item: DeskWireItem) => {
    setBusy(item.id);
    try {
      const { data, meta } = await api.take(item.id);
      for (const warning of meta.warnings ?? [])
        toggleNotification({ type: 'warning', message: warning });
      navigate(articleUrl(data.article));
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  // Times in the editor's own time zone, as the browser knows it.
  const when = (iso: string) => formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
  const ago = (iso: string) => {
    const minutes = Math.round((Date.parse(iso) - Date.now()) / 60_000);
    return Math.abs(minutes) < 60
      ? formatRelativeTime(minutes, 'minute')
      : formatRelativeTime(Math.round(minutes / 60), 'hour');
  };
  const state = (story: DeskStory) => t(`state.${story.workflowState}`, story.workflowState);

  const stories = (list: DeskStory[], empty: string, note?: (story: DeskStory) => ReactNode) =>
    list.length ? (
      <Flex tag="ul" direction="column" alignItems="stretch" gap={2}>
        {list.map((story) => (
          <Box tag="li" key={`${story.documentId}:${story.locale}`}>
            <Link tag={RouterLink} to={articleUrl(story)}>
              {story.headline}
            </Link>
            <Flex gap={2} paddingTop={1} wrap="wrap">
              <Badge>{state(story)}</Badge>
              {story.lastMove && (
                <Typography variant="pi" textColor="neutral600">
                  {t('desk.lastMove', '{actor}: {action}, {when}', {
                    actor: story.lastMove.actorName,
                    action: t(`action.${story.lastMove.action}`, story.lastMove.action),
                    when: ago(story.lastMove.at),
                  })}
                </Typography>
              )}
              {note?.(story)}
            </Flex>
          </Box>
        ))}
      </Flex>
    ) : (
      <Empty>{empty}</Empty>
    );

  if (!desk)
    return (
      <Main aria-busy="true">
        <Box padding={8}>
          <Typography variant="alpha" tag="h1">
            {t('desk.title', 'Desk')}
          </Typography>
        </Box>
      </Main>
    );

  const attention = [
    ...desk.alerts.agencyAlerts.map((story) => ({
      story,
      text: t('desk.alert.agency', 'The agency has withdrawn its copy'),
    })),
    ...desk.alerts.wireUpdates.map((story) => ({
      story,
      text: t('desk.alert.update', 'A newer agency version is waiting'),
    })),
    ...desk.alerts.blocked.map((story) => ({
      story,
      text: t('desk.alert.blocked', 'Scheduled publication stopped by the rights guard'),
    })),
  ];

  return (
    <Main>
      <Box padding={8}>
        <Flex justifyContent="space-between" alignItems="baseline" paddingBottom={6} wrap="wrap">
          <Typography variant="alpha" tag="h1">
            {t('desk.title', 'Desk')}
          </Typography>
          <NewsroomViews />
        </Flex>
        <Grid.Root gap={5}>
          {desk.wire && (
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Block
                id="wire"
                title={t('desk.wire', 'Incoming wire')}
                count={desk.wire.newCount}
                more={{ to: 'wire', label: t('desk.more.wire', 'Open the inbox') }}
              >
                {desk.wire.items.length ? (
                  <Flex tag="ul" direction="column" alignItems="stretch" gap={2}>
                    {desk.wire.items.map((item) => (
                      <Flex tag="li" key={item.id} justifyContent="space-between" gap={2}>
                        <Box>
                          <Flex gap={2} wrap="wrap">
                            <UrgencyBadge urgency={item.urgency} />
                            <Typography fontWeight={item.flagged ? 'bold' : undefined}>
                              {item.headline}
                            </Typography>
                          </Flex>
                          <Typography variant="pi" textColor="neutral600">
                            {[item.agency?.name, when(item.receivedAt)].filter(Boolean).join(' · ')}
                          </Typography>
                        </Box>
                        {canTake && item.agencyStatus !== 'canceled' && (
                          <Button
                            size="S"
                            variant="secondary"
                            loading={busy === item.id}
                            disabled={busy !== null}
                            onClick={() => take(item)}
                            aria-label={t('desk.take', 'Take “{headline}”', {
                              headline: item.headline,
                            })}
                          >
                            {t('wire.take', 'Take')}
                          </Button>
                        )}
                      </Flex>
                    ))}
                  </Flex>
                ) : (
                  <Empty>{t('desk.wire.empty', 'No new wire copy')}</Empty>
                )}
              </Block>
            </Grid.Item>
          )}
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Block id="mine" title={t('desk.mine', 'My stories')}>
              {stories(desk.mine, t('desk.mine.empty', 'You have taken or moved no story yet'))}
            </Block>
          </Grid.Item>
          {desk.review && (
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Block
                id="review"
                title={t('desk.review', 'Waiting for review')}
                count={desk.review.count}
                more={{ to: 'board', label: t('desk.more.board', 'Open the board') }}
              >
                {stories(desk.review.items, t('desk.review.empty', 'Nothing waits for review'))}
              </Block>
            </Grid.Item>
          )}
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <Block id="due" title={t('desk.due', 'Due next')}>
              {stories(
                desk.due.map((due) => due.story),
                t('desk.due.empty', 'Nothing scheduled, no embargo lifting soon'),
                (story) => {
                  const due = desk.due.find((d) => d.story.documentId === story.documentId)!;
                  return (
                    <Typography variant="pi" textColor="neutral800">
                      {due.kind === 'scheduled'
                        ? t('desk.due.scheduled', 'Publishes {when}', { when: when(due.at) })
                        : t('desk.due.embargo', 'Embargo lifts {when}', { when: when(due.at) })}
                    </Typography>
                  );
                }
              )}
            </Block>
          </Grid.Item>
          <Grid.Item col={12} direction="column" alignItems="stretch">
            <Block id="alerts" title={t('desk.alerts', 'Needs attention')} count={attention.length}>
              {attention.length ? (
                <Flex tag="ul" direction="column" alignItems="stretch" gap={2}>
                  {attention.map(({ story, text }) => (
                    <Box tag="li" key={`${story.documentId}:${text}`}>
                      <Link tag={RouterLink} to={articleUrl(story)}>
                        {story.headline}
                      </Link>
                      <Typography variant="pi" textColor="danger600" tag="p">
                        {text}
                      </Typography>
                    </Box>
                  ))}
                </Flex>
              ) : (
                <Empty>{t('desk.alerts.empty', 'Nothing needs attention')}</Empty>
              )}
            </Block>
          </Grid.Item>
        </Grid.Root>
        <Box paddingTop={8}>
          <NewsroomCollections />
        </Box>
      </Box>
    </Main>
  );
};
