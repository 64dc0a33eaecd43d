import { useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useRef } from 'react';
import { errorMessage } from '../api/client';

/**
 * Runs an admin API call and turns its failure into a notification with the server's
 * message, so no page leaves a rejected request unhandled. Resolves to undefined on failure.
 */
export const useGuarded = () => {
  const { toggleNotification } = useNotification();
  return useCallback(
    async <T>(call: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await call();
      } catch (error) {
        toggleNotification({ type: 'danger', message: errorMessage(error) });
        return undefined;
      }
    },
    [toggleNotification]
  );
};

/**
 * Calls `load` now and every `intervalMs` while the page is open. A failure is notified once,
 * not on every tick, until a load succeeds again.
 */
export const usePolling = (load: () => Promise<unknown>, intervalMs: number) => {
  const { toggleNotification } = useNotification();
  const failing = useRef(false);
  useEffect(() => {
    const tick = () =>
      load().then(
        () => {
          failing.current = false;
        },
        (error: unknown) => {
          if (!failing.current)
            toggleNotification({ type: 'danger', message: errorMessage(error) });
          failing.current = true;
        }
      );
    void tick();
    const timer = setInterval(tick, intervalMs);
    return () => clearInterval(timer);
  }, [load, intervalMs, toggleNotification]);
};
