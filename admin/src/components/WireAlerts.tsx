import { Flex, Link, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { Link as RouterLink } from 'react-router-dom';
import type { AgencyAlertView, WireAlerts as Alerts } from '../api/client';
import { useT } from '../utils/getTranslation';
import { AlertBanner } from './AlertBanner';

const articleUrl = (alert: AgencyAlertView) =>
  `/content-manager/collection-types/plugin::newsroom.article/${alert.documentId}?plugins[i18n][locale]=${alert.locale}`;

/** The top of the wire inbox: agency kills and withholds first, then feeds that need a look. */
export const WireAlerts = ({ alerts }: { alerts: Alerts | null }) => {
  const t = useT();
  const { formatDate } = useIntl();
  if (!alerts) return null;
  const feeds = alerts.feeds.filter((feed) => feed.light === 'red' || feed.light === 'amber');
  if (!alerts.agencyAlerts.length && !feeds.length) return null;
  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={2}
      paddingBottom={4}
      data-testid="newsroom-wire-alerts"
    >
      {alerts.agencyAlerts.map((alert) => (
        <AlertBanner
          key={`${alert.documentId}:${alert.locale}`}
          variant="danger"
          title={`${
            alert.status === 'canceled'
              ? t('alert.killed', 'The agency has killed this story')
              : t('alert.withheld', 'The agency has withheld this story')
          }: ${alert.headline ?? t('board.untitled', 'Untitled')}`}
          data-testid="newsroom-agency-alert"
        >
          <Typography variant="pi">
            {[
              alert.agency,
              formatDate(alert.receivedAt, { dateStyle: 'medium', timeStyle: 'short' }),
              t(`state.${alert.workflowState}`, alert.workflowState),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography>
          {alert.notice && (
            <Typography tag="p">
              {t('alert.notice', 'Agency notice')}: {alert.notice}
            </Typography>
          )}
          <Link tag={RouterLink} to={articleUrl(alert)}>
            {t('alert.openArticle', 'Open the article')}
          </Link>
        </AlertBanner>
      ))}
      {feeds.map((feed) => (
        <AlertBanner
          key={feed.id}
          variant={feed.light === 'red' ? 'danger' : 'warning'}
          title={`${t('alert.feed', 'Feed')} ${feed.name}: ${t(`feeds.light.${feed.light}`, feed.light)}`}
          data-testid="newsroom-feed-alert"
        >
          {feed.alerts.map((line) => (
            <Typography key={line} tag="p" variant="pi">
              {line}
            </Typography>
          ))}
        </AlertBanner>
      ))}
    </Flex>
  );
};
