/**
 * Records the newsroom keeps as they were written. Agency copy is written by the wire ingest
 * alone: an editor who could change a wire item's story could then take fabricated "agency"
 * copy under the agency's attribution. The workflow history is appended by the workflow alone.
 */
import type { Core } from '@strapi/strapi';
import { Refusal } from './domain/refusal';
import { AGENCY_UID, WIRE_ITEM_UID, WORKFLOW_EVENT_UID } from './domain/uids';
import { inBindings, inIngest, inWorkflow } from './writers';

/** The document-service actions that only read. */
export const DOCUMENT_READS = new Set(['findOne', 'findMany', 'findFirst', 'count']);

/** What the agency sent and what the ingest made of it; the inbox may change only the item's status and its article link. */
export const AGENCY_COPY_FIELDS = [
  'headline',
  'agency',
  'agencyCode',
  'agencyGuid',
  'agencyVersion',
  'format',
  'receivedAt',
  'rawPayload',
  'story',
  'contentHash',
  'agencyStatus',
  'agencyNotice',
  'expiresAt',
];

const copyRefusal = () =>
  new Refusal(403, 'Wire items are agency copy as received: only the wire ingest writes them');

interface LifecycleEvent {
  params: { data?: Record<string, unknown> | Array<Record<string, unknown>> };
}

const writesCopy = (data: LifecycleEvent['params']['data']) =>
  (Array.isArray(data) ? data : [data]).some(
    (d) => d && AGENCY_COPY_FIELDS.some((field) => field in d)
  );

const bindingRefusal = () =>
  new Refusal(
    403,
    "An agency's ingest tokens are set on the Feeds page, by those who may manage feeds"
  );

const tokenList = (value: unknown) =>
  JSON.stringify(Array.isArray(value) ? [...value].sort() : (value ?? []));

/**
 * Whether a write changes an agency's ingest tokens. The Content Manager sends the field back
 * as it read it; only a different list is a change.
 */
const changesBindings = async (
  strapi: Core.Strapi,
  where: Record<string, unknown> | undefined,
  data: LifecycleEvent['params']['data']
) => {
  const rows = (Array.isArray(data) ? data : [data]).filter(
    (d): d is Record<string, unknown> => Boolean(d) && 'ingestTokens' in d!
  );
  if (!rows.length) return false;
  const stored = where
    ? ((await strapi.db.query(AGENCY_UID).findMany({ select: ['ingestTokens'], where })) as Array<{
        ingestTokens: unknown;
      }>)
    : [];
  return rows.some((row) =>
    !stored.length
      ? tokenList(row.ingestTokens) !== '[]'
      : stored.some((s) => tokenList(s.ingestTokens) !== tokenList(row.ingestTokens))
  );
};

export const holdRecords = (strapi: Core.Strapi) => {
  strapi.documents.use(async (context, next) => {
    if (DOCUMENT_READS.has(context.action)) return next();
    if (context.uid === AGENCY_UID && !inBindings()) {
      const params = context.params as { documentId?: string; data?: Record<string, unknown> };
      const where = params.documentId ? { documentId: params.documentId } : undefined;
      if (await changesBindings(strapi, where, params.data)) throw bindingRefusal();
    }
    if (context.uid === WORKFLOW_EVENT_UID && !(inWorkflow() && context.action === 'create')) {
      throw new Refusal(
        403,
        'The workflow history is append-only; events are recorded by workflow actions'
      );
    }
    if (context.uid === WIRE_ITEM_UID && !inIngest()) throw copyRefusal();
    return next();
  });

  // The same hold in the database, for writers that never pass through the document service.
  strapi.db.lifecycles.subscribe({
    models: [WIRE_ITEM_UID],
    async beforeCreate() {
      if (!inIngest()) throw copyRefusal();
    },
    async beforeCreateMany() {
      if (!inIngest()) throw copyRefusal();
    },
    async beforeUpdate(event: LifecycleEvent) {
      if (!inIngest() && writesCopy(event.params.data)) throw copyRefusal();
    },
    async beforeUpdateMany(event: LifecycleEvent) {
      if (!inIngest() && writesCopy(event.params.data)) throw copyRefusal();
    },
    async beforeDelete() {
      if (!inIngest()) throw copyRefusal();
    },
    async beforeDeleteMany() {
      if (!inIngest()) throw copyRefusal();
    },
  });
  // The same hold in the database, for writers that never pass through the document service.
  strapi.db.lifecycles.subscribe({
    models: [AGENCY_UID],
    async beforeCreate(event: LifecycleEvent) {
      if (!inBindings() && (await changesBindings(strapi, undefined, event.params.data)))
        throw bindingRefusal();
    },
    async beforeCreateMany(event: LifecycleEvent) {
      if (!inBindings() && (await changesBindings(strapi, undefined, event.params.data)))
        throw bindingRefusal();
    },
    async beforeUpdate(event: LifecycleEvent & { params: { where?: Record<string, unknown> } }) {
      if (!inBindings() && (await changesBindings(strapi, event.params.where, event.params.data)))
        throw bindingRefusal();
    },
    async beforeUpdateMany(
      event: LifecycleEvent & { params: { where?: Record<string, unknown> } }
    ) {
      if (!inBindings() && (await changesBindings(strapi, event.params.where, event.params.data)))
        throw bindingRefusal();
    },
  });
  const historyRefusal = () =>
    new Refusal(
      403,
      'The workflow history is append-only; events are recorded by workflow actions'
    );
  strapi.db.lifecycles.subscribe({
    models: [WORKFLOW_EVENT_UID],
    async beforeCreate() {
      if (!inWorkflow()) throw historyRefusal();
    },
    async beforeCreateMany() {
      if (!inWorkflow()) throw historyRefusal();
    },
    beforeUpdate: async () => {
      throw historyRefusal();
    },
    beforeUpdateMany: async () => {
      throw historyRefusal();
    },
    beforeDelete: async () => {
      throw historyRefusal();
    },
    beforeDeleteMany: async () => {
      throw historyRefusal();
    },
  });
};
