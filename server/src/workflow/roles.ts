import type { Core } from '@strapi/strapi';
import {
  EDIT_LOCK_UID,
  FEED_UID,
  PUBLISHED_VERSION_UID,
  PUSH_DELIVERY_UID,
  RENDITION_JOB_UID,
  SUBSCRIBER_UID,
} from '../platform/domain/uids';
import {
  ACTIONS,
  DEFAULT_ACTORS,
  ROLE_AUTHOR,
  ROLE_CHIEF_EDITOR,
  ROLE_EDITOR,
  RULES,
  permissionFor,
} from './domain/machine';

/** Admin permissions of the newsroom, shown under Settings → Roles → Plugins → Newsroom. */
export const NEWSROOM_ACTIONS = [
  { section: 'plugins', displayName: 'Access the Newsroom', uid: 'read', pluginName: 'newsroom' },
  {
    section: 'plugins',
    displayName: 'Read the wire',
    uid: 'wire.read',
    subCategory: 'wire',
    pluginName: 'newsroom',
  },
  {
    section: 'plugins',
    displayName: 'Take or ignore wire items',
    uid: 'wire.take',
    subCategory: 'wire',
    pluginName: 'newsroom',
  },
  {
    section: 'plugins',
    displayName: 'Manage feeds (and which API tokens speak for each agency)',
    uid: 'feeds.manage',
    subCategory: 'wire',
    pluginName: 'newsroom',
  },
  {
    section: 'plugins',
    displayName: "Clear an agency's kill or withhold, with a note",
    uid: 'agency-alert.clear',
    subCategory: 'workflow',
    pluginName: 'newsroom',
  },
  {
    section: 'plugins',
    displayName: 'Regenerate image renditions',
    uid: 'renditions.regenerate',
    subCategory: 'images',
    pluginName: 'newsroom',
  },
  {
    section: 'plugins',
    displayName: 'Take over an edit lock from someone else',
    uid: 'lock.take-over',
    subCategory: 'workflow',
    pluginName: 'newsroom',
  },
  {
    section: 'plugins',
    displayName: 'Read published versions (the archive)',
    uid: 'versions.read',
    subCategory: 'workflow',
    pluginName: 'newsroom',
  },
  {
    section: 'plugins',
    displayName: 'Manage subscribers (push to partner sites and apps)',
    uid: 'subscribers.manage',
    subCategory: 'delivery',
    pluginName: 'newsroom',
  },
  ...ACTIONS.map((action) => ({
    section: 'plugins',
    displayName: RULES[action].label,
    uid: `workflow.${action}`,
    subCategory: 'workflow',
    pluginName: 'newsroom',
  })),
];

/** What each default role may do in the newsroom until an administrator changes it. */
export const DEFAULT_GRANTS: Record<string, string[]> = Object.fromEntries(
  [ROLE_AUTHOR, ROLE_EDITOR, ROLE_CHIEF_EDITOR].map((code) => [
    code,
    [
      'plugin::newsroom.read',
      'plugin::newsroom.wire.read',
      'plugin::newsroom.wire.take',
      'plugin::newsroom.versions.read',
      ...(code === ROLE_AUTHOR ? [] : ['plugin::newsroom.lock.take-over']),
      ...ACTIONS.filter((a) => DEFAULT_ACTORS[a].includes(code)).map(permissionFor),
      // The desk's head decides on agency kills and runs the feeds.
      ...(code === ROLE_CHIEF_EDITOR
        ? [
            'plugin::newsroom.agency-alert.clear',
            'plugin::newsroom.feeds.manage',
            'plugin::newsroom.subscribers.manage',
          ]
        : []),
    ],
  ])
);

export const registerAdminActions = async (strapi: Core.Strapi) => {
  await strapi.service('admin::permission').actionProvider.registerMany(NEWSROOM_ACTIONS);
};

/**
 * Creates the Chief Editor role once Strapi's own roles exist: content rights like an
 * Editor's (every content type, publish included) plus every workflow action.
 */
const ensureChiefEditorRole = async (strapi: Core.Strapi) => {
  const roles = strapi.db.query('admin::role');
  if (await roles.findOne({ where: { code: ROLE_CHIEF_EDITOR } })) return;
  if (!(await roles.findOne({ where: { code: ROLE_EDITOR } }))) return; // Strapi has not made its roles yet
  const role = await strapi.service('admin::role').create({
    name: 'Chief Editor',
    code: ROLE_CHIEF_EDITOR,
    description:
      'Chief Editors schedule, publish, correct and kill articles, and do all an Editor does.',
  });
  const contentTypeActions = strapi
    .service('admin::permission')
    .actionProvider.values()
    .filter((a: { section: string }) => a.section === 'contentTypes');
  const permissions = strapi
    .service('admin::content-type')
    .getPermissionsWithNestedFields(contentTypeActions, {
      // The plugin's service-owned types are read on its own pages, behind their own permissions.
      restrictedSubjects: [
        'plugin::users-permissions.user',
        FEED_UID,
        SUBSCRIBER_UID,
        PUSH_DELIVERY_UID,
        RENDITION_JOB_UID,
        EDIT_LOCK_UID,
        PUBLISHED_VERSION_UID,
      ],
    });
  await strapi.service('admin::role').addPermissions(role.id, permissions);
};

/**
 * Grants the default newsroom permissions to each role once; what an administrator later
 * removes in Settings → Roles stays removed.
 */
const grantDefaultPermissions = async (strapi: Core.Strapi) => {
  const store = strapi.store({ type: 'plugin', name: 'newsroom' });
  const granted = ((await store.get({ key: 'granted-permissions' })) as string[] | null) ?? [];
  for (const [code, actions] of Object.entries(DEFAULT_GRANTS)) {
    const role = await strapi.db.query('admin::role').findOne({ where: { code } });
    if (!role) continue;
    const missing = actions.filter((a) => !granted.includes(`${code}:${a}`));
    if (!missing.length) continue;
    await strapi.service('admin::role').addPermissions(
      role.id,
      missing.map((action) => ({ action, subject: null, properties: {}, conditions: [] }))
    );
    granted.push(...missing.map((a) => `${code}:${a}`));
  }
  await store.set({ key: 'granted-permissions', value: granted });
};

const LOCALIZED_SUBJECTS = ['plugin::newsroom.article'];

/**
 * Content Manager rights on a localized type need a `locales` property; Strapi's default
 * Editor and Author roles are created without one, which leaves them unable to edit
 * articles. Fills it with every locale where it is absent (an administrator's explicit
 * choice in Settings → Roles, even an empty one, is left alone).
 */
const ensureLocalePermissions = async (strapi: Core.Strapi) => {
  const locales = strapi.plugin('i18n')?.service('locales');
  if (!locales) return;
  const codes = ((await locales.find()) as Array<{ code: string }>).map((l) => l.code);
  const roles = await strapi.db
    .query('admin::role')
    .findMany({ where: { code: { $in: Object.keys(DEFAULT_GRANTS) } } });
  if (!roles.length) return;
  const permissions: Array<{ id: number; properties: Record<string, unknown> | null }> =
    await strapi.db.query('admin::permission').findMany({
      where: {
        role: { id: { $in: roles.map((r: { id: number }) => r.id) } },
        subject: { $in: LOCALIZED_SUBJECTS },
        action: { $startsWith: 'plugin::content-manager.explorer.' },
      },
    });
  for (const permission of permissions) {
    if (permission.properties && 'locales' in permission.properties) continue;
    await strapi.db.query('admin::permission').update({
      where: { id: permission.id },
      data: { properties: { ...permission.properties, locales: codes } },
    });
  }
};

/**
 * A locale the newsroom creates (for a story's language) reaches the newsroom roles that had
 * every locale before it: an Editor who could work in all languages still can. A role limited
 * to some locales by an administrator stays limited.
 */
export const grantNewLocale = async (strapi: Core.Strapi, code: string, before: string[]) => {
  const roles = await strapi.db
    .query('admin::role')
    .findMany({ where: { code: { $in: Object.keys(DEFAULT_GRANTS) } } });
  if (!roles.length) return;
  const permissions: Array<{ id: number; properties: { locales?: unknown } | null }> =
    await strapi.db.query('admin::permission').findMany({
      where: {
        role: { id: { $in: roles.map((r: { id: number }) => r.id) } },
        subject: { $in: LOCALIZED_SUBJECTS },
        action: { $startsWith: 'plugin::content-manager.explorer.' },
      },
    });
  for (const permission of permissions) {
    const locales = permission.properties?.locales;
    if (!Array.isArray(locales) || locales.includes(code)) continue;
    if (!before.every((c) => locales.includes(c))) continue;
    await strapi.db.query('admin::permission').update({
      where: { id: permission.id },
      data: { properties: { ...permission.properties, locales: [...locales, code] } },
    });
  }
};

/** Fields every role that may read or write articles needs, whatever it was granted before they existed. */
const PLUMBING_FIELDS = ['contentVersion'];

/**
 * The content version travels with every Content Manager save as a field of the article, so a
 * role's field list must hold it, or the save is refused as not naming its version. Roles made
 * before the field existed get it added.
 */
const ensurePlumbingFields = async (strapi: Core.Strapi) => {
  const permissions: Array<{ id: number; properties: { fields?: unknown } | null }> =
    await strapi.db.query('admin::permission').findMany({
      where: {
        subject: { $in: LOCALIZED_SUBJECTS },
        action: {
          $in: ['read', 'create', 'update'].map((a) => `plugin::content-manager.explorer.${a}`),
        },
      },
    });
  for (const permission of permissions) {
    const fields = permission.properties?.fields;
    if (!Array.isArray(fields) || PLUMBING_FIELDS.every((f) => fields.includes(f))) continue;
    await strapi.db.query('admin::permission').update({
      where: { id: permission.id },
      data: {
        properties: {
          ...permission.properties,
          fields: [...fields, ...PLUMBING_FIELDS.filter((f) => !fields.includes(f))],
        },
      },
    });
  }
};

const setUpRoles = async (strapi: Core.Strapi) => {
  await ensureChiefEditorRole(strapi);
  await grantDefaultPermissions(strapi);
  await ensureLocalePermissions(strapi);
  await ensurePlumbingFields(strapi);
};

/**
 * Sets up the newsroom roles now, and again when Strapi creates its default roles: on a new
 * database that happens after plugins have bootstrapped.
 */
export const setUpRolesNowAndOnNewRoles = async (strapi: Core.Strapi) => {
  await setUpRoles(strapi);
  strapi.db.lifecycles.subscribe({
    models: ['admin::role'],
    async afterCreate(event) {
      if ((event.result as { code?: string })?.code === ROLE_AUTHOR) await setUpRoles(strapi);
    },
  });
  // Strapi gives its new roles their content rights after creating them, and says so.
  strapi.eventHub.on('permission.create', async () => {
    try {
      await ensureLocalePermissions(strapi);
      await ensurePlumbingFields(strapi);
    } catch (error) {
      strapi.log.error(
        `[newsroom] could not add locales to role permissions: ${(error as Error).message}`
      );
    }
  });
};
