import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { WireParseError } from '../domain/errors';
import { Refusal } from '../../platform/domain/refusal';
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

/** The stored item as the sender sees it: what the ingest made of the copy, not the copy again. */
const withoutPayload = <T extends object>(item: T) => {
  const { rawPayload: _raw, ...rest } = item as T & { rawPayload?: string };
  return rest;
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
      const results = await getService('wire-ingest', strapi).ingestMessage({
        payload: body.bytes,
        contentType: body.contentType,
        agency: query.agency,
        sender: tokenOf(ctx),
      });
      const answers = results.map((result) =>
        'refused' in result
          ? { refused: { status: result.refused.status, message: result.refused.message } }
          : {
              item: withoutPayload(result.item),
              meta: {
                outcome: result.outcome,
                ...(result.flaggedArticle ? { flaggedArticle: result.flaggedArticle } : {}),
                ...(result.advisory ? { advisory: result.advisory } : {}),
              },
            }
      );
      const [only] = results;
      if (results.length === 1 && 'refused' in only) throw only.refused;
      if (results.length === 1 && !('refused' in only)) {
        ctx.status = only.outcome === 'duplicate' ? 200 : 201;
        ctx.body = { data: answers[0].item, meta: answers[0].meta };
        return;
      }
      // A newsMessage: each item's answer in order; refused ones named, the others stored.
      const stored = results.filter(
        (r): r is Exclude<typeof r, { refused: unknown }> => !('refused' in r)
      );
      if (!stored.length) {
        const first = (results[0] as { refused: Refusal }).refused;
        throw new Refusal(
          first.status,
          `Every item of the newsMessage was refused; the first: ${first.message}`,
          {
            items: answers,
          }
        );
      }
      ctx.status = stored.every((r) => r.outcome === 'duplicate') ? 200 : 201;
      ctx.body = {
        data: stored.map((r) => withoutPayload(r.item)),
        meta: {
          outcome: 'message',
          items: answers.map((a) => ('refused' in a ? a : { id: a.item!.id, ...a.meta })),
        },
      };
    },
  };
};

export default wireController;
