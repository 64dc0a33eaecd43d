import { useAuth } from '@strapi/strapi/admin';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorStatus, useNewsroomApi, type LockState } from '../api/client';
import { lockKey, setLockStatus, TAB_SESSION } from '../locks';

/** How soon to try again after a heartbeat failed before any answer said how often to beat. */
const RETRY_SECONDS = 15;

/** Releases still on their way, per article locale: taking the lock again waits for them. */
const releases = new Map<string, Promise<unknown>>();

export interface EditLockView {
  /** The server's last answer, or null before the first one. */
  state: LockState | null;
  /** Who took the lock from this tab; the tab then stops taking it by itself. */
  takenOver: LockState['takenOver'];
  /** Save and the workflow actions would be refused or would overwrite someone's work. */
  blocked: boolean;
  takeOver: () => Promise<void>;
}

/**
 * Holds the article's edit lock while the panel is open: takes it, renews it every
 * `heartbeatSeconds`, and lets it go when the panel closes or the page goes away. `since` is
 * the content version the form was loaded with, so the answer names the saves made since.
 */
export const useEditLock = (
  documentId: string,
  locale: string | undefined,
  since: number | undefined
): EditLockView => {
  const api = useNewsroomApi();
  const token = useAuth('NewsroomEditLock', (state) => state.token);
  const [state, setState] = useState<LockState | null>(null);
  const [takenOver, setTakenOver] = useState<LockState['takenOver']>(null);
  const key = lockKey(documentId, locale);
  const sinceRef = useRef(since);
  sinceRef.current = since;
  const tokenRef = useRef(token);
  tokenRef.current = token;
  /** Set once someone took the lock from this tab: from then on it only looks. */
  const stopped = useRef(false);
  const held = useRef(false);
  /** Moves on with a take-over, so an answer asked for before it is not taken for news. */
  const epoch = useRef(0);
  const beatRef = useRef<(() => Promise<void>) | null>(null);

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let every = RETRY_SECONDS;
    stopped.current = false;
    held.current = false;
    setState(null);
    setTakenOver(null);

    const beat = async () => {
      clearTimeout(timer);
      await releases.get(key);
      const asked = epoch.current;
      try {
        const next = stopped.current
          ? await api.lock(documentId, locale, TAB_SESSION, sinceRef.current)
          : await api.keepLock(documentId, locale, TAB_SESSION, sinceRef.current);
        if (!alive) return;
        if (asked !== epoch.current) return; // the take-over's own beat answers instead
        if (next.takenOver) {
          stopped.current = true;
          setTakenOver(next.takenOver);
        }
        held.current = next.mine;
        every = next.heartbeatSeconds;
        setState(next);
      } catch (error) {
        if (!alive) return;
        const status = errorStatus(error);
        // A refusal (no right to edit articles) will not change by asking again; the server guards saves itself.
        if (status && status >= 400 && status < 500 && status !== 408 && status !== 429) {
          setState(null);
          return;
        }
      }
      clearTimeout(timer);
      timer = setTimeout(() => void beat(), every * 1000);
    };
    beatRef.current = beat;
    void beat();

    // Timers of a hidden tab are slowed down: renew as soon as the editor is back.
    const onVisible = () => {
      if (document.visibilityState === 'visible') void beat();
    };
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) void beat();
    };
    const onPageHide = () => {
      if (held.current) releaseOnUnload(documentId, locale, tokenRef.current);
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('pageshow', onPageShow);
    window.addEventListener('pagehide', onPageHide);

    return () => {
      alive = false;
      clearTimeout(timer);
      beatRef.current = null;
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('pageshow', onPageShow);
      window.removeEventListener('pagehide', onPageHide);
      setLockStatus(key, null);
      if (held.current) {
        held.current = false;
        const release = api
          .releaseLock(documentId, locale, TAB_SESSION)
          .catch(() => undefined) // the lock lapses by itself after its ttl
          .finally(() => {
            if (releases.get(key) === release) releases.delete(key);
          });
        releases.set(key, release);
      }
    };
  }, [api, documentId, locale, key]);

  // A save moves the form onto a newer content version: ask again at once, so a stale banner goes.
  const lastSince = useRef(since);
  useEffect(() => {
    if (lastSince.current === since) return;
    lastSince.current = since;
    void beatRef.current?.();
  }, [since]);

  const blocked = Boolean(
    takenOver || (state && ((!state.mine && state.lock) || state.editsSince.length > 0))
  );

  useEffect(() => {
    setLockStatus(key, state || takenOver ? { holding: !blocked } : null);
  }, [key, state, takenOver, blocked]);

  const takeOver = useCallback(async () => {
    const next = await api.takeOverLock(documentId, locale, TAB_SESSION);
    epoch.current += 1;
    stopped.current = false;
    held.current = next.mine;
    setTakenOver(null);
    setState(next);
    // Back on the heartbeat, at its pace.
    void beatRef.current?.();
  }, [api, documentId, locale]);

  return { state, takenOver, blocked, takeOver };
};

/**
 * Lets the lock go as the page goes away. The admin's fetch client does not outlive the page;
 * a keepalive request does. Best effort: the lock also lapses by itself.
 */
const releaseOnUnload = (documentId: string, locale: string | undefined, token: string | null) => {
  const backendURL =
    (window as unknown as { strapi?: { backendURL?: string } }).strapi?.backendURL ?? '';
  const query = new URLSearchParams({ session: TAB_SESSION, ...(locale ? { locale } : {}) });
  void fetch(
    `${backendURL}/newsroom/articles/${encodeURIComponent(documentId)}/lock?${query.toString()}`,
    {
      method: 'DELETE',
      keepalive: true,
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    }
  ).catch(() => undefined);
};
