/**
 * PostgreSQL full-text search: one `tsvector` per row, built in that row's own configuration
 * (`russian`, `english`, or `simple` for any other language), weighted headline A, standfirst
 * B, the rest C, under a GIN index. PostgreSQL stems; the text it stems has `ё` folded.
 */
import type { Knex } from 'knex';
import { tsQuerySql } from '../domain/query';
import {
  TABLES,
  isItem,
  type FindParams,
  type IndexEntry,
  type SearchEngine,
  type SearchKey,
  type SearchScope,
} from './engine';

const foldYo = (text: string) => text.replace(/ё/gu, 'е').replace(/Ё/gu, 'Е');

const keyColumns = (scope: SearchScope) =>
  scope === 'wire' ? ['item_id'] : ['document_id', 'locale'];
const keyValues = (key: SearchKey) => (isItem(key) ? [key.itemId] : [key.documentId, key.locale]);

const VECTOR = `setweight(to_tsvector(?::regconfig, ?), 'A') || setweight(to_tsvector(?::regconfig, ?), 'B') || setweight(to_tsvector(?::regconfig, ?), 'C')`;

export const postgresEngine: SearchEngine = {
  async ensure(knex) {
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
        `CREATE TABLE IF NOT EXISTS ?? (${key}, language varchar(35), config varchar(16) NOT NULL, sort_at timestamptz, headline text NOT NULL, standfirst text NOT NULL, body text NOT NULL, document tsvector NOT NULL${primary})`,
        [table]
      );
      await knex.raw('CREATE INDEX IF NOT EXISTS ?? ON ?? USING GIN (document)', [
        `${table}_document_idx`,
        table,
      ]);
      await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (sort_at)`, [`${table}_sort_idx`, table]);
    }
  },

  async upsert(trx, scope, { key, document: doc, sortAt }) {
    const keys = keyColumns(scope);
    const config = doc.config;
    await trx.raw(
      `INSERT INTO ?? (${keys.map(() => '??').join(', ')}, language, config, sort_at, headline, standfirst, body, document)
       VALUES (${keys.map(() => '?').join(', ')}, ?, ?, ?, ?, ?, ?, ${VECTOR})
       ON CONFLICT (${keys.map(() => '??').join(', ')}) DO UPDATE SET language = excluded.language, config = excluded.config,
         sort_at = excluded.sort_at, headline = excluded.headline, standfirst = excluded.standfirst,
         body = excluded.body, document = excluded.document`,
      [
        TABLES[scope],
        ...keys,
        ...keyValues(key),
        doc.language,
        config,
        sortAt,
        doc.headline,
        doc.standfirst,
        doc.text,
        config,
        foldYo(doc.headline),
        config,
        foldYo(doc.standfirst),
        config,
        foldYo(doc.text),
        ...keys,
      ]
    );
  },

  async remove(trx, scope, key) {
    const where = Object.fromEntries(keyColumns(scope).map((c, i) => [c, keyValues(key)[i]]));
    await trx(TABLES[scope]).where(where).delete();
  },

  async clear(trx, scope) {
    await trx(TABLES[scope]).delete();
  },

  matching(trx, scope, query, locale) {
    const tsq = tsQuerySql(query);
    const q = trx(TABLES[scope])
      .select(scope === 'wire' ? 'item_id' : 'document_id')
      .whereRaw(`document @@ (${tsq.sql})`, tsq.bindings);
    return locale === undefined ? q : q.where('locale', locale);
  },

  async find(trx, scope, params: FindParams) {
    const tsq = tsQuerySql(params.query);
    const keyColumn = scope === 'wire' ? 's.item_id' : 's.document_id';
    const base = () => {
      const q = trx(`${TABLES[scope]} as s`)
        .joinRaw(`CROSS JOIN (SELECT ${tsq.sql} AS q) AS query`, tsq.bindings)
        .whereRaw('s.document @@ query.q');
      if (params.within) q.whereIn(keyColumn, params.within);
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
