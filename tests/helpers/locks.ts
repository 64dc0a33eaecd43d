import crypto from 'crypto';
import type { AdminSession } from './admin';
import type { Newsroom } from './strapi';

/** A browser tab's session id, as the article panel makes one per page load. */
export const tabSession = () => crypto.randomBytes(12).toString('hex');

/** The edit-lock admin API, as one tab of the article panel calls it. */
export const lockApi = (
  newsroom: Newsroom,
  user: AdminSession,
  session = tabSession(),
  locale?: string
) => {
  const path = (documentId: string) => `/newsroom/articles/${documentId}/lock`;
  const query = locale ? { locale } : {};
  return {
    session,
    state: (documentId: string, since?: number) =>
      newsroom
        .http()
        .get(path(documentId))
        .query({ ...query, session, ...(since === undefined ? {} : { since }) })
        .set(user.auth),
    keep: (documentId: string, since?: number) =>
      newsroom
        .http()
        .post(path(documentId))
        .query(query)
        .set(user.auth)
        .send({ session, ...(since === undefined ? {} : { since }) }),
    takeOver: (documentId: string) =>
      newsroom
        .http()
        .post(`${path(documentId)}/take-over`)
        .query(query)
        .set(user.auth)
        .send({ session }),
    release: (documentId: string) =>
      newsroom
        .http()
        .delete(path(documentId))
        .query({ ...query, session })
        .set(user.auth),
  };
};
