import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ARTICLE_UID, WIRE_ITEM_UID } from '../../platform/domain/uids';
import { parseQuery, type SearchQuery } from '../domain/query';
import { snippetOf } from '../domain/snippet';
import type { SearchConfig } from '../domain/stemming';
import type { Hit, OuterKey, SearchScope } from '../engines/engine';
import { getService } from '../../platform/services';

type Where = Record<string, unknown>;

export interface Page {
  page: number;
  pageSize: number;
}

export interface RankedPage<Key> {
  hits: Array<{ key: Key; snippet: string }>;
  total: number;
}

/** A hit's snippet: from the standfirst and the rest, as the row's language reads them. */
const snippetFor = (hit: Hit, query: SearchQuery) =>
  snippetOf(
    [hit.standfirst, hit.body].filter(Boolean).join('\n'),
    query,
    hit.config as SearchConfig
  );

/**
 * Searching the indexes within what a caller may see: the caller's filters (and permissions)
 * are a Strapi `where` on the rows, run as a subquery correlated with each match.
 */
const searchService = ({ strapi }: { strapi: Core.Strapi }) => {
  const index = () => getService('search-index', strapi);
  /** Rows of `uid` passing `where` and keyed as the index entry `outer` is: a correlated subquery. */
  const rowsWhere =
    (uid: typeof WIRE_ITEM_UID | typeof ARTICLE_UID, where: Where) => (outer: OuterKey) => {
      const builder = strapi.db.queryBuilder(uid).select('id').where(where);
      const query = builder.getKnexQuery() as Knex.QueryBuilder;
      const column = (attribute: string) =>
        `${(builder as unknown as { alias: string }).alias}.${
          (strapi.db.metadata.get(uid).attributes[attribute] as { columnName?: string })
            .columnName ?? attribute
        }`;
      if (outer.itemId) query.whereRaw('?? = ??', [column('id'), outer.itemId]);
      if (outer.documentId) query.whereRaw('?? = ??', [column('documentId'), outer.documentId]);
      if (outer.locale) query.whereRaw('?? = ??', [column('locale'), outer.locale]);
      return query;
    };

  return {
    /** Parses `q`. Throws Refusal 400 naming what is wrong with it. */
    parse: parseQuery,

    /** Wire items matching `query` among those passing `where`, ranked or newest first. */
    async wire(
      query: SearchQuery,
      where: Where,
      sort: 'relevance' | 'time',
      page: Page,
      received?: { from?: Date; to?: Date }
    ): Promise<RankedPage<number>> {
      const { hits, total } = await index().find('wire', {
        query,
        // A wire entry's time is its item's receipt.
        sortAt: received,
        // No filter: the whole index, without a subquery over every wire item.
        within: Object.keys(where).length ? rowsWhere(WIRE_ITEM_UID, where) : undefined,
        sort,
        offset: (page.page - 1) * page.pageSize,
        limit: page.pageSize,
      });
      return {
        total,
        hits: hits.map((hit) => ({
          key: (hit.key as { itemId: number }).itemId,
          snippet: snippetFor(hit, query),
        })),
      };
    },

    /**
     * Articles of `locale` matching `query` among the rows passing `where`: working copies
     * (`drafts`, for editors) or served versions (`public`, for readers). Keys are documentIds.
     */
    async articles(
      scope: Exclude<SearchScope, 'wire'>,
      query: SearchQuery,
      locale: string,
      where: Where,
      sort: 'relevance' | 'time',
      page: Page
    ): Promise<RankedPage<string>> {
      const { hits, total } = await index().find(scope, {
        query,
        locale,
        within: rowsWhere(ARTICLE_UID, { ...where, locale }),
        sort,
        offset: (page.page - 1) * page.pageSize,
        limit: page.pageSize,
      });
      return {
        total,
        hits: hits.map((hit) => ({
          key: (hit.key as { documentId: string }).documentId,
          snippet: snippetFor(hit, query),
        })),
      };
    },

    /** A `where` on wire item ids: those matching `query` (for lists ordered their own way). */
    wireMatching: (query: SearchQuery): Where => ({
      id: { $in: index().matching('wire', query) },
    }),

    /** A `where` on article documentIds of `locale` matching `query` in the `scope` index. */
    articlesMatching: (
      scope: Exclude<SearchScope, 'wire'>,
      query: SearchQuery,
      locale: string
    ): Where => ({
      documentId: { $in: index().matching(scope, query, locale) },
    }),

    /** A `where` on wire item ids carrying any of `codes`. */
    wireWithSubjects: (codes: string[]): Where => ({
      id: { $in: index().withSubjects('wire', codes) },
    }),

    /** A `where` on article documentIds of `locale` carrying any of `codes` in the `scope` index. */
    articlesWithSubjects: (
      scope: Exclude<SearchScope, 'wire'>,
      codes: string[],
      locale: string
    ): Where => ({
      documentId: { $in: index().withSubjects(scope, codes, locale) },
    }),
  };
};

export type SearchService = ReturnType<typeof searchService>;
export default searchService;
