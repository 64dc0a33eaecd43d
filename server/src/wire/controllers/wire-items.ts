import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../../platform/services';
import { validateInboxQuery, validateWireItemId } from '../validation/wire';
import { timeBounds } from '../../search/validation/search';
import type { InboxQuery } from '../services/wire-inbox';
import type {
  FindWireItem,
  FindWireItems,
  IgnoreWireItem,
  TakeWireItem,
} from '../../../../shared/contracts/wire';

/** Admin API of the wire inbox. */
const wireItemsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const query = (await validateInboxQuery(ctx.query)) as Omit<InboxQuery, 'from' | 'to'> & {
      from?: string;
      to?: string;
    };
    const { results, pagination } = await getService('wire-inbox', strapi).list({
      ...query,
      ...timeBounds(query),
    });
    ctx.body = { data: results, meta: { pagination } } satisfies FindWireItems.Response;
  },

  async findOne(ctx: Context) {
    const id = (await validateWireItemId(Number(ctx.params.id))) as number;
    ctx.body = {
      data: await getService('wire-inbox', strapi).findOne(id),
    } satisfies FindWireItem.Response;
  },

  async take(ctx: Context) {
    const id = (await validateWireItemId(Number(ctx.params.id))) as number;
    const { created, article, item, warnings } = await getService('wire-inbox', strapi).take(
      id,
      (ctx.state.user as { id: number } | undefined)?.id
    );
    ctx.status = created ? 201 : 200;
    ctx.body = {
      data: {
        article: {
          id: article.id,
          documentId: article.documentId,
          headline: article.headline,
          slug: article.slug,
          locale: article.locale,
        },
        wireItem: { id: item.id, status: item.status, articleDocumentId: item.articleDocumentId },
      },
      // What the draft lacks that the copy promised (an agency picture that could not be added).
      meta: { created, warnings },
    } satisfies TakeWireItem.Response;
  },

  async ignore(ctx: Context) {
    const id = (await validateWireItemId(Number(ctx.params.id))) as number;
    ctx.body = {
      data: await getService('wire-inbox', strapi).ignore(id),
    } satisfies IgnoreWireItem.Response;
  },
});

export default wireItemsController;
