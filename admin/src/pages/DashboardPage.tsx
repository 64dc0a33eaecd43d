import { Box, Flex, Main, Typography } from '@strapi/design-system';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { useNewsroomApi, type Dashboard } from '../api/client';
import { useGuarded } from '../hooks/useGuarded';
import { useT } from '../utils/getTranslation';

const CHART_HEIGHT = 160;

/** Articles published per day over the last 30 days, and the median time from take to publication. */
export const DashboardPage = () => {
  const t = useT();
  const { formatDate, formatNumber } = useIntl();
  const api = useNewsroomApi();
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);

  const guarded = useGuarded();

  useEffect(() => {
    let current = true;
    void guarded(() => api.dashboard(30)).then(
      (loaded) => current && loaded && setDashboard(loaded)
    );
    return () => {
      current = false;
    };
  }, [api, guarded]);

  if (!dashboard) return null;
  const max = Math.max(1, ...dashboard.publishedPerDay.map((d) => d.count));
  const barWidth = 100 / dashboard.publishedPerDay.length;
  const median = dashboard.medianTakeToPublishMinutes;

  return (
    <Main>
      <Box padding={8}>
        <Typography variant="alpha" tag="h1">
          {t('dashboard.title', 'Newsroom dashboard')}
        </Typography>
        <Flex gap={6} paddingTop={6} paddingBottom={6}>
          <Box
            background="neutral0"
            shadow="tableShadow"
            hasRadius
            padding={4}
            data-testid="newsroom-published-total"
          >
            <Typography variant="sigma">
              {t('dashboard.published', 'Published, last 30 days')}
            </Typography>
            <Typography variant="alpha" tag="p">
              {formatNumber(dashboard.published)}
            </Typography>
          </Box>
          <Box
            background="neutral0"
            shadow="tableShadow"
            hasRadius
            padding={4}
            data-testid="newsroom-median"
          >
            <Typography variant="sigma">
              {t('dashboard.median', 'Median take → publish')}
            </Typography>
            <Typography variant="alpha" tag="p">
              {median === null
                ? '—'
                : median < 120
                  ? `${formatNumber(median)} min`
                  : `${formatNumber(Math.round((median / 60) * 10) / 10)} h`}
            </Typography>
          </Box>
        </Flex>
        <Box background="neutral0" shadow="tableShadow" hasRadius padding={4}>
          <Typography variant="sigma">
            {t('dashboard.perDay', 'Articles published per day')}
          </Typography>
          <Typography variant="pi" tag="p" textColor="neutral600">
            {t('dashboard.timeZone', 'Days as they fall in')} {dashboard.timeZone}
          </Typography>
          <svg
            role="img"
            aria-label={t('dashboard.perDay', 'Articles published per day')}
            viewBox={`0 0 100 ${CHART_HEIGHT / 4}`}
            preserveAspectRatio="none"
            style={{ width: '100%', height: CHART_HEIGHT, display: 'block', marginTop: 16 }}
            data-testid="newsroom-chart"
          >
            {dashboard.publishedPerDay.map((day, i) => {
              const h = (day.count / max) * (CHART_HEIGHT / 4 - 1);
              return (
                <rect
                  key={day.date}
                  x={i * barWidth + barWidth * 0.15}
                  width={barWidth * 0.7}
                  y={CHART_HEIGHT / 4 - h}
                  height={h}
                  fill="#4945ff"
                >
                  <title>
                    {formatDate(day.date, { dateStyle: 'medium', timeZone: 'UTC' })}: {day.count}
                  </title>
                </rect>
              );
            })}
          </svg>
          <Flex justifyContent="space-between" paddingTop={2}>
            <Typography variant="pi" textColor="neutral600">
              {formatDate(dashboard.publishedPerDay[0]?.date, {
                dateStyle: 'medium',
                timeZone: 'UTC',
              })}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {t('dashboard.utc', 'days in UTC')}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {formatDate(dashboard.publishedPerDay[dashboard.publishedPerDay.length - 1]?.date, {
                dateStyle: 'medium',
                timeZone: 'UTC',
              })}
            </Typography>
          </Flex>
        </Box>
      </Box>
    </Main>
  );
};
