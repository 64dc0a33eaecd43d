import { ToneBadge } from './ToneBadge';
import { useT } from '../utils/getTranslation';

/**
 * The agency's urgency when it asks for attention: 1 is a flash, 2 and 3 urgent; 4 to 9 and
 * none show nothing. Said in words, not by colour alone.
 */
export const UrgencyBadge = ({ urgency }: { urgency: number | null }) => {
  const t = useT();
  if (urgency === null || urgency < 1 || urgency > 3) return null;
  const flash = urgency === 1;
  return (
    <ToneBadge
      tone={flash ? 'danger' : 'warning'}
      title={t('wire.urgency', 'Agency urgency {urgency} (1 is a flash, 9 the least)', { urgency })}
      data-testid="newsroom-urgency"
    >
      {flash ? t('wire.urgency.flash', 'Flash') : t('wire.urgency.urgent', 'Urgent')}
    </ToneBadge>
  );
};
