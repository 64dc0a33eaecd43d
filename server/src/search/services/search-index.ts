import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ARTICLE_UID, WIRE_ITEM_UID } from '../../platform/domain/uids';
import type { WireStory } from '../../wire/domain/story';
import {
  articleDocument,
  wireDocument,
  type IndexedArticleRow,
  type SearchDocument,
} from '../domain/documents';
import type { SearchQuery } from '../domain/query';
import { touchPublic } from '../../delivery/public-generation';
import { postgresEngine } from '../engines/postgres';
import { sqliteEngine } from '../engines/sqlite';
import {
  SUBJECTS,
  type FindParams,
  type IndexEntry,
  type SearchKey,
  type SearchScope,
} from '../engines/engine';
/** Raised when what is indexed, or how, changes: a start with another version rebuilds. */
export const INDEX_VERSION = 6;
/** Rows per transaction of a rebuild. */
const BATCH = 500;
/** Up to this many rows, the index is built before the newsroom starts serving. */
const SYNC_REBUILD_ROWS = 5_000;

/** Only what readers are served is in the public index. */
const SERVED = { workflowState: 'published', publishedAt: { $notNull: true } };

const ARTICLE_POPULATE = {
  dateline: { select: ['place'] },
  body: { select: ['subhead', 'text'] },
  leadPhoto: { select: ['caption'] },
  gallery: { select: ['caption'] },
};
const ARTICLE_FIELDS = [
  'id',
  'documentId',
  'locale',
  'headline',
  'standfirst',
  'byline',
  'language',
  'subjects',
  'workflowState',
  'updatedAt',
  'firstPublishedAt',
];

type ArticleIndexRow = IndexedArticleRow & {
  documentId: string;
  locale: string;
  subjects?: Array<{ code?: unknown }> | null;
  updatedAt?: string | null;
  firstPublishedAt?: string | null;
};

const codesOf = (subjects: unknown): string[] =>
  Array.isArray(subjects)
    ? [
        ...new Set(
          subjects
            .map((s) => (s as { code?: unknown })?.code)
            .filter((c): c is string => typeof c === 'string' && c.length > 0 && c.length <= 100)
        ),
      ]
    : [];

const dateOf = (value: unknown) => (value ? new Date(value as string) : null);

const WIRE_FIELDS = ['id', 'story', 'language', 'subjects', 'receivedAt'];
interface WireIndexRow {
  id: number;
  story?: WireStory | string | null;
  language?: string | null;
  subjects?: unknown;
  receivedAt?: unknown;
}

/** A wire item's entry; none for an item without a story. */
const wireEntryOf = (item: WireIndexRow): IndexEntry | null => {
  // A row as written (by the ingest path) may hold the story still as JSON text.
  const story = (
    typeof item.story === 'string' ? JSON.parse(item.story) : item.story
  ) as WireStory | null;
  if (!story) return null;
  return {
    key: { itemId: item.id },
    document: wireDocument(story, item.language ?? null),
    sortAt: dateOf(item.receivedAt),
    codes: codesOf(item.subjects),
  };
};

/** An article's working copy counts as new from its last change; its served copy from its first publication. */
const draftEntryOf = (row: ArticleIndexRow): IndexEntry => ({
  key: { documentId: row.documentId, locale: row.locale },
  document: articleDocument(row),
  sortAt: dateOf(row.updatedAt),
  codes: codesOf(row.subjects),
});
const servedEntryOf = (row: ArticleIndexRow): IndexEntry => ({
  ...draftEntryOf(row),
  sortAt: dateOf(row.firstPublishedAt),
});

/** What an entry holds, in one string: an entry with the same digest need not be written again. */
const digestOf = (document: SearchDocument, sortAt: Date | null, codes: string[]) =>
  crypto
    .createHash('sha256')
    .update(JSON.stringify([document, sortAt?.toISOString() ?? null, codes]))
    .digest('hex');

/**
 * The search indexes, kept current in the transaction of every write (see indexing.ts): one
 * entry per wire item, per article working copy, and per served article.
 */
const searchIndexService = ({ strapi }: { strapi: Core.Strapi }) => {
  const engine = () => (strapi.db.dialect.client === 'postgres' ? postgresEngine : sqliteEngine);
  /** Runs `work` in the caller's transaction, or in one of its own. */
  const inTransaction = <T>(work: (trx: Knex) => Promise<T>): Promise<T> =>
    strapi.db.transaction(({ trx }) => work(trx as unknown as Knex)) as Promise<T>;

  /**
   * Writes an entry unless it already holds exactly this: most writes to an article (a claim, a
   * version, a workflow step) change nothing searched, and skipping them keeps both the write
   * cheap and SQLite's ranking statistics still.
   */
  const put = async (trx: Knex, scope: SearchScope, entry: IndexEntry) => {
    const digest = digestOf(entry.document, entry.sortAt, entry.codes);
    if ((await engine().digestOf(trx, scope, entry.key)) === digest) return;
    await engine().upsert(trx, scope, entry, digest);
  };

  /**
   * The rows of a rebuild's batch still there, held until the batch commits: on PostgreSQL a
   * delete (the retention purge, an unpublish) then waits for the batch and removes the entry it
   * wrote, instead of finding no entry to remove and leaving one behind. SQLite has one writer
   * at a time: what the batch read in its transaction is still there.
   */
  const held = async (trx: Knex, uid: string, rows: Array<{ id: number }>) => {
    const ids = rows.map((row) => Number(row.id));
    if (strapi.db.dialect.client !== 'postgres' || !ids.length) return new Set(ids);
    const locked = (await trx(strapi.db.metadata.get(uid).tableName)
      .select('id')
      .whereIn('id', ids)
      .forKeyShare()) as Array<{ id: number }>;
    return new Set(locked.map((row) => Number(row.id)));
  };

  /** Writes the entries whose key has none yet (a rebuild's batch), with their subjects. */
  const putMissing = async (trx: Knex, scope: SearchScope, all: IndexEntry[]) => {
    // One entry per key (the last), so that no key's subjects are written twice.
    const entries = [...new Map(all.map((entry) => [JSON.stringify(entry.key), entry])).values()];
    await engine().insertMissing(
      trx,
      scope,
      entries.map((entry) => ({
        entry,
        digest: digestOf(entry.document, entry.sortAt, entry.codes),
      }))
    );
  };

  const drop = (trx: Knex, scope: SearchScope, key: SearchKey) => engine().remove(trx, scope, key);

  const self = {
    /** Creates the index tables when missing; rebuilds every index when their version changed. */
    async ensure() {
      const knex = strapi.db.connection;
      const store = strapi.store({ type: 'plugin', name: 'newsroom' });
      const current = (await store.get({ key: 'search-index-version' })) === INDEX_VERSION;
      // An index of another version is built again from nothing: its tables may differ too.
      if (!current) await engine().drop(knex);
      await engine().ensure(knex);
      if (current) return;
      const build = async () => {
        const counts = await self.rebuild();
        await store.set({ key: 'search-index-version', value: INDEX_VERSION });
        strapi.log.info(
          `[newsroom] search index built: ${counts.wire} wire item(s), ${counts.articles} article locale(s)`
        );
      };
      const rows =
        (await strapi.db.query(WIRE_ITEM_UID).count({})) +
        (await strapi.db.query(ARTICLE_UID).count({}));
      // A small newsroom is indexed before it serves; a large one starts at once and is indexed
      // behind it (writes meanwhile are indexed as they happen), so an upgrade never stalls a start.
      if (rows <= SYNC_REBUILD_ROWS) return build();
      strapi.log.info(`[newsroom] building the search index for ${rows} rows in the background`);
      setImmediate(() => {
        build().catch((error: Error) =>
          strapi.log.error(
            `[newsroom] search index build failed: ${error.message}; it runs again at the next start`
          )
        );
      });
    },

    /**
     * Indexes every wire item and article again from the stored rows, BATCH rows per
     * transaction and a few statements per batch.
     */
    async rebuild() {
      await inTransaction(async (trx) => {
        for (const scope of ['wire', 'drafts', 'public'] as const) await engine().clear(trx, scope);
        // Readers' searches change with the public index: answers kept for them are stale.
        await touchPublic(strapi, trx);
      });
      let wire = 0;
      for (let after = 0; ; ) {
        const done = await inTransaction(async (trx) => {
          const items = (await strapi.db.query(WIRE_ITEM_UID).findMany({
            select: WIRE_FIELDS,
            where: { id: { $gt: after } },
            orderBy: { id: 'asc' },
            limit: BATCH,
          })) as WireIndexRow[];
          const kept = await held(trx, WIRE_ITEM_UID, items);
          await putMissing(
            trx,
            'wire',
            items.flatMap((item) => (kept.has(item.id) && wireEntryOf(item)) || [])
          );
          return items;
        });
        if (!done.length) break;
        wire += done.length;
        after = done[done.length - 1].id;
      }
      let articles = 0;
      for (let after = 0; ; ) {
        const done = await inTransaction(async (trx) => {
          const rows = strapi.db.query(ARTICLE_UID);
          const drafts = (await rows.findMany({
            select: ARTICLE_FIELDS,
            where: { id: { $gt: after }, publishedAt: null },
            orderBy: { id: 'asc' },
            limit: BATCH,
            populate: ARTICLE_POPULATE,
          })) as Array<ArticleIndexRow & { id: number }>;
          if (!drafts.length) return drafts;
          const served = (await rows.findMany({
            select: ARTICLE_FIELDS,
            where: { documentId: { $in: drafts.map((d) => d.documentId) }, ...SERVED },
            populate: ARTICLE_POPULATE,
          })) as Array<ArticleIndexRow & { id: number }>;
          const kept = await held(trx, ARTICLE_UID, [...drafts, ...served] as Array<{
            id: number;
          }>);
          const still = <T extends { id?: number }>(list: T[]) =>
            list.filter((row) => kept.has(Number(row.id)));
          await putMissing(trx, 'drafts', still(drafts).map(draftEntryOf));
          await putMissing(trx, 'public', still(served).map(servedEntryOf));
          if (served.length) await touchPublic(strapi, trx);
          return drafts;
        });
        if (!done.length) break;
        articles += done.length;
        after = done[done.length - 1].id;
      }
      return { wire, articles };
    },

    /** Brings a wire item's entry up to date with its row (removes it when the row is gone). */
    indexWireItem: (id: number) =>
      inTransaction(async (trx) => {
        const item = (await strapi.db.query(WIRE_ITEM_UID).findOne({
          select: WIRE_FIELDS,
          where: { id },
        })) as WireIndexRow | null;
        const entry = item && wireEntryOf(item);
        if (!entry) return drop(trx, 'wire', { itemId: id });
        await put(trx, 'wire', entry);
      }),

    /**
     * Indexes a wire item just created, from what was written (no read back, no old entry to
     * compare with: the ingest path pays only the insert).
     */
    indexNewWireItem: (
      id: number,
      data: {
        story?: WireStory | null;
        language?: string | null;
        subjects?: unknown;
        receivedAt?: unknown;
      }
    ) =>
      inTransaction(async (trx) => {
        const entry = wireEntryOf({ id, ...data });
        if (entry) await putMissing(trx, 'wire', [entry]);
      }),

    removeWireItem: (id: number) => inTransaction((trx) => drop(trx, 'wire', { itemId: id })),

    /**
     * Removes the entries of wire items deleted without the query engine (the retention purge),
     * in the deleting transaction `trx` when given.
     */
    removeWireItems: async (ids: number[], trx?: Knex) => {
      const run = async (t: Knex) => {
        for (const id of ids) await drop(t, 'wire', { itemId: id });
      };
      if (trx) await run(trx);
      else await inTransaction(run);
    },

    /**
     * Brings an article locale's entries up to date with its rows: the working copy's, and the
     * public one, present only while the published version is served.
     */
    indexArticle: (documentId: string, locale: string) =>
      inTransaction(async (trx) => {
        const key = { documentId, locale };
        const rows = strapi.db.query(ARTICLE_UID);
        const read = (where: Record<string, unknown>) =>
          rows.findOne({
            select: ARTICLE_FIELDS,
            where: { documentId, locale, ...where },
            populate: ARTICLE_POPULATE,
          }) as Promise<ArticleIndexRow | null>;
        const [draft, served] = await Promise.all([read({ publishedAt: null }), read(SERVED)]);
        if (draft) await put(trx, 'drafts', draftEntryOf(draft));
        else await drop(trx, 'drafts', key);
        if (served) await put(trx, 'public', servedEntryOf(served));
        else await drop(trx, 'public', key);
      }),

    /** Ranked hits within `params.within`, with their stored text for snippets. */
    find: (scope: SearchScope, params: FindParams) =>
      inTransaction((trx) => engine().find(trx, scope, params)),

    /** The keys matching a query: item ids (wire) or documentIds (articles, in `locale`). */
    matching: (scope: SearchScope, query: SearchQuery, locale?: string) =>
      engine().matching(strapi.db.connection, scope, query, locale),

    /** The keys carrying any of `codes`: item ids (wire) or documentIds (articles, in `locale`). */
    withSubjects(scope: SearchScope, codes: string[], locale?: string) {
      const knex = strapi.db.connection;
      const q = knex(SUBJECTS).where({ scope }).whereIn('code', codes);
      return scope === 'wire'
        ? q.select(knex.raw('CAST(ref AS integer)'))
        : q.where({ locale: locale ?? '' }).select('ref');
    },
  };
  return self;
};

export type SearchIndexService = ReturnType<typeof searchIndexService>;
export default searchIndexService;
