/**
 * PostgreSQL full-text search: one `tsvector` per row, built in that row's own configuration
 * (Russian, English, or `simple` for any other language), weighted headline A, standfirst B,
 * the rest C. Matched on that vector stripped of positions and weights, under a GIN index;
 * ranked on the full one. PostgreSQL stems, with configurations of the plugin's own
 * that keep stop words (as SQLite does): "Bank of England" must find the Bank of England.
 * The text is folded in code first (lower case, NFC, `ё` as `е`), so a database whose
 * `LC_CTYPE` is `C` still finds `Путин` by `путин`.
 */
import type { Knex } from 'knex';
import { tsQuerySql } from '../domain/query';
import type { SearchConfig } from '../domain/stemming';
import { fold } from '../domain/text';
import {
  ROWS_PER_STATEMENT,
  SUBJECTS,
  TABLES,
  dropSubjectsTable,
  ensureSubjectsTable,
  isItem,
  keyOfRow,
  type FindParams,
  type Hit,
  type IndexEntry,
  type SearchEngine,
  type SearchKey,
  type SearchScope,
  subjectRef,
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

/** One entry's placeholders, in the order of `valuesOf`: the vector is built once per entry. */
const VALUES = (scope: SearchScope) =>
  `(${(scope === 'wire' ? ['?::integer'] : ['?::varchar', '?::varchar']).join(', ')}, ?::varchar, ?::varchar, ?::timestamptz, ?::varchar, ${VECTOR}, ?::text, ?::text, ?::text, ?::jsonb)`;
const valuesOf = ({ key, document: doc, sortAt, codes }: IndexEntry, digest: string) => {
  const config = CONFIGS[doc.config];
  return [
    ...keyValues(key),
    doc.language,
    doc.config,
    sortAt,
    digest,
    config,
    fold(doc.headline),
    config,
    fold(doc.standfirst),
    config,
    fold(doc.text),
    doc.headline,
    doc.standfirst,
    doc.text,
    JSON.stringify(codes),
  ];
};

const texts = (scope: SearchScope) => `${TABLES[scope]}_text`;

/**
 * Writes entries and, beside them, their original text (for snippets) and their subjects, in
 * one statement: an ingest pays one round trip for its index entry. Each entry is matched on
 * its vector stripped of positions and weights (`strip`: about half the size, and each match
 * check three times cheaper) and ranked on the full one. `replace`: an entry already there is
 * replaced (its subjects deleted first by the caller); else it stays, with its text and subjects
 * (a rebuild's batch: a concurrent write made it, and is newer). Returns the keys written.
 */
const writeEntries = async (
  trx: Knex,
  scope: SearchScope,
  rows: Array<{ entry: IndexEntry; digest: string }>,
  replace: boolean
): Promise<SearchKey[]> => {
  const keys = keyColumns(scope);
  const keyList = keys.join(', ');
  const onConflict = replace
    ? `ON CONFLICT (${keyList}) DO UPDATE SET language = excluded.language, config = excluded.config,
         sort_at = excluded.sort_at, digest = excluded.digest, document = excluded.document, ranking = excluded.ranking`
    : 'ON CONFLICT DO NOTHING';
  const [ref, locale] =
    scope === 'wire' ? ['v.item_id::text', "''"] : ['v.document_id', 'v.locale'];
  // `v` is read three times, so PostgreSQL computes it (and each vector) once.
  const { rows: written } = (await trx.raw(
    `WITH v (${keyList}, language, config, sort_at, digest, vector, headline, standfirst, body, codes) AS (
       VALUES ${rows.map(() => VALUES(scope)).join(', ')}
     ), entry AS (
       INSERT INTO ?? (${keyList}, language, config, sort_at, digest, document, ranking)
       SELECT ${keyList}, language, config, sort_at, digest, strip(vector), vector FROM v
       ${onConflict} RETURNING ${keyList}
     ), text AS (
       INSERT INTO ?? (${keyList}, headline, standfirst, body)
       SELECT ${keys.map((k) => `v.${k}`).join(', ')}, v.headline, v.standfirst, v.body
       FROM v JOIN entry USING (${keyList})
       ON CONFLICT (${keyList}) DO UPDATE SET headline = excluded.headline,
         standfirst = excluded.standfirst, body = excluded.body
     ), subject AS (
       INSERT INTO ?? (scope, ref, locale, code)
       SELECT ?, ${ref}, ${locale}, code
       FROM v JOIN entry USING (${keyList}) CROSS JOIN LATERAL jsonb_array_elements_text(v.codes) AS code
       ON CONFLICT DO NOTHING
     )
     SELECT ${keyList} FROM entry`,
    [
      ...rows.flatMap(({ entry, digest }) => valuesOf(entry, digest)),
      TABLES[scope],
      texts(scope),
      SUBJECTS,
      scope,
    ]
  )) as { rows: Array<Record<string, unknown>> };
  return written.map((row) => keyOfRow(scope, row));
};

const deleteSubjects = (trx: Knex, scope: SearchScope, key: SearchKey) =>
  trx(SUBJECTS)
    .where({ scope, ...subjectRef(key) })
    .delete();

/**
 * Relevance ranks the newest matches, at most this many: `ts_rank_cd` reads each row's whole
 * positional `tsvector`, and a one-word query over a large wire matches tens of thousands of
 * rows. The total is then the number ranked (every page of it can be read); sorted by time,
 * every match is paged and counted.
 */
export const RANKED_MATCHES = 1000;

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
          ? ['item_id integer', 'PRIMARY KEY (item_id)']
          : [
              'document_id varchar(255) NOT NULL, locale varchar(255) NOT NULL',
              'PRIMARY KEY (document_id, locale)',
            ];
      // The entry holds the key, time and tsvector; the text read for snippets lives apart.
      await knex.raw(
        `CREATE TABLE IF NOT EXISTS ?? (${key}, language varchar(35), config varchar(16) NOT NULL, sort_at timestamptz, digest varchar(64) NOT NULL, document tsvector NOT NULL, ranking tsvector NOT NULL, ${primary})`,
        [table]
      );
      // The ranking vector leaves the row when the row grows past PostgreSQL's 2 kB threshold,
      // uncompressed (it is read for the newest 1,000 matches only): the match vector stays.
      await knex.raw('ALTER TABLE ?? ALTER COLUMN ranking SET STORAGE EXTERNAL', [table]);
      await knex.raw(
        `CREATE TABLE IF NOT EXISTS ?? (${key}, headline text NOT NULL, standfirst text NOT NULL, body text NOT NULL, ${primary})`,
        [texts(scope)]
      );
      await knex.raw('CREATE INDEX IF NOT EXISTS ?? ON ?? USING GIN (document)', [
        `${table}_document_idx`,
        table,
      ]);
      // In the order searches read it: newest first.
      await knex.raw(
        `CREATE INDEX IF NOT EXISTS ?? ON ?? (sort_at DESC NULLS LAST, ${keyColumns(scope)[0]} DESC)`,
        [`${table}_newest_idx`, table]
      );
    }
    await ensureSubjectsTable(knex);
  },

  async drop(knex) {
    for (const scope of Object.keys(TABLES) as SearchScope[]) {
      await knex.raw('DROP TABLE IF EXISTS ??', [texts(scope)]);
      await knex.raw('DROP TABLE IF EXISTS ??', [TABLES[scope]]);
    }
    await dropSubjectsTable(knex);
  },

  async digestOf(trx, scope, key) {
    const row = (await trx(TABLES[scope]).select('digest').where(whereKey(scope, key)).first()) as
      | { digest: string }
      | undefined;
    return row?.digest ?? null;
  },

  async upsert(trx, scope, entry, digest) {
    await deleteSubjects(trx, scope, entry.key);
    await writeEntries(trx, scope, [{ entry, digest }], true);
  },

  async insertMissing(trx, scope, entries) {
    const written: SearchKey[] = [];
    for (let i = 0; i < entries.length; i += ROWS_PER_STATEMENT)
      written.push(
        ...(await writeEntries(trx, scope, entries.slice(i, i + ROWS_PER_STATEMENT), false))
      );
    return written;
  },

  async remove(trx, scope, key) {
    await deleteSubjects(trx, scope, key);
    await trx(texts(scope)).where(whereKey(scope, key)).delete();
    await trx(TABLES[scope]).where(whereKey(scope, key)).delete();
  },

  async clear(trx, scope) {
    await trx(SUBJECTS).where({ scope }).delete();
    await trx(texts(scope)).delete();
    await trx(TABLES[scope]).delete();
  },

  matching(trx, scope, query, locale) {
    const tsq = querySql({ query });
    const q = trx(TABLES[scope])
      .select(scope === 'wire' ? 'item_id' : 'document_id')
      .joinRaw(`CROSS JOIN (SELECT ${tsq.sql} AS q) AS query`, tsq.bindings)
      .whereRaw('document @@ query.q');
    return locale === undefined ? q : q.where('locale', locale);
  },

  async find(trx, scope, params: FindParams) {
    // The tsquery is built first, then searched as a constant: the planner sees the very
    // query, and the index alone answers it (joined as a computed value, the same tsquery made
    // the bitmap scan check each match again, six times slower; inline, to_tsquery, being only
    // stable, would run again for every row checked).
    const tsq = querySql(params);
    const built = (await trx.raw(`SELECT (${tsq.sql})::text AS q`, tsq.bindings)) as {
      rows: Array<{ q: string }>;
    };
    const tsquery = built.rows[0].q;
    const wire = scope === 'wire';
    const keys = keyColumns(scope).map((c) => `s.${c}`);
    const matches = () => {
      const q = trx(`${TABLES[scope]} as s`).whereRaw('s.document @@ ?::tsquery', [tsquery]);
      if (params.within)
        q.whereExists(
          params.within(
            wire ? { itemId: 's.item_id' } : { documentId: 's.document_id', locale: 's.locale' }
          )
        );
      if (params.sortAt?.from) q.where('s.sort_at', '>=', params.sortAt.from);
      if (params.sortAt?.to) q.where('s.sort_at', '<', params.sortAt.to);
      return params.locale === undefined ? q : q.where('s.locale', params.locale);
    };
    const search = async (): Promise<{ hits: Hit[]; total: number }> => {
      // Newest first, as the entries' time index runs (a match check per row walked).
      const newest = (q: Knex.QueryBuilder) =>
        q.orderByRaw('s.sort_at DESC NULLS LAST').orderBy(keys[0], 'desc');
      let total: number;
      let page: Array<Record<string, unknown>>;
      if (params.sort === 'time') {
        const [counted] = (await matches().count({ total: '*' })) as Array<{ total: string }>;
        total = Number(counted.total);
        page = total
          ? await newest(matches().select(...keys))
              .offset(params.offset)
              .limit(params.limit)
          : [];
      } else {
        // The newest RANKED_MATCHES matches, then each ranked: ranked inside the limited query,
        // PostgreSQL would rank every match before keeping the newest. Ordered here.
        const newestMatches = newest(matches().select(...keys, 's.sort_at', 's.ranking')).limit(
          RANKED_MATCHES
        );
        const window = (await trx
          .select(
            ...keyColumns(scope).map((c) => `c.${c}`),
            trx.raw('ts_rank_cd(c.ranking, ?::tsquery) AS rank', [tsquery])
          )
          .from(newestMatches.as('c'))
          .orderByRaw('c.sort_at DESC NULLS LAST')
          .orderBy(`c.${keyColumns(scope)[0]}`, 'desc')) as Array<
          Record<string, unknown> & { rank: number }
        >;
        total = window.length;
        page = window
          .map((row, newness) => ({ row, newness, rank: Number(row.rank) }))
          .sort((a, b) => b.rank - a.rank || a.newness - b.newness)
          .slice(params.offset, params.offset + params.limit)
          .map(({ row }) => row);
      }
      const pageKeys = page.map((r) => keyOfRow(scope, r as never));
      if (!pageKeys.length) return { total, hits: [] };
      const stored = (await trx(`${TABLES[scope]} as s`)
        .join(`${texts(scope)} as t`, (on) => {
          for (const column of keyColumns(scope)) on.on(`t.${column}`, `s.${column}`);
        })
        .select(...keys, 's.config', 't.standfirst', 't.body')
        .whereIn(
          keys,
          pageKeys.map((key) => keyValues(key))
        )) as Array<Record<string, unknown> & { config: string; standfirst: string; body: string }>;
      const byKey = new Map(stored.map((r) => [JSON.stringify(keyOfRow(scope, r as never)), r]));
      return {
        total,
        hits: pageKeys.flatMap((key) => {
          const r = byKey.get(JSON.stringify(key));
          return r ? [{ key, config: r.config, standfirst: r.standfirst, body: r.body }] : [];
        }),
      };
    };
    // Never a sequential scan of the entries: the planner underrates the match check on each
    // row's tsvector (10–25 µs) and would read the whole table rather than the GIN index. Only
    // for this search: the setting ends with it, also inside a caller's transaction.
    await trx.raw('SET LOCAL enable_seqscan = off');
    try {
      return await search();
    } finally {
      await trx.raw('SET LOCAL enable_seqscan = DEFAULT').catch(() => undefined);
    }
  },
};
