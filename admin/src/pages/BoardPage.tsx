import { Badge, Box, Flex, Main, Typography } from '@strapi/design-system';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import { useNewsroomApi, type BoardColumn } from '../api/client';
import { getTranslation } from '../utils/getTranslation';

/** The workflow board: a column per state, with counts and the latest cards. */
export const BoardPage = () => {
  const { formatMessage, formatDate } = useIntl();
  const api = useNewsroomApi();
  const [columns, setColumns] = useState<BoardColumn[]>([]);

  useEffect(() => {
    api.board({}).then(setColumns);
  }, []);

  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });
  const when = (iso: string) => formatDate(iso, { dateStyle: 'medium', timeStyle: 'short', timeZoneName: 'short' });

  return (
    <Main>
      <Box padding={8}>
        <Typography variant="alpha" tag="h1">
          {t('board.title', 'Workflow board')}
        </Typography>
        <Flex gap={4} alignItems="flex-start" paddingTop={6} style={{ overflowX: 'auto' }}>
          {columns.map((column) => (
            <Box key={column.state} minWidth="220px" background="neutral100" hasRadius padding={3}>
              <Flex justifyContent="space-between" paddingBottom={3}>
                <Typography variant="sigma">{t(`state.${column.state}`, column.state)}</Typography>
                <Badge>{column.count}</Badge>
              </Flex>
              <Flex direction="column" alignItems="stretch" gap={2}>
                {column.cards.map((card) => (
                  <Box key={card.documentId} background="neutral0" hasRadius shadow="tableShadow" padding={3}>
                    <Link to={`/content-manager/collection-types/plugin::newsroom.article/${card.documentId}?plugins[i18n][locale]=${card.locale}`}>
                      <Typography fontWeight="bold">{card.headline ?? t('board.untitled', 'Untitled')}</Typography>
                    </Link>
                    {card.rubric && <Typography variant="pi" tag="p" textColor="neutral600">{card.rubric.name}</Typography>}
                    {card.lastMove && (
                      <Typography variant="pi" tag="p" textColor="neutral600">
                        {card.lastMove.actorName} · {card.lastMove.action}
                      </Typography>
                    )}
                    {card.scheduledAt && <Typography variant="pi" tag="p">{t('board.scheduledFor', 'Scheduled for')} {when(card.scheduledAt)}</Typography>}
                    {card.embargoUntil && <Typography variant="pi" tag="p">{t('board.embargo', 'Embargo until')} {when(card.embargoUntil)}</Typography>}
                  </Box>
                ))}
              </Flex>
            </Box>
          ))}
        </Flex>
      </Box>
    </Main>
  );
};
