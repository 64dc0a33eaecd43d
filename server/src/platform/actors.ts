import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { Refusal } from './domain/refusal';

/** Who did something, as the workflow history records it. */
export interface Actor {
  id: number | null;
  name: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'Scheduler (system)' };

type AdminUser = {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email: string;
};
type Ability = { can(action: string, subject?: unknown): boolean };

/** The admin user behind an admin API request. */
export const actorOf = (ctx: Context): Actor => {
  const user = ctx.state.user as AdminUser;
  const name =
    [user.firstname, user.lastname].filter(Boolean).join(' ') || user.username || user.email;
  return { id: user.id, name };
};

/**
 * Whoever is writing right now: the admin user of the current request, an API token, or code
 * with no request at all. `may` answers from the admin user's permissions; tokens and code hold none.
 */
export const currentActor = (strapi: Core.Strapi): Actor & { may(permission: string): boolean } => {
  const ctx = strapi.requestContext.get() as Context | undefined;
  const ability = ctx?.state?.userAbility as Ability | undefined;
  if (ctx?.state?.user && ability && ctx.state.auth?.strategy?.name === 'admin') {
    return { ...actorOf(ctx), may: (permission) => ability.can(permission) };
  }
  const token = ctx?.state?.auth?.credentials as { name?: string } | undefined;
  const name = token?.name
    ? `API token "${token.name}"`
    : ctx
      ? 'An API client'
      : 'Server code (no user)';
  return { id: null, name, may: () => false };
};

/** The Content Manager's permission checker for articles (actions and their conditions). */
export interface ArticlePermissions {
  /** With a field: whether that field of the entity may be read or written. */
  can: Record<
    'read' | 'update' | 'create' | 'delete',
    (entity?: unknown, field?: string) => boolean
  >;
  cannot: Record<
    'read' | 'update' | 'create' | 'delete',
    (entity?: unknown, field?: string) => boolean
  >;
  /** The filter that limits a query to the articles this user may act on (null: none). */
  queryFor(action: 'read' | 'update'): Record<string, unknown> | null;
}

const CM_ACTIONS = {
  read: 'plugin::content-manager.explorer.read',
  update: 'plugin::content-manager.explorer.update',
};

/**
 * The Content Manager's own checks on articles for the admin user of `ctx` (the current
 * request when omitted); null outside an admin request.
 */
export const articlePermissions = (
  strapi: Core.Strapi,
  ctx = strapi.requestContext.get() as Context | undefined
): ArticlePermissions | null => {
  const userAbility = ctx?.state?.userAbility;
  if (!userAbility || ctx?.state?.auth?.strategy?.name !== 'admin') return null;
  const model = 'plugin::newsroom.article';
  const checker = strapi
    .plugin('content-manager')
    .service('permission-checker')
    .create({ userAbility, model });
  const manager = (action: string) =>
    strapi
      .service('admin::permission')
      .createPermissionsManager({ ability: userAbility, action, model });
  return {
    can: checker.can,
    cannot: checker.cannot,
    queryFor: (action) =>
      userAbility.can(CM_ACTIONS[action], model)
        ? (manager(CM_ACTIONS[action]).getQuery() ?? {})
        : null,
  };
};

/**
 * Whether `permissions` let the user read every one of `fields` of articles (of `article` when
 * given, conditions included), down to the components' own fields as roles grant them
 * (`body.text`, `leadPhoto.caption`).
 */
export const readsArticleFields = (
  strapi: Core.Strapi,
  permissions: ArticlePermissions,
  fields: readonly string[],
  article?: unknown
) =>
  (
    strapi.service('admin::content-type') as {
      getNestedFields(model: unknown, options: { components: unknown }): string[];
    }
  )
    .getNestedFields(strapi.getModel('plugin::newsroom.article'), { components: strapi.components })
    .filter((path) => fields.includes(path.split('.')[0]))
    .every((path) => permissions.can.read(article, path));

/**
 * The filter limiting a list to the articles this user may read, for a list that shows or
 * filters on `fields`: the user must be allowed to read every one of them, or the list (its
 * rows, counts and order) would tell what the Content Manager hides. Throws Refusal 403.
 */
export const readableArticlesShowing = (
  strapi: Core.Strapi,
  ctx: Context,
  fields: readonly string[],
  list: string
) => {
  const permissions = articlePermissions(strapi, ctx);
  const readable = permissions?.queryFor('read');
  if (!permissions || !readable) throw new Refusal(403, 'You are not allowed to read articles');
  if (!readsArticleFields(strapi, permissions, fields))
    throw new Refusal(403, `${list} needs read access to ${fields.join(', ')}`);
  return readable;
};
