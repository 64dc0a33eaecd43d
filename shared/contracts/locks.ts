/**
 * Edit locks and content versions, as the admin panel and the controllers both see them.
 * A lock belongs to one user in one browser tab (its `session`) on one locale of an article;
 * it lives while its heartbeat does. The content version moves on every content save: a save
 * built on an older one is refused (409).
 */

/** Who holds an article's lock, and since when. Session ids are never shown to others. */
export interface EditLock {
  documentId: string;
  locale: string;
  holder: { id: number; name: string };
  /** When the holder took it. */
  since: string;
  /** When it lapses unless its heartbeat renews it. */
  expiresAt: string;
}

/** One content save, as the stale-save check reports it. */
export interface ContentEdit {
  /** The content version the save made. */
  version: number;
  actorName: string;
  at: string;
  /** The fields the save changed, by their names in the article model. */
  fields: string[];
}

/** The lock as the caller's tab sees it. */
export interface LockState {
  /** The live lock, or null when nobody edits the article. */
  lock: EditLock | null;
  /** Whether this tab (this user and session) holds it. */
  mine: boolean;
  /** Whether the holder is the caller in another tab. */
  sameUser: boolean;
  /** Whether the caller may take it over (permission "Take over an edit lock", or it is their own). */
  canTakeOver: boolean;
  /** Set when this tab held the lock and someone else took it over. */
  takenOver: { by: string; at: string } | null;
  /** How often the tab renews its lock, and how long a silent lock lives. */
  heartbeatSeconds: number;
  ttlSeconds: number;
  /** The stored content version, and the saves after the version the caller named (`since`). */
  contentVersion: number;
  editsSince: ContentEdit[];
}

/** `GET /newsroom/articles/:documentId/lock`: who holds it, without taking it. */
export declare namespace GetLock {
  export interface Request {
    params: { documentId: string };
    query: { locale?: string; session?: string; since?: number };
  }
  export interface Response {
    data: LockState;
  }
}

/**
 * `POST /newsroom/articles/:documentId/lock`: take the lock, or keep it (the heartbeat). When
 * someone else holds it the answer is still 200, with `mine: false` and the holder.
 */
export declare namespace KeepLock {
  export interface Request {
    params: { documentId: string };
    query: { locale?: string };
    body: { session: string; locale?: string; since?: number };
  }
  export interface Response {
    data: LockState;
  }
}

/** `POST /newsroom/articles/:documentId/lock/take-over`: the history records it; the former holder's next heartbeat learns it. */
export declare namespace TakeOverLock {
  export interface Request {
    params: { documentId: string };
    query: { locale?: string };
    body: { session: string; locale?: string };
  }
  export interface Response {
    data: LockState;
  }
}

/** `DELETE /newsroom/articles/:documentId/lock?session=`: the tab closed or left the article. */
export declare namespace ReleaseLock {
  export interface Request {
    params: { documentId: string };
    query: { locale?: string; session: string };
  }
  export interface Response {
    data: { released: boolean };
  }
}

/** A lock as lists (board cards, inbox rows) show it. */
export interface LockBadge {
  holderName: string;
  since: string;
}
