/**
 * What search replaces: `LIKE '%word%'` (ILIKE on PostgreSQL) over the stored text, each word
 * required, newest first, with the same filters and the same count-and-page the routes give.
 * Wire items are matched on the headline and the story JSON; articles on the published row's
 * headline, standfirst and body sections.
 *
 * SQLite's LIKE folds ASCII only: Cyrillic matches only as typed (the copy capitalizes names,
 * so the bench types them capitalized, as an editor would).
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { narrowerCodes } from '../../server/src/subjects/domain/subjects';
import { layouts } from './fill';

export interface WireFilters {
  status?: string;
  agency?: string;
  subject?: string;
  from?: Date;
}

const wordsOf = (q: string) => q.split(/\s+/u).filter(Boolean);

export const likeBaseline = (strapi: Core.Strapi) => {
  const knex = strapi.db.connection;
  const postgres = strapi.db.dialect.client === 'postgres';
  const { wire, article, section } = layouts(strapi);
  const agencyLayout = strapi.db.metadata.get('plugin::newsroom.agency' as never) as unknown as {
    tableName: string;
  };
  const LIKE = postgres ? 'ILIKE' : 'LIKE';
  /** A JSON column as text: jsonb needs a cast on PostgreSQL; SQLite stores the text itself. */
  const text = (column: string) => (postgres ? `${column}::text` : column);
  const w = (attribute: string) => `w.${wire.column(attribute)}`;
  const a = (attribute: string) => `a.${article.column(attribute)}`;

  const wireWhere = (q: string, filters: WireFilters) => {
    const query = knex({ w: wire.table });
    for (const word of wordsOf(q))
      query.where((b) =>
        b
          .whereRaw(`?? ${LIKE} ?`, [w('headline'), `%${word}%`])
          .orWhereRaw(`${text('??')} ${LIKE} ?`, [w('story'), `%${word}%`])
      );
    if (filters.status) query.where(w('status'), filters.status);
    if (filters.from) query.where(w('receivedAt'), '>=', filters.from);
    if (filters.agency) {
      const link = wire.joinTable('agency');
      query.whereExists(
        knex
          .select(knex.raw('1'))
          .from({ l: link.name })
          .join({ g: agencyLayout.tableName }, 'g.id', `l.${link.inverseJoinColumn.name}`)
          .where(`l.${link.joinColumn.name}`, knex.ref(w('id')))
          .where('g.code', filters.agency)
      );
    }
    if (filters.subject) {
      const codes = [...narrowerCodes(filters.subject)];
      query.where((b) => {
        for (const code of codes)
          b.orWhereRaw(`${text('??')} LIKE ?`, [w('subjects'), `%"${code}"%`]);
      });
    }
    return query;
  };

  const articleWhere = (q: string, locale: string) => {
    const body = article.joinTable('body');
    const query = knex({ a: article.table })
      .whereNotNull(a('publishedAt'))
      .where(a('workflowState'), 'published')
      .where(a('locale'), locale);
    for (const word of wordsOf(q)) {
      const pattern = `%${word}%`;
      query.where((b) =>
        b
          .whereRaw(`?? ${LIKE} ?`, [a('headline'), pattern])
          .orWhereRaw(`?? ${LIKE} ?`, [a('standfirst'), pattern])
          .orWhereExists(
            knex
              .select(knex.raw('1'))
              .from({ c: body.name })
              .join({ s: section.table }, 's.id', `c.${body.inverseJoinColumn.name}`)
              .where(`c.${body.joinColumn.name}`, knex.ref(a('id')))
              .where('c.field', 'body')
              .whereRaw(`${text('??')} ${LIKE} ?`, [`s.${section.column('text')}`, pattern])
          )
      );
    }
    return query;
  };

  const countAndPage = async (
    where: () => Knex.QueryBuilder,
    columns: string[],
    newest: string,
    id: string,
    pageSize: number
  ) => {
    const [{ n }] = (await where().count({ n: '*' })) as Array<{ n: number | string }>;
    const rows = await where()
      .select(columns)
      .orderBy([
        { column: newest, order: 'desc' },
        { column: id, order: 'desc' },
      ])
      .limit(pageSize);
    return { hits: rows.length, total: Number(n) };
  };

  return {
    wire: (q: string, filters: WireFilters, pageSize: number) =>
      countAndPage(
        () => wireWhere(q, filters),
        ['id', 'headline', 'status', 'receivedAt', 'language'].map(w),
        w('receivedAt'),
        w('id'),
        pageSize
      ),
    articles: (q: string, locale: string, pageSize: number) =>
      countAndPage(
        () => articleWhere(q, locale),
        ['id', 'documentId', 'headline', 'standfirst', 'slug'].map(a),
        a('firstPublishedAt'),
        a('id'),
        pageSize
      ),
  };
};
