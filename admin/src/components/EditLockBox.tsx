import { useNotification } from '@strapi/strapi/admin';
import { Button, Flex, Typography } from '@strapi/design-system';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { errorMessage, type ContentEdit } from '../api/client';
import type { EditLockView } from '../hooks/useEditLock';
import { useT } from '../utils/getTranslation';
import { AlertBanner } from './AlertBanner';

/**
 * What the edit lock says about this tab: someone else edits the article, took it over from
 * this tab, or saved it after this form was loaded. Each of these disables Save and the
 * workflow actions; the box says why, and offers to take over or reload.
 */
export const EditLockBox = ({ lock }: { lock: EditLockView }) => {
  const t = useT();
  const { formatDate } = useIntl();
  const when = (iso: string) => formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
  const savedValues = (edit: ContentEdit) => ({
    actorName: edit.actorName,
    time: when(edit.at),
    fields: edit.fields.join(', ') || '—',
  });
  const { state, takenOver } = lock;
  if (!state && !takenOver) return null;

  const heldElsewhere = !takenOver && state && !state.mine ? state.lock : null;
  // Newest first: the banner names the latest save, then any before it.
  const edits = [...(state?.editsSince ?? [])].sort((a, b) => b.version - a.version);
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      {takenOver && (
        <AlertBanner
          variant="danger"
          title={t(
            'lock.takenOver',
            '{by} took over editing at {time}. Your unsaved changes cannot be saved; copy them and reload.',
            { by: takenOver.by, time: when(takenOver.at) }
          )}
          data-testid="newsroom-lock-banner"
        >
          <Flex gap={2} paddingTop={1} wrap="wrap">
            {state?.canTakeOver && <TakeOver lock={lock} holderName={takenOver.by} />}
            <ReloadButton />
          </Flex>
        </AlertBanner>
      )}
      {state && heldElsewhere && (
        <AlertBanner
          variant="warning"
          title={
            state.sameUser
              ? t('lock.sameUser', 'You have this article open in another tab or window.')
              : t(
                  'lock.lockedBy',
                  'Locked by {name} since {time}. Save and the workflow actions are disabled.',
                  { name: heldElsewhere.holder.name, time: when(heldElsewhere.since) }
                )
          }
          data-testid="newsroom-lock-banner"
        >
          {state.sameUser && (
            <Typography variant="pi" tag="p">
              {t('lock.sameUserHint', 'Save and the workflow actions are disabled here.')}
            </Typography>
          )}
          {state.canTakeOver && <TakeOver lock={lock} holderName={heldElsewhere.holder.name} />}
        </AlertBanner>
      )}
      {edits.length > 0 && (
        <AlertBanner
          variant="warning"
          title={t(
            'lock.stale',
            'Saved meanwhile by {actorName} at {time}: {fields}. Your save would be refused; reload to see the changes.',
            savedValues(edits[0])
          )}
          data-testid="newsroom-stale-banner"
        >
          {edits.slice(1).map((edit) => (
            <Typography key={edit.version} variant="pi" tag="p">
              {t(
                'lock.savedBefore',
                'Before that, by {actorName} at {time}: {fields}.',
                savedValues(edit)
              )}
            </Typography>
          ))}
          <Flex paddingTop={1}>
            <ReloadButton />
          </Flex>
        </AlertBanner>
      )}
    </Flex>
  );
};

/** Take over with a second click: the holder's unsaved changes are lost to them. */
const TakeOver = ({ lock, holderName }: { lock: EditLockView; holderName: string }) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const takeOver = async () => {
    setBusy(true);
    try {
      await lock.takeOver();
      setConfirming(false);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  if (!confirming)
    return (
      <Flex paddingTop={1}>
        <Button
          size="S"
          variant="secondary"
          onClick={() => setConfirming(true)}
          data-testid="newsroom-take-over"
        >
          {t('lock.takeOver', 'Take over')}
        </Button>
      </Flex>
    );
  return (
    <Flex direction="column" alignItems="stretch" gap={2} paddingTop={1}>
      <Typography variant="pi" tag="p" fontWeight="bold">
        {t(
          'lock.takeOverConfirm',
          '{name} will no longer be able to save their unsaved changes. Take over editing?',
          { name: holderName }
        )}
      </Typography>
      <Flex gap={2}>
        <Button
          size="S"
          variant="danger-light"
          loading={busy}
          onClick={takeOver}
          data-testid="newsroom-take-over-confirm"
        >
          {t('lock.takeOverYes', 'Take over editing')}
        </Button>
        <Button size="S" variant="tertiary" disabled={busy} onClick={() => setConfirming(false)}>
          {t('panel.cancel', 'Cancel')}
        </Button>
      </Flex>
    </Flex>
  );
};

const ReloadButton = () => {
  const t = useT();
  return (
    <Button size="S" variant="secondary" onClick={() => window.location.reload()}>
      {t('lock.reload', 'Reload')}
    </Button>
  );
};
