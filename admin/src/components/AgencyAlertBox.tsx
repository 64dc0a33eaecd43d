import { useNotification } from '@strapi/strapi/admin';
import { Button, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { errorMessage, useNewsroomApi, type AgencyAlert } from '../api/client';
import { useAllowed } from '../hooks/useAllowed';
import { useT } from '../utils/getTranslation';
import { AlertBanner } from './AlertBanner';

const CLEAR = 'plugin::newsroom.agency-alert.clear';

/**
 * The agency's kill or withhold of the story, in red on the article, and for those who may
 * decide on it, clearing it with a note (kept in the history).
 */
export const AgencyAlertBox = ({
  alert,
  documentId,
  onCleared,
}: {
  alert: AgencyAlert;
  documentId: string;
  onCleared: () => void;
}) => {
  const t = useT();
  const { formatDate } = useIntl();
  const api = useNewsroomApi();
  const { toggleNotification } = useNotification();
  const canClear = Boolean(useAllowed([CLEAR])[CLEAR]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const clear = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.clearAgencyAlert(documentId, note.trim());
      toggleNotification({
        type: 'success',
        message: t('alert.cleared', 'The agency alert is cleared'),
      });
      onCleared();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AlertBanner
      variant="danger"
      title={
        alert.status === 'canceled'
          ? t('alert.killed', 'The agency has killed this story')
          : t('alert.withheld', 'The agency has withheld this story')
      }
      data-testid="newsroom-agency-alert"
    >
      {alert.notice && (
        <Typography variant="pi" tag="p">
          {t('alert.notice', 'Agency notice')}: {alert.notice}
        </Typography>
      )}
      <Typography variant="pi" tag="p" textColor="neutral700">
        {t('wire.received', 'Received')}{' '}
        {formatDate(alert.receivedAt, { dateStyle: 'medium', timeStyle: 'short' })}
        {alert.matchBy === 'headline' &&
          ` · ${t('alert.byHeadline', 'matched by headline, not by the story id')}`}
      </Typography>
      {canClear && (
        <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
          <Field.Root required error={error ?? undefined}>
            <Field.Label>{t('alert.clearNote', 'Why it may run after all')}</Field.Label>
            <Textarea
              value={note}
              onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)}
            />
            <Field.Error />
          </Field.Root>
          <Button
            size="S"
            variant="danger-light"
            loading={busy}
            disabled={!note.trim()}
            onClick={clear}
          >
            {t('alert.clear', 'Clear with a note')}
          </Button>
        </Flex>
      )}
    </AlertBanner>
  );
};
