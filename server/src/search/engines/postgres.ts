/**
 * PostgreSQL full-text search: one `tsvector` per row, built in that row's own configuration
 * (Russian, English, or `simple` for any other language), weighted headline A, standfirst B,
 * the rest C, under a GIN index. PostgreSQL stems, with configurations of the plugin's own
 * that keep stop words (as SQLite does): "Bank of England" must find the Bank of England.
 * The text is folded in code first (lower case, NFC, `ё` as `е`), so a database whose
 * `LC_CTYPE` is `C` still finds `Путин` by `путин`.
 */
import type { Knex } from 'knex';
import { tsQuerySql } from '../domain/query';
import type { SearchConfig } from '../domain/stemming';
import { fold } from '../domain/text';
import type { SearchDocument } from '../domain/documents';
import {
  ROWS_PER_STATEMENT,
  TABLES,
  isItem,
  keyOfRow,
  type FindParams,
  type SearchEngine,
  type SearchKey,
  type SearchScope,
} from './engine';

/** The plugin's text search configurations: PostgreSQL's Snowball stemmers without stop words. */
const CONFIGS: Record<SearchConfig, string> = {
  russian: 'newsroom_russian',
  english: 'newsroom_english',
  simple: 'simple',
};
/** Takes concurrent starts one at a time while they create the configurations. */
const CONFIG_LOCK = 7_316_004;

const keyColumns = (scope: SearchScope) =>
  scope === 'wire' ? ['item_id'] : ['document_id', 'locale'];
const keyValues = (key: SearchKey) => (isItem(key) ? [key.itemId] : [key.documentId, key.locale]);
const whereKey = (scope: SearchScope, key: SearchKey) =>
  Object.fromEntries(keyColumns(scope).map((c, i) => [c, keyValues(key)[i]]));

const VECTOR = `setweight(to_tsvector(?::regconfig, ?), 'A') || setweight(to_tsvector(?::regconfig, ?), 'B') || setweight(to_tsvector(?::regconfig, ?), 'C')`;

const columnsSql = (keys: string[]) =>
  `${keys.map(() => '??').join(', ')}, language, config, sort_at, digest, headline, standfirst, body, document`;
/** One entry's placeholders, in the order of `columnsSql` and `valuesOf`. */
const VALUES = (keys: string[]) => `(${keys.map(() => '?').join(', ')}, ?, ?, ?, ?, ?, ?, ?, ${VECTOR})`;
const valuesOf = (key: SearchKey, doc: SearchDocument, sortAt: Date | null, digest: string) => {
  const config = CONFIGS[doc.config];
  return [
    ...keyValues(key),
    doc.language,
    doc.config,
    sortAt,
    digest,
    doc.headline,
    doc.standfirst,
    doc.text,
    config,
    fold(doc.headline),
    config,
    fold(doc.standfirst),
    config,
    fold(doc.text),
  ];
};

const ensureConfigs = (knex: Knex) =>
  knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [CONFIG_LOCK]);
    const { rows } = (await trx.raw(
      "SELECT cfgname FROM pg_ts_config WHERE cfgname IN ('newsroom_russian', 'newsroom_english') AND cfgnamespace = current_schema()::regnamespace"
    )) as { rows: Array<{ cfgname: string }> };
    const has = new Set(rows.map((r) => r.cfgname));
    if (has.size === 2) return;
    for (const language of ['russian', 'english'])
      await trx.raw(
        `DO $$ BEGIN CREATE TEXT SEARCH DICTIONARY newsroom_${language}_stem (TEMPLATE = snowball, Language = ${language}); EXCEPTION WHEN duplicate_object THEN NULL; END $$`
      );
    if (!has.has('newsroom_russian')) {
      await trx.raw('CREATE TEXT SEARCH CONFIGURATION newsroom_russian (COPY = russian)');
      await trx.raw(
        'ALTER TEXT SEARCH CONFIGURATION newsroom_russian ALTER MAPPING FOR word, hword, hword_part WITH newsroom_russian_stem'
      );
      await trx.raw(
        'ALTER TEXT SEARCH CONFIGURATION newsroom_russian ALTER MAPPING FOR asciiword, asciihword, hword_asciipart WITH newsroom_english_stem'
      );
    }
    if (!has.has('newsroom_english')) {
      await trx.raw('CREATE TEXT SEARCH CONFIGURATION newsroom_english (COPY = english)');
      await trx.raw(
        'ALTER TEXT SEARCH CONFIGURATION newsroom_english ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH newsroom_english_stem'
      );
    }
  });

const querySql = (params: { query: FindParams['query'] }) => tsQuerySql(params.query, CONFIGS);

export const postgresEngine: SearchEngine = {
  async ensure(knex) {
    await ensureConfigs(knex);
    for (const scope of Object.keys(TABLES) as SearchScope[]) {
      const table = TABLES[scope];
      const [key, primary] =
        scope === 'wire'
          ? ['item_id integer PRIMARY KEY', '']
          : [
              'document_id varchar(255) NOT NULL, locale varchar(255) NOT NULL',
              ', PRIMARY KEY (document_id, locale)',
            ];
      await knex.raw(
        `CREATE TABLE IF NOT EXISTS ?? (${key}, language varchar(35), config varchar(16) NOT NULL, sort_at timestamptz, digest varchar(64) NOT NULL, headline text NOT NULL, standfirst text NOT NULL, body text NOT NULL, document tsvector NOT NULL${primary})`,
        [table]
      );
      await knex.raw('CREATE INDEX IF NOT EXISTS ?? ON ?? USING GIN (document)', [
        `${table}_document_idx`,
        table,
      ]);
      await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (sort_at)`, [`${table}_sort_idx`, table]);
    }
  },

  async drop(knex) {
    for (const table of Object.values(TABLES)) await knex.raw('DROP TABLE IF EXISTS ??', [table]);
  },

  async digestOf(trx, scope, key) {
    const row = (await trx(TABLES[scope]).select('digest').where(whereKey(scope, key)).first()) as
      | { digest: string }
      | undefined;
    return row?.digest ?? null;
  },

  async upsert(trx, scope, { key, document, sortAt }, digest) {
    const keys = keyColumns(scope);
    await trx.raw(
      `INSERT INTO ?? (${columnsSql(keys)}) VALUES ${VALUES(keys)}
       ON CONFLICT (${keys.map(() => '??').join(', ')}) DO UPDATE SET language = excluded.language, config = excluded.config,
         sort_at = excluded.sort_at, digest = excluded.digest, headline = excluded.headline,
         standfirst = excluded.standfirst, body = excluded.body, document = excluded.document`,
      [TABLES[scope], ...keys, ...valuesOf(key, document, sortAt, digest), ...keys]
    );
  },

  async insertMissing(trx, scope, entries) {
    const keys = keyColumns(scope);
    const written: SearchKey[] = [];
    for (let i = 0; i < entries.length; i += ROWS_PER_STATEMENT) {
      const chunk = entries.slice(i, i + ROWS_PER_STATEMENT);
      const { rows } = (await trx.raw(
        `INSERT INTO ?? (${columnsSql(keys)}) VALUES ${chunk.map(() => VALUES(keys)).join(', ')}
         ON CONFLICT DO NOTHING RETURNING ${keys.map(() => '??').join(', ')}`,
        [
          TABLES[scope],
          ...keys,
          ...chunk.flatMap(({ entry, digest }) =>
            valuesOf(entry.key, entry.document, entry.sortAt, digest)
          ),
          ...keys,
        ]
      )) as { rows: Array<Record<string, unknown>> };
      written.push(...rows.map((row) => keyOfRow(scope, row)));
    }
    return written;
  },

  async remove(trx, scope, key) {
    await trx(TABLES[scope]).where(whereKey(scope, key)).delete();
  },

  async clear(trx, scope) {
    await trx(TABLES[scope]).delete();
  },

  matching(trx, scope, query, locale) {
    const tsq = querySql({ query });
    const q = trx(TABLES[scope])
      .select(scope === 'wire' ? 'item_id' : 'document_id')
      .whereRaw(`document @@ (${tsq.sql})`, tsq.bindings);
    return locale === undefined ? q : q.where('locale', locale);
  },

  async find(trx, scope, params: FindParams) {
    const tsq = querySql(params);
    const keyColumn = scope === 'wire' ? 's.item_id' : 's.document_id';
    const base = () => {
      const q = trx(`${TABLES[scope]} as s`)
        .joinRaw(`CROSS JOIN (SELECT ${tsq.sql} AS q) AS query`, tsq.bindings)
        .whereRaw('s.document @@ query.q');
      if (params.within)
        q.whereExists(
          params.within(
            scope === 'wire'
              ? { itemId: 's.item_id' }
              : { documentId: 's.document_id', locale: 's.locale' }
          )
        );
      return params.locale === undefined ? q : q.where('s.locale', params.locale);
    };
    const [{ total }] = (await base().count({ total: '*' })) as Array<{ total: string | number }>;
    const rows = (await base()
      .select(
        ...(scope === 'wire' ? ['s.item_id'] : ['s.document_id', 's.locale']),
        's.config',
        's.standfirst',
        's.body',
        trx.raw('ts_rank_cd(s.document, query.q) AS rank')
      )
      .orderByRaw(
        params.sort === 'time'
          ? 's.sort_at DESC NULLS LAST'
          : 'rank DESC, s.sort_at DESC NULLS LAST'
      )
      .orderBy(keyColumn, 'desc')
      .offset(params.offset)
      .limit(params.limit)) as Array<{
      item_id?: number;
      document_id?: string;
      locale?: string;
      config: string;
      standfirst: string;
      body: string;
    }>;
    return {
      total: Number(total),
      hits: rows.map((r) => ({
        key:
          scope === 'wire'
            ? { itemId: Number(r.item_id) }
            : { documentId: r.document_id!, locale: r.locale! },
        config: r.config,
        standfirst: r.standfirst,
        body: r.body,
      })),
    };
  },
};
