import { Cast } from '@strapi/icons';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { styled } from 'styled-components';
import type { GetDeskCounts } from '../../../shared/contracts/desk';
import { getTranslation } from '../utils/getTranslation';

/** How often the menu reads its counts again. */
const COUNTS_POLL_MS = 30_000;

type Counts = GetDeskCounts.Response['data'];

/**
 * The menu's live counts: new wire items and stories waiting for this user. Strapi fixes a
 * menu link's badge when the link is registered, so the icon draws its own. A failed read (a
 * user without the newsroom, the server restarting) shows no badge, never an error.
 */
const useDeskCounts = () => {
  const { get } = useFetchClient();
  const [counts, setCounts] = useState<Counts | null>(null);
  useEffect(() => {
    let stopped = false;
    const read = () =>
      get<GetDeskCounts.Response>('/newsroom/desk/counts').then(
        (res) => !stopped && setCounts(res.data.data),
        () => !stopped && setCounts(null)
      );
    void read();
    const timer = setInterval(read, COUNTS_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [get]);
  return counts;
};

const Holder = styled.span`
  position: relative;
  display: inline-flex;
`;

/** The count over the icon, in the theme's colours (light and dark). */
const Count = styled.span`
  position: absolute;
  top: -0.6rem;
  right: -0.9rem;
  min-width: 1.6rem;
  padding: 0 0.3rem;
  border-radius: 0.8rem;
  background: ${({ theme }) => theme.colors.danger600};
  color: #ffffff;
  font-size: 1rem;
  line-height: 1.6rem;
  font-weight: 600;
  text-align: center;
`;

/** The newsroom's menu icon: copy coming in on the wire, with what waits on the desk. */
export const NewsroomIcon = () => {
  const { formatMessage } = useIntl();
  const counts = useDeskCounts();
  const total = (counts?.newWire ?? 0) + (counts?.waitingForMe ?? 0);
  const label = counts
    ? formatMessage(
        {
          id: getTranslation('menu.counts'),
          defaultMessage:
            '{newWire, plural, one {# new wire item} other {# new wire items}}, {waiting, plural, one {# story waits for you} other {# stories wait for you}}',
        },
        { newWire: counts.newWire ?? 0, waiting: counts.waitingForMe }
      )
    : undefined;
  return (
    <Holder>
      <Cast />
      {total > 0 && (
        <Count data-testid="newsroom-menu-count" title={label} aria-label={label} role="status">
          {total > 99 ? '99+' : total}
        </Count>
      )}
    </Holder>
  );
};
