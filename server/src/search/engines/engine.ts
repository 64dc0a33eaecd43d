import type { Knex } from 'knex';
import type { SearchDocument } from '../domain/documents';
import type { SearchQuery } from '../domain/query';

/**
 * The three indexes: wire items, articles' working copies (for editors) and published articles
 * (for readers: only what is served is in it, so unpublished words weigh on no count or rank).
 */
export type SearchScope = 'wire' | 'drafts' | 'public';

/** A row's key: a wire item's id, or an article's documentId and locale. */
export type SearchKey = { itemId: number } | { documentId: string; locale: string };

export interface IndexEntry {
  key: SearchKey;
  document: SearchDocument;
  /** When the row counts as new: receipt, last change or first publication. */
  sortAt: Date | null;
  /** The subject codes filed with the row, for `?subject=` filters. */
  codes: string[];
}

/** The entry's key columns as the engine's query names them (`s.item_id`, `s.document_id`…). */
export interface OuterKey {
  itemId?: string;
  documentId?: string;
  locale?: string;
}

export interface FindParams {
  query: SearchQuery;
  /**
   * The rows the caller may see and that pass its filters, as a subquery correlated with the
   * entry's key columns (given as `outer`): run as `EXISTS`, so each match is probed by its key
   * instead of every row being read first. Absent: every entry may match.
   */
  within?: (outer: OuterKey) => Knex.QueryBuilder;
  /** Articles only: the locale searched. */
  locale?: string;
  /**
   * Entries whose time (`sortAt`) falls in this range, from inclusive, to exclusive: a filter
   * `within` holds too, given again so that an engine can bound its walk of the newest entries.
   */
  sortAt?: { from?: Date; to?: Date };
  sort: 'relevance' | 'time';
  offset: number;
  limit: number;
}

export interface Hit {
  key: SearchKey;
  config: string;
  body: string;
  standfirst: string;
}

export interface SearchEngine {
  /** Creates the tables and indexes when missing. */
  ensure(knex: Knex): Promise<void>;
  /** Drops the tables (before an index of another version is built). */
  drop(knex: Knex): Promise<void>;
  /** The digest stored with an entry, or null when there is none. */
  digestOf(trx: Knex, scope: SearchScope, key: SearchKey): Promise<string | null>;
  /** Writes an entry and its subjects, with the digest of what it holds (see search-index's `put`). */
  upsert(trx: Knex, scope: SearchScope, entry: IndexEntry, digest: string): Promise<void>;
  /**
   * Writes entries whose key has none yet, in a few statements (a rebuild's batch: an entry a
   * concurrent write made meanwhile is newer, and stays). Returns the keys written.
   */
  insertMissing(
    trx: Knex,
    scope: SearchScope,
    entries: Array<{ entry: IndexEntry; digest: string }>
  ): Promise<SearchKey[]>;
  /** Removes an entry and its subjects. */
  remove(trx: Knex, scope: SearchScope, key: SearchKey): Promise<void>;
  find(trx: Knex, scope: SearchScope, params: FindParams): Promise<{ hits: Hit[]; total: number }>;
  /** The keys matching the query, as a subquery (a filter for lists ordered their own way). */
  matching(trx: Knex, scope: SearchScope, query: SearchQuery, locale?: string): Knex.QueryBuilder;
  /** Drops every entry of a scope, and their subjects (before a rebuild). */
  clear(trx: Knex, scope: SearchScope): Promise<void>;
}

export const TABLES: Record<SearchScope, string> = {
  wire: 'newsroom_search_wire',
  drafts: 'newsroom_search_drafts',
  public: 'newsroom_search_public',
};

export const isItem = (key: SearchKey): key is { itemId: number } => 'itemId' in key;

/** The key of an index row, as either engine returns it. */
export const keyOfRow = (
  scope: SearchScope,
  row: { id?: unknown; item_id?: unknown; document_id?: unknown; locale?: unknown }
): SearchKey =>
  scope === 'wire'
    ? { itemId: Number(row.item_id ?? row.id) }
    : { documentId: String(row.document_id), locale: String(row.locale) };

/** Rows per statement of a batched write (well under both engines' limits on bound values). */
export const ROWS_PER_STATEMENT = 100;

/**
 * Subject codes of every indexed row, written and removed with its entry (a parent code is
 * expanded by the caller). `ref` is the item id or the documentId; `locale` is '' for wire.
 */
export const SUBJECTS = 'newsroom_search_subjects';

/** Creates the subjects table when missing (both engines write it, in their own SQL). */
export const ensureSubjectsTable = async (knex: Knex) => {
  await knex.raw(
    `CREATE TABLE IF NOT EXISTS ?? (scope varchar(8) NOT NULL, ref varchar(255) NOT NULL, locale varchar(255) NOT NULL, code varchar(100) NOT NULL, PRIMARY KEY (scope, ref, locale, code))`,
    [SUBJECTS]
  );
  // Codes to keys, from the index alone (a subject filter reads thousands of them).
  await knex.raw('DROP INDEX IF EXISTS ??', [`${SUBJECTS}_code_idx`]);
  await knex.raw('CREATE INDEX IF NOT EXISTS ?? ON ?? (scope, code, locale, ref)', [
    `${SUBJECTS}_code_ref_idx`,
    SUBJECTS,
  ]);
};

export const dropSubjectsTable = (knex: Knex) => knex.raw('DROP TABLE IF EXISTS ??', [SUBJECTS]);

/** The subject rows of a scope's entry. */
export const subjectRef = (key: SearchKey) =>
  isItem(key)
    ? { ref: String(key.itemId), locale: '' }
    : { ref: key.documentId, locale: key.locale };

/** The subject rows of entries, ready to insert. */
export const subjectRows = (scope: SearchScope, entries: IndexEntry[]) =>
  entries.flatMap(({ key, codes }) => codes.map((code) => ({ scope, ...subjectRef(key), code })));
