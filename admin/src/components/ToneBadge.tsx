import { Badge, type BadgeProps } from '@strapi/design-system';

export type Tone = 'danger' | 'warning' | 'success' | 'secondary' | 'neutral';

/**
 * A badge with a tone and text that reads at 4.5:1 in the light and the dark theme. The design
 * system's own danger and warning variants put their 700 text on their 200 tone, under 4:1.
 * The words say what the tone says, so the colour is never the only sign.
 */
export const ToneBadge = ({
  tone,
  ...props
}: { tone: Tone } & Omit<BadgeProps, 'variant' | 'textColor' | 'backgroundColor'>) => (
  <Badge
    {...props}
    textColor="neutral800"
    backgroundColor={tone === 'neutral' ? 'neutral150' : `${tone}200`}
  />
);
