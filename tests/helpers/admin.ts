import crypto from 'crypto';
import type { Newsroom } from './strapi';

/** Strapi's default admin roles, plus the newsroom's. */
export type RoleCode = 'strapi-super-admin' | 'strapi-editor' | 'strapi-author' | string;

export interface AdminSession {
  id: number;
  email: string;
  token: string;
  /** Headers for the admin API. */
  auth: { Authorization: string };
}

/** Creates an active admin user with the given role and logs them in over HTTP. */
export const createAdminSession = async (
  newsroom: Newsroom,
  roleCode: RoleCode = 'strapi-super-admin'
): Promise<AdminSession> => {
  const { strapi } = newsroom;
  const role = await strapi.db.query('admin::role').findOne({ where: { code: roleCode } });
  if (!role) throw new Error(`No admin role with code ${roleCode}`);
  const email = `${roleCode}-${crypto.randomBytes(4).toString('hex')}@newsroom.test`;
  const password = 'Test-password-1';
  const user = await strapi.service('admin::user').create({
    email,
    firstname: 'Test',
    lastname: roleCode,
    password,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  return { id: user.id, email, ...(await logIn(newsroom, email, password)) };
};

/** Logs in through `POST /admin/login`, as the admin panel does. */
export const logIn = async (newsroom: Newsroom, email: string, password: string) => {
  const res = await newsroom.http().post('/admin/login').send({ email, password });
  if (res.status !== 200)
    throw new Error(`Login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  const token: string = res.body.data.token;
  return { token, auth: { Authorization: `Bearer ${token}` } };
};

/** Creates an API token through the admin API and returns its access key. */
export const createApiToken = async (
  newsroom: Newsroom,
  admin: AdminSession,
  type: 'read-only' | 'full-access' | 'custom' = 'full-access',
  permissions: string[] = []
): Promise<string> => (await createApiTokenWithId(newsroom, admin, type, permissions)).accessKey;

/** Creates an API token through the admin API: its id (what agencies bind) and access key. */
export const createApiTokenWithId = async (
  newsroom: Newsroom,
  admin: AdminSession,
  type: 'read-only' | 'full-access' | 'custom' = 'full-access',
  permissions: string[] = []
): Promise<{ id: number; accessKey: string }> => {
  const res = await newsroom
    .http()
    .post('/admin/api-tokens')
    .set(admin.auth)
    .send({
      name: `test-${crypto.randomBytes(4).toString('hex')}`,
      type,
      lifespan: null,
      permissions,
    });
  if (res.status !== 201)
    throw new Error(`API token not created: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.data.id, accessKey: res.body.data.accessKey };
};
