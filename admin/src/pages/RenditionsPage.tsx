import { useNotification } from '@strapi/strapi/admin';
import { Box, Button, Flex, Main, ProgressBar, Typography } from '@strapi/design-system';
import { useCallback, useState } from 'react';
import { errorMessage, useNewsroomApi, type RenditionStatus } from '../api/client';
import { useAllowed } from '../hooks/useAllowed';
import { usePolling } from '../hooks/useGuarded';
import { useT } from '../utils/getTranslation';

const POLL_MS = 2000;
const REGENERATE = 'plugin::newsroom.renditions.regenerate';

/** The rendition plan, the work queue, and regeneration of every image with its progress. */
export const RenditionsPage = () => {
  const t = useT();
  const api = useNewsroomApi();
  const { toggleNotification } = useNotification();
  const canRegenerate = useAllowed([REGENERATE])[REGENERATE];
  const [status, setStatus] = useState<RenditionStatus | null>(null);

  const load = useCallback(() => api.renditions().then(setStatus), [api]);
  usePolling(load, POLL_MS);

  const regenerate = async () => {
    try {
      await api.regenerate();
      await load();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  if (!status) return null;
  const run = status.run;
  const percent = run && run.total ? Math.round(((run.done + run.failed) / run.total) * 100) : 0;

  return (
    <Main>
      <Box padding={8}>
        <Typography variant="alpha" tag="h1">
          {t('renditions.title', 'Image renditions')}
        </Typography>
        <Box paddingTop={4}>
          <Typography tag="p">
            {t('renditions.widths', 'Widths')}: {status.plan.widths.join(', ')} ·{' '}
            {t('renditions.crops', 'Crops')}: {Object.keys(status.plan.crops).join(', ')} ·{' '}
            {t('renditions.formats', 'Formats')}: {status.plan.formats.join(', ')}
          </Typography>
          <Typography tag="p" textColor="neutral600">
            {t('renditions.queue', 'Waiting')}: {status.queue.pending} ·{' '}
            {t('renditions.running', 'Rendering')}: {status.queue.running} ·{' '}
            {t('renditions.failed', 'Failed')}: {status.queue.failed}
          </Typography>
        </Box>
        <Box paddingTop={6} data-testid="newsroom-regeneration">
          {run && (
            <Flex direction="column" alignItems="stretch" gap={2} paddingBottom={4}>
              <Typography fontWeight="bold">
                {run.finished
                  ? t('renditions.finished', 'Last regeneration finished')
                  : t('renditions.inProgress', 'Regenerating')}
                : {run.done + run.failed} / {run.total}
                {run.failed ? ` (${run.failed} ${t('renditions.failedShort', 'failed')})` : ''}
              </Typography>
              <ProgressBar
                value={percent}
                size="M"
                aria-label={`${percent}%`}
                style={{ width: '100%', maxWidth: 480 }}
              />
            </Flex>
          )}
          {canRegenerate && (
            <Button onClick={regenerate} disabled={Boolean(run && !run.finished)}>
              {t('renditions.regenerate', 'Regenerate all renditions')}
            </Button>
          )}
        </Box>
      </Box>
    </Main>
  );
};
