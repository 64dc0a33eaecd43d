/**
 * Records the newsroom keeps as they were written. Agency copy is written by the wire ingest
 * alone: an editor who could change a wire item's story could then take fabricated "agency"
 * copy under the agency's attribution. The workflow history is appended by the workflow alone.
 */
import type { Core } from '@strapi/strapi';
import { Refusal } from './domain/refusal';
import {
  AGENCY_UID,
  EDIT_LOCK_UID,
  FEED_UID,
  PUSH_DELIVERY_UID,
  RENDITION_JOB_UID,
  SUBSCRIBER_UID,
  WIRE_ITEM_UID,
  WORKFLOW_EVENT_UID,
} from './domain/uids';
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

const tokenList = (value: unknown) =>
  JSON.stringify(Array.isArray(value) ? [...value].sort() : (value ?? []));

/**
 * What a write would change of who speaks for an agency, as a refusal: its ingest tokens
 * (set by the feeds API alone) or its code (its identity on the wire: stories and bindings are
 * keyed by it, so renaming codes would hand one agency's stories to another). The Content
 * Manager sends fields back as it read them; only a different value is a change.
 */
const agencyRefusal = async (
  strapi: Core.Strapi,
  where: Record<string, unknown> | undefined,
  data: LifecycleEvent['params']['data']
): Promise<Refusal | null> => {
  const rows = (Array.isArray(data) ? data : [data]).filter(
    (d): d is Record<string, unknown> =>
      Boolean(d) && ('ingestTokens' in d! || (where !== undefined && 'code' in d!))
  );
  if (!rows.length) return null;
  const stored = where
    ? ((await strapi.db
        .query(AGENCY_UID)
        .findMany({ select: ['code', 'ingestTokens'], where })) as Array<{
        code: string;
        ingestTokens: unknown;
      }>)
    : [];
  for (const row of rows) {
    if ('code' in row && stored.some((s) => s.code !== row.code))
      return new Refusal(
        403,
        "An agency's code is its identity on the wire (its stories and bindings are keyed by it); it cannot change"
      );
    const tokens = tokenList(row.ingestTokens);
    if (
      'ingestTokens' in row &&
      !inBindings() &&
      (stored.length ? stored.some((s) => tokenList(s.ingestTokens) !== tokens) : tokens !== '[]')
    )
      return new Refusal(
        403,
        "An agency's ingest tokens are set on the Feeds page, by those who may manage feeds"
      );
  }
  return null;
};

/**
 * Types kept by one service alone, through `strapi.db.query()`: no reader or writer through
 * documents (the Content Manager, whatever a role's content-type permissions say) sees their
 * stored secrets or skips their rules.
 */
const SERVICE_OWNED: Record<string, string> = {
  [FEED_UID]:
    'Feeds are managed on the Feeds page (permission Manage feeds); their credentials never leave the server',
  [SUBSCRIBER_UID]:
    'Subscribers are managed on the Subscribers page (permission Manage subscribers); their secrets never leave the server',
  [PUSH_DELIVERY_UID]:
    'Push deliveries are read on the Subscribers page (permission Manage subscribers)',
  [RENDITION_JOB_UID]: 'Rendition work is kept by the image pipeline',
  [EDIT_LOCK_UID]: 'Edit locks are kept by the newsroom; open the article to take one',
};

export const holdRecords = (strapi: Core.Strapi) => {
  strapi.documents.use(async (context, next) => {
    const owned = SERVICE_OWNED[context.uid];
    if (owned) throw new Refusal(403, owned);
    if (DOCUMENT_READS.has(context.action)) return next();
    if (context.uid === AGENCY_UID) {
      const params = context.params as { documentId?: string; data?: Record<string, unknown> };
      const where = params.documentId ? { documentId: params.documentId } : undefined;
      const refusal = await agencyRefusal(strapi, where, params.data);
      if (refusal) throw refusal;
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
      const refusal = await agencyRefusal(strapi, undefined, event.params.data);
      if (refusal) throw refusal;
    },
    async beforeCreateMany(event: LifecycleEvent) {
      const refusal = await agencyRefusal(strapi, undefined, event.params.data);
      if (refusal) throw refusal;
    },
    async beforeUpdate(event: LifecycleEvent & { params: { where?: Record<string, unknown> } }) {
      const refusal = await agencyRefusal(strapi, event.params.where ?? {}, event.params.data);
      if (refusal) throw refusal;
    },
    async beforeUpdateMany(
      event: LifecycleEvent & { params: { where?: Record<string, unknown> } }
    ) {
      const refusal = await agencyRefusal(strapi, event.params.where ?? {}, event.params.data);
      if (refusal) throw refusal;
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
