import type { AdminSession } from './admin';
import type { Newsroom } from './strapi';

const base = (uid: string) => `/content-manager/collection-types/${uid}`;

/** The Content Manager's admin API, as the admin panel calls it. */
export const contentManager = (newsroom: Newsroom, admin: AdminSession, uid: string) => ({
  create: (data: object, locale?: string) =>
    newsroom
      .http()
      .post(base(uid))
      .query(locale ? { locale } : {})
      .set(admin.auth)
      .send(data),
  /**
   * A save as the edit view makes it: with the `contentVersion` the form was loaded with (read
   * now, unless `data` names one; `contentVersion: undefined` sends none).
   */
  update: async (documentId: string, data: object, locale?: string) => {
    let body = data as Record<string, unknown>;
    if (!('contentVersion' in body)) {
      const loaded = await newsroom
        .http()
        .get(`${base(uid)}/${documentId}`)
        .query(locale ? { locale } : {})
        .set(admin.auth);
      const version = (loaded.body?.data as { contentVersion?: unknown } | undefined)
        ?.contentVersion;
      if (version !== undefined) body = { ...body, contentVersion: version };
    }
    return newsroom
      .http()
      .put(`${base(uid)}/${documentId}`)
      .query(locale ? { locale } : {})
      .set(admin.auth)
      .send(body);
  },
  find: (documentId: string, query: Record<string, string> = {}) =>
    newsroom
      .http()
      .get(`${base(uid)}/${documentId}`)
      .query(query)
      .set(admin.auth),
  list: (query: Record<string, unknown> = {}) =>
    newsroom.http().get(base(uid)).query(query).set(admin.auth),
  publish: (documentId: string, locale?: string) =>
    newsroom
      .http()
      .post(`${base(uid)}/${documentId}/actions/publish`)
      .query(locale ? { locale } : {})
      .set(admin.auth)
      .send({}),
  /** "Duplicate" in the Content Manager: the form's data goes along with the source's id. */
  clone: (documentId: string, data: object, locale?: string) =>
    newsroom
      .http()
      .post(`${base(uid)}/clone/${documentId}`)
      .query(locale ? { locale } : {})
      .set(admin.auth)
      .send(data),
  autoClone: (documentId: string) =>
    newsroom
      .http()
      .post(`${base(uid)}/auto-clone/${documentId}`)
      .set(admin.auth)
      .send({}),
  discard: (documentId: string, locale?: string) =>
    newsroom
      .http()
      .post(`${base(uid)}/${documentId}/actions/discard`)
      .query(locale ? { locale } : {})
      .set(admin.auth)
      .send({}),
  delete: (documentId: string, locale?: string) =>
    newsroom
      .http()
      .delete(`${base(uid)}/${documentId}`)
      .query(locale ? { locale } : {})
      .set(admin.auth),
  unpublish: (documentId: string, locale?: string) =>
    newsroom
      .http()
      .post(`${base(uid)}/${documentId}/actions/unpublish`)
      .query(locale ? { locale } : {})
      .set(admin.auth)
      .send({}),
});
