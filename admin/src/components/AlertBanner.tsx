import { Box, Flex, Typography } from '@strapi/design-system';
import type { ReactNode } from 'react';

interface AlertBannerProps {
  variant: 'danger' | 'warning';
  title: string;
  children?: ReactNode;
  'data-testid'?: string;
}

/**
 * A loud box that stays until what it reports is settled: unlike the design system's Alert it
 * has no close button, since hiding an agency kill or a failing feed settles nothing.
 */
export const AlertBanner = ({ variant, title, children, ...rest }: AlertBannerProps) => (
  <Box
    background={`${variant}100`}
    borderColor={`${variant}600`}
    borderStyle="solid"
    borderWidth="0 0 0 4px"
    hasRadius
    padding={4}
    role={variant === 'danger' ? 'alert' : 'status'}
    data-variant={variant}
    {...rest}
  >
    <Flex direction="column" alignItems="stretch" gap={1}>
      <Typography fontWeight="bold" textColor={variant === 'danger' ? 'danger700' : 'neutral800'}>
        {title}
      </Typography>
      {children}
    </Flex>
  </Box>
);
