import { useAuth } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';

/**
 * Which of the given admin actions the current user may perform.
 *
 * Strapi's `useRBAC` checks once, on the first render: a page opened directly (a reload,
 * a bookmarked URL) can render before the user's permissions have arrived and then keeps
 * "not allowed" for good. This re-checks whenever the permissions change, through the
 * same check (RBAC middleware and conditions included).
 */
export const useAllowed = <A extends string>(
  actions: readonly A[]
): Partial<Record<A, boolean>> => {
  const permissions = useAuth('Newsroom', (state) => state.permissions);
  const check = useAuth('Newsroom', (state) => state.checkUserHasPermissions);
  const [allowed, setAllowed] = useState<Partial<Record<A, boolean>>>({});
  const key = actions.join('\n');

  useEffect(() => {
    let current = true;
    const wanted = (key ? key.split('\n') : []) as A[];
    check(wanted.map((action) => ({ action, subject: null })))
      .then((granted) => {
        if (!current) return;
        const actionsGranted = new Set(granted.map((permission) => permission.action));
        setAllowed(
          Object.fromEntries(
            wanted.map((action) => [action, actionsGranted.has(action)])
          ) as Partial<Record<A, boolean>>
        );
      })
      .catch(() => current && setAllowed({}));
    return () => {
      current = false;
    };
  }, [permissions, check, key]);

  return allowed;
};
