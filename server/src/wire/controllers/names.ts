import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { FindAgencyNames, FindRubricNames } from '../../../../shared/contracts/wire';
import { AGENCY_UID, RUBRIC_UID } from '../../platform/domain/uids';
import { articlePermissions, readsArticleFields } from '../../platform/actors';
import { Refusal } from '../../platform/domain/refusal';
import { validateNamesQuery } from '../validation/names';

type Ability = { can(action: string, subject?: unknown): boolean };
const CM_READ = 'plugin::content-manager.explorer.read';

/**
 * Whether the user already sees these names elsewhere: in the Content Manager's list of them,
 * in the wire they read (`wireRead`), or on the articles they read (the article field `field`).
 * Throws Refusal 403 otherwise.
 */
const mayName = (
  strapi: Core.Strapi,
  ctx: Context,
  uid: string,
  field: string,
  wireRead: boolean
) => {
  const ability = ctx.state.userAbility as Ability;
  if (ability.can(CM_READ, uid) || (wireRead && ability.can('plugin::newsroom.wire.read'))) return;
  const permissions = articlePermissions(strapi, ctx);
  if (permissions?.queryFor('read') && readsArticleFields(strapi, permissions, [field])) return;
  throw new Refusal(
    403,
    `You are not allowed to read ${uid === AGENCY_UID ? 'agencies' : 'rubrics'}`
  );
};

/** Rows whose name (or code) holds `q`, by name: what a filter's picker offers. */
const matching = (q: string, fields: string[]) =>
  q ? { $or: fields.map((field) => ({ [field]: { $containsi: q } })) } : {};

/** Admin API of the agency and rubric pickers (filters name things by picking them). */
const namesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /newsroom/agencies?q=&limit=`. Throws ValidationError 400, Refusal 403. */
  async agencies(ctx: Context) {
    const { q, limit } = await validateNamesQuery(ctx.query);
    mayName(strapi, ctx, AGENCY_UID, 'attribution', true);
    const rows = (await strapi.db.query(AGENCY_UID).findMany({
      select: ['code', 'name'],
      where: matching(q, ['name', 'code']),
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      limit,
    })) as Array<{ code: string; name: string | null }>;
    ctx.body = {
      data: rows.map((row) => ({ code: row.code, name: row.name ?? row.code })),
    } satisfies FindAgencyNames.Response;
  },

  /** `GET /newsroom/rubrics?q=&limit=`. Throws ValidationError 400, Refusal 403. */
  async rubrics(ctx: Context) {
    const { q, limit } = await validateNamesQuery(ctx.query);
    mayName(strapi, ctx, RUBRIC_UID, 'rubric', false);
    const rows = (await strapi.db.query(RUBRIC_UID).findMany({
      select: ['slug', 'name'],
      where: matching(q, ['name', 'slug']),
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      limit,
    })) as Array<{ slug: string; name: string }>;
    ctx.body = {
      data: rows.map((row) => ({ slug: row.slug, name: row.name })),
    } satisfies FindRubricNames.Response;
  },
});

export default namesController;
