import { Lock } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { LockBadge } from '../api/client';
import { useT } from '../utils/getTranslation';
import { ToneBadge } from './ToneBadge';

/** Who has the article open for editing, on a board card or an inbox row. */
export const EditLockBadge = ({ lock }: { lock: LockBadge }) => {
  const t = useT();
  const { formatDate } = useIntl();
  const label = t('lock.badge', 'Being edited by {name} since {time}', {
    name: lock.holderName,
    time: formatDate(lock.since, { dateStyle: 'medium', timeStyle: 'short' }),
  });
  return (
    <ToneBadge
      tone="warning"
      role="img"
      title={label}
      aria-label={label}
      data-testid="newsroom-lock-badge"
    >
      <Lock
        aria-hidden
        focusable={false}
        width="1rem"
        height="1rem"
        style={{ verticalAlign: 'middle', marginRight: 4 }}
      />
      {lock.holderName}
    </ToneBadge>
  );
};
