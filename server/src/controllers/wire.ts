import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { WireParseError } from '../domain/wire/errors';
import { WIRE_BODY, type WireBody } from '../middlewares/wire-body';
import { getService } from '../utils';
import { validateIngestQuery } from '../validation/wire';

const ERROR_NAMES: Record<number, string> = {
  400: 'ValidationError',
  413: 'PayloadTooLargeError',
  415: 'UnsupportedMediaTypeError',
  422: 'UnprocessableEntityError',
};

/** Answers a refused payload in Strapi's error shape, with the status the problem calls for. */
export const sendWireError = (ctx: Context, error: WireParseError) => {
  ctx.status = error.status;
  ctx.body = {
    data: null,
    error: { status: error.status, name: ERROR_NAMES[error.status], message: error.message, details: error.details },
  };
};

/** `POST /api/newsroom/wire`: agency copy in. */
const wireController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async ingest(ctx: Context) {
    const query = (await validateIngestQuery(ctx.query)) as { agency?: string };
    const body = (ctx.state as Record<symbol, WireBody | undefined>)[WIRE_BODY];
    const maxBytes = (strapi.config.get('plugin::newsroom') as { wire: { maxBytes: number } }).wire.maxBytes;
    try {
      if (!body) throw new WireParseError('The body could not be read', 400);
      if (body.tooLarge) throw new WireParseError(`The body is larger than the ${maxBytes}-byte limit for wire copy`, 413, { maxBytes });
      const result = await getService('wire-ingest', strapi).ingest({
        payload: body.bytes,
        contentType: body.contentType,
        agency: query.agency,
      });
      const { rawPayload: _raw, ...item } = result.item as typeof result.item & { rawPayload?: string };
      ctx.status = result.outcome === 'duplicate' ? 200 : 201;
      ctx.body = {
        data: item,
        meta: { outcome: result.outcome, ...(result.flaggedArticle ? { flaggedArticle: result.flaggedArticle } : {}) },
      };
    } catch (error) {
      if (error instanceof WireParseError) return sendWireError(ctx, error);
      throw error;
    }
  },
});

export default wireController;
