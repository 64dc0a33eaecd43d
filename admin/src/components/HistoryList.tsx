import { Box, Flex, Typography } from '@strapi/design-system';
import type { HistoryEvent } from '../api/client';
import { useT } from '../utils/getTranslation';

/** The article's workflow history, newest first, as the panel lists it. */
export const HistoryList = ({
  history,
  when,
}: {
  history: HistoryEvent[];
  when: (iso: string) => string;
}) => {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="newsroom-history">
      {history.map((event) => (
        <Box key={event.id}>
          <Typography variant="pi" fontWeight="bold">
            {t(`action.${event.action}`, event.action)}
          </Typography>
          <Typography variant="pi" tag="p" textColor="neutral600">
            {event.actorName ?? '—'} · {when(event.at)}
          </Typography>
          {event.note && (
            <Typography variant="pi" tag="p">
              “{event.note}”
            </Typography>
          )}
        </Box>
      ))}
      {history.length === 0 && (
        <Typography variant="pi" textColor="neutral600">
          {t('panel.noHistory', 'No workflow steps yet.')}
        </Typography>
      )}
    </Flex>
  );
};
