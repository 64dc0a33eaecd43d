import { useSyncExternalStore } from 'react';

/**
 * Whether this tab may save an article locale, as its edit lock says. The Newsroom panel
 * learns it from the heartbeat; the Content Manager's Save button, a separate component
 * tree, reads it here.
 */
export interface LockStatus {
  /** This tab holds the lock and its form is built on the stored content version. */
  holding: boolean;
}

/** This page load's lock session. Not kept in sessionStorage: a duplicated tab copies it. */
export const TAB_SESSION = (() => {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes); // randomUUID needs a secure context; an admin over plain http has none
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
})();

export const lockKey = (documentId: string, locale?: string | null) =>
  `${documentId}:${locale ?? ''}`;

/** The article's locale as the edit view shows it: the document's, else the one in the address. */
export const articleLocale = (document?: { locale?: string | null } | null) =>
  document?.locale ??
  new URLSearchParams(window.location.search).get('plugins[i18n][locale]') ??
  undefined;

const statuses = new Map<string, LockStatus>();
const listeners = new Set<() => void>();

export const setLockStatus = (key: string, status: LockStatus | null) => {
  if (statuses.get(key)?.holding === status?.holding) return;
  if (status) statuses.set(key, status);
  else statuses.delete(key);
  listeners.forEach((listener) => listener());
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

/** The lock status of an article locale, or null while no panel has heard from the server. */
export const useLockStatus = (key: string | null) =>
  useSyncExternalStore(subscribe, () => (key ? (statuses.get(key) ?? null) : null));
