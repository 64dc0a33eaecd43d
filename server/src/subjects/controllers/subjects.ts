import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../../platform/services';
import { validateFindQuery } from '../validation/subjects';
import type { FindSubjects } from '../../../../shared/contracts/subjects';

/** Admin API of the subject picker. */
const subjectsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const { q, limit } = await validateFindQuery(ctx.query);
    ctx.body = getService('subjects', strapi).find(q, limit) satisfies FindSubjects.Response;
  },
});

export default subjectsController;
