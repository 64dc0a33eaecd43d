import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { WireParseError } from '../domain/errors';
import { WIRE_BODY, type WireBody } from '../wire-body';
import { getService } from '../../platform/services';
import type { NewsroomConfig } from '../../config';
import { requestLimiter } from '../../platform/rate-limit';
import { validateIngestQuery } from '../validation/wire';

/** Who is sending copy: the API token (or user) the request authenticated as, else its address. */
const senderOf = (ctx: Context) => {
  const credentials = ctx.state.auth?.credentials as { id?: number } | undefined;
  const strategy = ctx.state.auth?.strategy?.name as string | undefined;
  return credentials?.id !== undefined ? `${strategy}:${credentials.id}` : `ip:${ctx.ip}`;
};

/** The API token a request authenticated with: the one kind of sender that can be bound to agencies. */
const tokenOf = (ctx: Context) => {
  const credentials = ctx.state.auth?.credentials as { id?: unknown } | undefined;
  const strategy = ctx.state.auth?.strategy?.name as string | undefined;
  // Strapi 5 names its API-token strategy `content-api-token` (`api-token` before).
  return (strategy === 'content-api-token' || strategy === 'api-token') &&
    typeof credentials?.id === 'number'
    ? { tokenId: credentials.id }
    : undefined;
};

/** `POST /api/newsroom/wire`: agency copy in. */
const wireController = ({ strapi }: { strapi: Core.Strapi }) => {
  const limit = requestLimiter();
  return {
    async ingest(ctx: Context) {
      // Agencies resend on timeouts; a runaway sender is slowed per token, before any parsing.
      limit(
        ctx,
        senderOf(ctx),
        (strapi.config.get('plugin::newsroom') as NewsroomConfig).wire.rateLimit
      );
      const query = (await validateIngestQuery(ctx.query)) as { agency?: string };
      const body = (ctx.state as Record<symbol, WireBody | undefined>)[WIRE_BODY];
      const maxBytes = (strapi.config.get('plugin::newsroom') as { wire: { maxBytes: number } })
        .wire.maxBytes;
      if (!body) throw new WireParseError('The body could not be read', 400);
      if (body.tooLarge)
        throw new WireParseError(
          `The body is larger than the ${maxBytes}-byte limit for wire copy`,
          413,
          { maxBytes }
        );
      const result = await getService('wire-ingest', strapi).ingest({
        payload: body.bytes,
        contentType: body.contentType,
        agency: query.agency,
        sender: tokenOf(ctx),
      });
      const { rawPayload: _raw, ...item } = result.item as typeof result.item & {
        rawPayload?: string;
      };
      ctx.status = result.outcome === 'duplicate' ? 200 : 201;
      ctx.body = {
        data: item,
        meta: {
          outcome: result.outcome,
          ...(result.flaggedArticle ? { flaggedArticle: result.flaggedArticle } : {}),
          ...(result.advisory ? { advisory: result.advisory } : {}),
        },
      };
    },
  };
};

export default wireController;
