/**
 * SQLite full-text search: an FTS5 table beside each index, holding the words' Snowball stems
 * (SQLite has no stemmer of its own), with the original text kept apart for snippets. Ranked by
 * FTS5's bm25, weighted headline 10, standfirst 4, the rest 1. The FTS5 table keeps its content
 * (a contentless one never takes a deleted row out of bm25's counts, so a killed story would
 * still weigh on the public ranking).
 *
 * Three tables per index, all sharing one id: the entry (key, language, time, digest: small, so
 * that joining thousands of matches to it reads few pages), the FTS5 table, and the original
 * text, read for the page of hits only. Counting and ranking read the FTS5 table alone where
 * they can (a wire entry's id is its item's).
 */
import type { Knex } from 'knex';
import type { SearchDocument } from '../domain/documents';
import { fts5Match } from '../domain/query';
import { stemmedText } from '../domain/stemming';
import {
  ROWS_PER_STATEMENT,
  SUBJECTS,
  TABLES,
  dropSubjectsTable,
  ensureSubjectsTable,
  isItem,
  keyOfRow,
  type FindParams,
  type SearchEngine,
  type SearchKey,
  type SearchScope,
  type IndexEntry,
  subjectRef,
  subjectRows,
} from './engine';

const fts = (scope: SearchScope) => `${TABLES[scope]}_fts`;
const texts = (scope: SearchScope) => `${TABLES[scope]}_text`;

const whereKey = (key: SearchKey) =>
  isItem(key) ? { id: key.itemId } : { document_id: key.documentId, locale: key.locale };

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : []);

const fieldsOf = (doc: SearchDocument, sortAt: Date | null, digest: string) => ({
  language: doc.language,
  config: doc.config,
  sort_at: sortAt ? sortAt.getTime() : null,
  digest,
});

/** Each entry's text: its stems in the FTS5 row, the original beside it, both under the entry's id. */
const insertText = async (
  trx: Knex,
  scope: SearchScope,
  rows: Array<{ id: number; doc: SearchDocument }>
) => {
  if (!rows.length) return;
  const values = rows.map(() => '(?, ?, ?, ?)').join(', ');
  await trx.raw(`INSERT INTO ?? (rowid, headline, standfirst, body) VALUES ${values}`, [
    fts(scope),
    ...rows.flatMap(({ id, doc }) => [
      id,
      stemmedText(doc.headline, doc.config),
      stemmedText(doc.standfirst, doc.config),
      stemmedText(doc.text, doc.config),
    ]),
  ]);
  await trx.raw(`INSERT INTO ?? (id, headline, standfirst, body) VALUES ${values}`, [
    texts(scope),
    ...rows.flatMap(({ id, doc }) => [id, doc.headline, doc.standfirst, doc.text]),
  ]);
};

// The write path's statements are plain SQL: an ingest pays for each one knex would build.
const insertSubjects = async (trx: Knex, scope: SearchScope, entries: IndexEntry[]) => {
  const rows = subjectRows(scope, entries);
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    await trx.raw(
      `INSERT INTO ?? (scope, ref, locale, code) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}`,
      [SUBJECTS, ...chunk.flatMap((row) => [row.scope, row.ref, row.locale, row.code])]
    );
  }
};

const deleteSubjects = (trx: Knex, scope: SearchScope, key: SearchKey) =>
  trx(SUBJECTS)
    .where({ scope, ...subjectRef(key) })
    .delete();

const deleteText = async (trx: Knex, scope: SearchScope, id: number) => {
  await trx.raw('DELETE FROM ?? WHERE rowid = ?', [fts(scope), id]);
  await trx(texts(scope)).where({ id }).delete();
};

export const sqliteEngine: SearchEngine = {
  async ensure(knex) {
    for (const scope of Object.keys(TABLES) as SearchScope[]) {
      const table = TABLES[scope];
      // Wire entries take their item's id; articles get one of their own, unique per locale.
      const [key, unique] =
        scope === 'wire'
          ? ['id INTEGER PRIMARY KEY', '']
          : [
              'id INTEGER PRIMARY KEY AUTOINCREMENT, document_id varchar(255) NOT NULL, locale varchar(255) NOT NULL',
              ', UNIQUE (document_id, locale)',
            ];
      await knex.raw(
        `CREATE TABLE IF NOT EXISTS ?? (${key}, language varchar(35), config varchar(16) NOT NULL, sort_at datetime, digest varchar(64) NOT NULL${unique})`,
        [table]
      );
      await knex.raw(
        'CREATE TABLE IF NOT EXISTS ?? (id INTEGER PRIMARY KEY, headline text NOT NULL, standfirst text NOT NULL, body text NOT NULL)',
        [texts(scope)]
      );
      await knex.raw(
        `CREATE VIRTUAL TABLE IF NOT EXISTS ?? USING fts5(headline, standfirst, body, tokenize='unicode61 remove_diacritics 0')`,
        [fts(scope)]
      );
      await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (sort_at)`, [`${table}_sort_idx`, table]);
      // Each write commits a small segment; FTS5 merges them four at a time by default, a
      // merge of large segments landing on one unlucky write. Eight at a time halves the
      // merging a write pays and its worst case, for a few more segments read per search.
      await knex.raw(`INSERT INTO ?? (??, rank) VALUES ('automerge', 8)`, [fts(scope), fts(scope)]);
    }
    await ensureSubjectsTable(knex);
  },

  async drop(knex) {
    for (const scope of Object.keys(TABLES) as SearchScope[]) {
      await knex.raw('DROP TABLE IF EXISTS ??', [fts(scope)]);
      await knex.raw('DROP TABLE IF EXISTS ??', [texts(scope)]);
      await knex.raw('DROP TABLE IF EXISTS ??', [TABLES[scope]]);
    }
    await dropSubjectsTable(knex);
  },

  async digestOf(trx, scope, key) {
    const row = (await trx(TABLES[scope]).select('digest').where(whereKey(key)).first()) as
      | { digest: string }
      | undefined;
    return row?.digest ?? null;
  },

  async upsert(trx, scope, entry, digest) {
    const { key, document: doc, sortAt } = entry;
    const table = TABLES[scope];
    const fields = fieldsOf(doc, sortAt, digest);
    const existing = (await trx(table).select('id').where(whereKey(key)).first()) as
      | { id: number }
      | undefined;
    let id: number;
    if (existing) {
      id = existing.id;
      await trx(table).where({ id }).update(fields);
      await deleteText(trx, scope, id);
    } else {
      const [inserted] = (await trx(table)
        .insert({ ...whereKey(key), ...fields })
        .returning('id')) as Array<{ id: number } | number>;
      id = typeof inserted === 'number' ? inserted : inserted.id;
    }
    await insertText(trx, scope, [{ id, doc }]);
    await deleteSubjects(trx, scope, key);
    await insertSubjects(trx, scope, [entry]);
  },

  async insertMissing(trx, scope, entries) {
    const table = TABLES[scope];
    const written: SearchKey[] = [];
    for (let i = 0; i < entries.length; i += ROWS_PER_STATEMENT) {
      const chunk = entries.slice(i, i + ROWS_PER_STATEMENT);
      const keys = scope === 'wire' ? ['id'] : ['document_id', 'locale'];
      const columns = [...keys, 'language', 'config', 'sort_at', 'digest'];
      const values = `(${columns.map(() => '?').join(', ')})`;
      const rows = rowsOf<{ id: number; document_id?: string; locale?: string }>(
        await trx.raw(
          `INSERT INTO ?? (${columns.join(', ')}) VALUES ${chunk.map(() => values).join(', ')}
           ON CONFLICT DO NOTHING RETURNING ${scope === 'wire' ? 'id' : 'id, document_id, locale'}`,
          [
            table,
            ...chunk.flatMap(({ entry, digest }) => {
              const fields = fieldsOf(entry.document, entry.sortAt, digest);
              return [
                ...Object.values(whereKey(entry.key)),
                fields.language,
                fields.config,
                fields.sort_at,
                fields.digest,
              ];
            }),
          ]
        )
      );
      // RETURNING names no order: match the rows to their entries by key.
      const byKey = new Map(chunk.map(({ entry }) => [JSON.stringify(entry.key), entry]));
      const wrote = rows.map((row) => {
        const key = keyOfRow(scope, row);
        written.push(key);
        return { id: Number(row.id), entry: byKey.get(JSON.stringify(key))! };
      });
      await insertText(
        trx,
        scope,
        wrote.map(({ id, entry }) => ({ id, doc: entry.document }))
      );
      await insertSubjects(
        trx,
        scope,
        wrote.map(({ entry }) => entry)
      );
    }
    return written;
  },

  async remove(trx, scope, key) {
    const table = TABLES[scope];
    await deleteSubjects(trx, scope, key);
    const existing = (await trx(table).select('id').where(whereKey(key)).first()) as
      | { id: number }
      | undefined;
    if (!existing) return;
    await deleteText(trx, scope, existing.id);
    await trx(table).where({ id: existing.id }).delete();
  },

  async clear(trx, scope) {
    await trx(SUBJECTS).where({ scope }).delete();
    await trx.raw('DELETE FROM ??', [fts(scope)]);
    await trx(texts(scope)).delete();
    await trx(TABLES[scope]).delete();
  },

  matching(trx, scope, query, locale) {
    const matches = trx(fts(scope))
      .select('rowid')
      .whereRaw('?? MATCH ?', [fts(scope), fts5Match(query)]);
    // A wire entry's id is its item's.
    if (scope === 'wire' && locale === undefined) return matches;
    const q = trx(`${TABLES[scope]} as s`)
      .select(scope === 'wire' ? 's.id' : 's.document_id')
      .whereIn('s.id', matches);
    return locale === undefined ? q : q.where('s.locale', locale);
  },

  async find(trx, scope, params: FindParams) {
    const table = TABLES[scope];
    const wire = scope === 'wire';
    const match = () => trx.raw('?? MATCH ?', [fts(scope), fts5Match(params.query)]);
    // A wire entry's id is its item's: its filters probe the item by the FTS5 rowid, and
    // counting or ranking reads the FTS5 table alone. Articles join the (small) entry for their key.
    const joined = !wire || params.locale !== undefined;
    const matches = () => {
      // FTS5 knows its table by name only: no alias for it.
      const q = trx(fts(scope)).whereRaw(match());
      if (joined) q.join(`${table} as s`, 's.id', `${fts(scope)}.rowid`);
      if (params.locale !== undefined) q.where('s.locale', params.locale);
      if (params.within)
        q.whereExists(
          params.within(
            wire
              ? { itemId: `${fts(scope)}.rowid` }
              : { documentId: 's.document_id', locale: 's.locale' }
          )
        );
      return q;
    };
    const [{ total }] = (await matches().count({ total: '*' })) as Array<{ total: number }>;
    if (!Number(total)) return { total: 0, hits: [] };
    const rowid = `${fts(scope)}.rowid`;
    const page = rowsOf<{ id: number }>(
      params.sort === 'time'
        ? // Newest first: the entries' time index walked down, each probed against the matches.
          await trx(`${table} as s`)
            .select('s.id')
            .whereIn('s.id', matches().select(rowid))
            .orderBy([
              { column: 's.sort_at', order: 'desc' },
              { column: 's.id', order: 'desc' },
            ])
            .offset(params.offset)
            .limit(params.limit)
        : await matches()
            .select(`${rowid} as id`, trx.raw('bm25(??, 10.0, 4.0, 1.0) AS rank', [fts(scope)]))
            .orderByRaw(joined ? 'rank ASC, s.sort_at DESC' : 'rank ASC')
            .orderBy(rowid, 'desc')
            .offset(params.offset)
            .limit(params.limit)
    );
    const ids = page.map((r) => Number(r.id));
    const rows = rowsOf<{
      id: number;
      document_id?: string;
      locale?: string;
      config: string;
      standfirst: string;
      body: string;
    }>(
      await trx(`${table} as s`)
        .join(`${texts(scope)} as t`, 't.id', 's.id')
        .select(
          's.id',
          ...(wire ? [] : ['s.document_id', 's.locale']),
          's.config',
          't.standfirst',
          't.body'
        )
        .whereIn('s.id', ids)
    );
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return {
      total: Number(total),
      hits: ids.flatMap((id) => {
        const r = byId.get(id);
        if (!r) return [];
        return [
          {
            key: wire
              ? { itemId: Number(r.id) }
              : { documentId: r.document_id!, locale: r.locale! },
            config: r.config,
            standfirst: r.standfirst,
            body: r.body,
          },
        ];
      }),
    };
  },
};
