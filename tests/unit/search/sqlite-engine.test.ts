import knex, { type Knex } from 'knex';
import { parseQuery } from '../../../server/src/search/domain/query';
import { sqliteEngine } from '../../../server/src/search/engines/sqlite';
import type { SearchKey } from '../../../server/src/search/engines/engine';

/**
 * The SQLite engine on a real in-memory database: what it ranks must depend on the entries it
 * holds now, never on ones removed (a killed story must not weigh on the public ranking).
 */
let db: Knex;
beforeEach(async () => {
  db = knex({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  await sqliteEngine.ensure(db);
});
afterEach(() => db.destroy());

const entry = (documentId: string, text: string) => ({
  key: { documentId, locale: 'en' } as SearchKey,
  document: {
    config: 'english' as const,
    language: 'en',
    headline: text,
    standfirst: '',
    text: '',
  },
  sortAt: new Date(),
  codes: [`medtop:${documentId}`, 'medtop:20000638'],
});

const subjects = async () =>
  (await db('newsroom_search_subjects').select('ref', 'code').orderBy(['ref', 'code'])) as Array<{
    ref: string;
    code: string;
  }>;

const ranks = async () =>
  (await db.raw(
    'SELECT s.document_id AS id, bm25(newsroom_search_public_fts, 10.0, 4.0, 1.0) AS rank FROM newsroom_search_public_fts JOIN newsroom_search_public s ON s.id = newsroom_search_public_fts.rowid WHERE newsroom_search_public_fts MATCH \'"harbour"\' ORDER BY s.document_id'
  )) as Array<{ id: string; rank: number }>;

test('removing and rewriting entries leaves the ranking of the others as it was', async () => {
  await sqliteEngine.upsert(db, 'public', entry('a', 'harbour harbour news'), 'a');
  await sqliteEngine.upsert(
    db,
    'public',
    entry('b', 'harbour and other long news of the day'),
    'b'
  );
  const before = await ranks();
  for (let i = 0; i < 50; i += 1) {
    await sqliteEngine.upsert(
      db,
      'public',
      entry(`k${i}`, `killed harbour story ${i} with many words`),
      'k'
    );
    await sqliteEngine.remove(db, 'public', entry(`k${i}`, '').key);
    await sqliteEngine.upsert(
      db,
      'public',
      entry('b', 'harbour and other long news of the day'),
      `b${i}`
    );
  }
  expect(await ranks()).toEqual(before);
  // The subjects follow their entries: written with them, replaced, removed.
  expect(await subjects()).toEqual([
    { ref: 'a', code: 'medtop:20000638' },
    { ref: 'a', code: 'medtop:a' },
    { ref: 'b', code: 'medtop:20000638' },
    { ref: 'b', code: 'medtop:b' },
  ]);
  await sqliteEngine.clear(db, 'public');
  expect(await subjects()).toEqual([]);
});

test('a batch writes only the entries missing, with their subjects', async () => {
  await sqliteEngine.upsert(db, 'public', entry('a', 'harbour'), 'a');
  const written = await sqliteEngine.insertMissing(db, 'public', [
    { entry: entry('a', 'other'), digest: 'a2' },
    { entry: entry('c', 'harbour'), digest: 'c' },
  ]);
  expect(written).toEqual([{ documentId: 'c', locale: 'en' }]);
  expect((await subjects()).map((s) => s.ref)).toEqual(['a', 'a', 'c', 'c']);
  expect(await sqliteEngine.digestOf(db, 'public', { documentId: 'a', locale: 'en' })).toBe('a');
});

test('finds by stem, within the keys given, with the stored text for snippets', async () => {
  await sqliteEngine.upsert(db, 'public', entry('a', 'Talks resume'), 'a');
  await sqliteEngine.upsert(db, 'public', entry('b', 'Talked for hours'), 'b');
  const all = await sqliteEngine.find(db, 'public', {
    query: parseQuery('talk'),
    locale: 'en',
    sort: 'relevance',
    offset: 0,
    limit: 10,
  });
  expect(all.total).toBe(2);
  const within = await sqliteEngine.find(db, 'public', {
    query: parseQuery('talk'),
    locale: 'en',
    within: (outer) => db.select(db.raw('1')).whereRaw(`${outer.documentId} = 'b'`),
    sort: 'time',
    offset: 0,
    limit: 10,
  });
  expect(within.hits.map((h) => h.key)).toEqual([{ documentId: 'b', locale: 'en' }]);
});
