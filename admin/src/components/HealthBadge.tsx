import { Box, Flex } from '@strapi/design-system';
import type { HealthLight } from '../api/client';
import { useT } from '../utils/getTranslation';
import { ToneBadge, type Tone } from './ToneBadge';

const TONE: Record<HealthLight, Tone> = {
  green: 'success',
  amber: 'warning',
  red: 'danger',
  off: 'neutral',
};
const DOT: Record<HealthLight, string> = {
  green: 'success600',
  amber: 'warning600',
  red: 'danger600',
  off: 'neutral400',
};
const LABEL: Record<HealthLight, string> = {
  green: 'Healthy',
  amber: 'Needs a look',
  red: 'Failing',
  off: 'Off',
};

/** A feed's health light: a coloured dot and its word, so the colour is never the only sign. */
export const HealthBadge = ({ light }: { light: HealthLight }) => {
  const t = useT();
  return (
    <ToneBadge tone={TONE[light]} data-testid="newsroom-feed-light" data-light={light}>
      <Flex tag="span" gap={1}>
        <Box
          tag="span"
          aria-hidden
          width="0.8rem"
          height="0.8rem"
          background={DOT[light]}
          style={{ borderRadius: '50%', display: 'inline-block' }}
        />
        {t(`feeds.light.${light}`, LABEL[light])}
      </Flex>
    </ToneBadge>
  );
};
