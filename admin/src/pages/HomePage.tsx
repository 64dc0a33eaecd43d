import { Box, Flex, Link, Main, Typography } from '@strapi/design-system';
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

export const HomePage = () => {
  const { formatMessage } = useIntl();
  const allowed = useAllowed([MANAGE_FEEDS, MANAGE_SUBSCRIBERS]);
  return (
    <Main>
      <Box padding={8}>
        <Typography variant="alpha" tag="h1">
          {formatMessage({ id: getTranslation('plugin.name'), defaultMessage: 'Newsroom' })}
        </Typography>
        <Box paddingTop={2} paddingBottom={6}>
          <Typography variant="epsilon" textColor="neutral600">
            {formatMessage({
              id: getTranslation('home.subtitle'),
              defaultMessage: 'Wire copy, articles and their editorial history',
            })}
          </Typography>
        </Box>
        <Flex gap={3} paddingBottom={6}>
          <Link tag={RouterLink} to="wire">
            {formatMessage({ id: getTranslation('wire.title'), defaultMessage: 'Wire inbox' })}
          </Link>
          <Link tag={RouterLink} to="board">
            {formatMessage({ id: getTranslation('board.title'), defaultMessage: 'Workflow board' })}
          </Link>
          <Link tag={RouterLink} to="dashboard">
            {formatMessage({
              id: getTranslation('dashboard.title'),
              defaultMessage: 'Newsroom dashboard',
            })}
          </Link>
          <Link tag={RouterLink} to="renditions">
            {formatMessage({
              id: getTranslation('renditions.title'),
              defaultMessage: 'Image renditions',
            })}
          </Link>
          {allowed[MANAGE_FEEDS] && (
            <Link tag={RouterLink} to="feeds">
              {formatMessage({ id: getTranslation('feeds.title'), defaultMessage: 'Feeds' })}
            </Link>
          )}
          {allowed[MANAGE_SUBSCRIBERS] && (
            <Link tag={RouterLink} to="subscribers">
              {formatMessage({
                id: getTranslation('subscribers.title'),
                defaultMessage: 'Subscribers',
              })}
            </Link>
          )}
        </Flex>
        <Flex direction="column" alignItems="stretch" gap={3}>
          {COLLECTIONS.map(({ uid, key, fallback }) => (
            <Box key={uid} background="neutral0" hasRadius shadow="tableShadow" padding={4}>
              <Link tag={RouterLink} to={`/content-manager/collection-types/${uid}`}>
                {formatMessage({ id: getTranslation(key), defaultMessage: fallback })}
              </Link>
            </Box>
          ))}
        </Flex>
      </Box>
    </Main>
  );
};
