import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { FindAgencyNames, FindRubricNames } from '../../../../shared/contracts/wire';
import { AGENCY_UID, RUBRIC_UID } from '../../platform/domain/uids';
import { validateNamesQuery } from '../validation/names';

/** Rows whose name (or code) holds `q`, by name: what a filter's picker offers. */
const matching = (q: string, fields: string[]) =>
  q ? { $or: fields.map((field) => ({ [field]: { $containsi: q } })) } : {};

/** Admin API of the agency and rubric pickers (filters name things by picking them). */
const namesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `GET /newsroom/agencies?q=&limit=`. Throws ValidationError 400. */
  async agencies(ctx: Context) {
    const { q, limit } = await validateNamesQuery(ctx.query);
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

  /** `GET /newsroom/rubrics?q=&limit=`. Throws ValidationError 400. */
  async rubrics(ctx: Context) {
    const { q, limit } = await validateNamesQuery(ctx.query);
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
