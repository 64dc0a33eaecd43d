import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../../platform/services';
import {
  validateDeliveryQuery,
  validateId,
  validateSubscriberInput,
} from '../validation/subscribers';

/** Admin API of the Subscribers page: subscribers (secrets write-only), their deliveries, Resend. */
const subscribersController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    ctx.body = { data: await getService('subscribers', strapi).list() };
  },

  async create(ctx: Context) {
    const input = await validateSubscriberInput(ctx.request.body, true);
    ctx.status = 201;
    ctx.body = { data: await getService('subscribers', strapi).create(input) };
  },

  async update(ctx: Context) {
    const id = await validateId(ctx.params.id);
    const input = await validateSubscriberInput(ctx.request.body, false);
    ctx.body = { data: await getService('subscribers', strapi).update(id, input) };
  },

  async delete(ctx: Context) {
    await getService('subscribers', strapi).remove(await validateId(ctx.params.id));
    ctx.status = 204;
  },

  async deliveries(ctx: Context) {
    ctx.body = await getService('push', strapi).list(await validateDeliveryQuery(ctx.query));
  },

  async resend(ctx: Context) {
    ctx.body = { data: await getService('push', strapi).resend(await validateId(ctx.params.id)) };
  },
});

export default subscribersController;
