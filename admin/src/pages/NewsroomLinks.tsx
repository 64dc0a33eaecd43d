import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import { useAllowed } from '../hooks/useAllowed';
import { getTranslation } from '../utils/getTranslation';

const MANAGE_FEEDS = 'plugin::newsroom.feeds.manage';
const MANAGE_SUBSCRIBERS = 'plugin::newsroom.subscribers.manage';

/** Collections of the newsroom, opened in the Content Manager. */
const COLLECTIONS = [
  { uid: 'plugin::newsroom.article', key: 'collections.articles', fallback: 'Articles' },
  { uid: 'plugin::newsroom.wire-item', key: 'collections.wireItems', fallback: 'Wire items' },
  { uid: 'plugin::newsroom.agency', key: 'collections.agencies', fallback: 'Agencies' },
  { uid: 'plugin::newsroom.rubric', key: 'collections.rubrics', fallback: 'Rubrics' },
  {
    uid: 'plugin::newsroom.workflow-event',
    key: 'collections.workflowEvents',
    fallback: 'Workflow history',
  },
];

/** The newsroom's own views, as links (feeds and subscribers for those who manage them). */
export const NewsroomViews = () => {
  const { formatMessage } = useIntl();
  const allowed = useAllowed([MANAGE_FEEDS, MANAGE_SUBSCRIBERS]);
  const t = (id: string, defaultMessage: string) =>
    formatMessage({ id: getTranslation(id), defaultMessage });
  const views = [
    { to: 'wire', label: t('wire.title', 'Wire inbox') },
    { to: 'board', label: t('board.title', 'Workflow board') },
    { to: 'dashboard', label: t('dashboard.title', 'Newsroom dashboard') },
    { to: 'renditions', label: t('renditions.title', 'Image renditions') },
    ...(allowed[MANAGE_FEEDS] ? [{ to: 'feeds', label: t('feeds.title', 'Feeds') }] : []),
    ...(allowed[MANAGE_SUBSCRIBERS]
      ? [{ to: 'subscribers', label: t('subscribers.title', 'Subscribers') }]
      : []),
  ];
  return (
    <Flex tag="nav" aria-label={t('desk.views', 'Newsroom views')} gap={4} wrap="wrap">
      {views.map(({ to, label }) => (
        <Link key={to} tag={RouterLink} to={to}>
          {label}
        </Link>
      ))}
    </Flex>
  );
};

/** The newsroom's collections, opened in the Content Manager. */
export const NewsroomCollections = () => {
  const { formatMessage } = useIntl();
  return (
    <Box tag="section" aria-labelledby="newsroom-collections">
      <Box paddingBottom={2}>
        <Typography variant="delta" tag="h2" id="newsroom-collections">
          {formatMessage({
            id: getTranslation('home.subtitle'),
            defaultMessage: 'Wire copy, articles and their editorial history',
          })}
        </Typography>
      </Box>
      <Flex gap={4} wrap="wrap">
        {COLLECTIONS.map(({ uid, key, fallback }) => (
          <Link key={uid} tag={RouterLink} to={`/content-manager/collection-types/${uid}`}>
            {formatMessage({ id: getTranslation(key), defaultMessage: fallback })}
          </Link>
        ))}
      </Flex>
    </Box>
  );
};
