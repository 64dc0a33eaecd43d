import { querySchema, text, validateQuery, whole } from '../../platform/query-validation';
import type { ArticleQuery } from '../services/delivery';
import { MAX_QUERY_LENGTH, parseQuery } from '../../search/domain/query';
import { SUBJECT_CODE } from '../../subjects/domain/subjects';

/** The list query as a client sends it: the locale may be left to the default. */
export type ListParams = Omit<ArticleQuery, 'locale'> & { locale?: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/u;

const time = () =>
  text().test(
    'iso-time',
    '${path} must be an ISO 8601 date or time',
    (v) => v === undefined || (ISO_DATE.test(v) && !Number.isNaN(new Date(v).getTime()))
  );

const listSchema = (defaultPageSize: number, maxPageSize: number) =>
  querySchema({
    locale: text(),
    rubric: text(),
    agency: text(),
    tag: text(),
    q: text().max(MAX_QUERY_LENGTH, `q must be at most ${MAX_QUERY_LENGTH} characters`),
    subject: text().matches(SUBJECT_CODE, 'subject must be a subject code such as medtop:20000001'),
    sort: text().oneOf(['relevance', 'time'], 'sort must be "relevance" or "time"'),
    from: time(),
    to: time().test('after-from', 'from must not be after to', function afterFrom(to) {
      const { from } = this.parent as { from?: string };
      const [start, end] = [new Date(from ?? ''), new Date(to ?? '')];
      // A bad from or to is refused by its own check.
      return Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || start <= end;
    }),
    page: whole(1, 100_000, 1),
    pageSize: whole(1, maxPageSize, defaultPageSize),
  });

/** Built once per page-size setting: every request of the busiest route validates with it. */
const listSchemas = new Map<string, ReturnType<typeof listSchema>>();

/** Query of `GET /api/newsroom/articles`. Throws ValidationError (400) naming the parameter. */
export const parseListQuery = async (
  raw: unknown,
  defaultPageSize: number,
  maxPageSize: number
): Promise<ListParams> => {
  const key = `${defaultPageSize}:${maxPageSize}`;
  let schema = listSchemas.get(key);
  if (!schema) listSchemas.set(key, (schema = listSchema(defaultPageSize, maxPageSize)));
  const params = await validateQuery(schema, raw);
  return {
    ...params,
    page: params.page as number,
    pageSize: params.pageSize as number,
    from: params.from ? new Date(params.from) : undefined,
    to: params.to ? new Date(params.to) : undefined,
    // Parsed here, so that a query with no word is refused before anything is read or cached.
    search: params.q !== undefined ? parseQuery(params.q) : undefined,
    sort: params.sort as ListParams['sort'],
  };
};

const DETAIL_SCHEMA = querySchema({
  locale: text(),
  format: text().oneOf(['ninjs', 'json'], 'format must be "ninjs" or "json"'),
});

/** Query of the detail route: `locale`, `format=ninjs`. */
export const parseDetailQuery = (raw: unknown) => validateQuery(DETAIL_SCHEMA, raw);

const FEED_SCHEMA = querySchema({ rubric: text(), locale: text() });

/** Query of the feed: `rubric`, `locale`. */
export const parseFeedQuery = (raw: unknown) => validateQuery(FEED_SCHEMA, raw);

/** Query of the sitemaps: `page` for the full sitemap's pages, nothing for the news sitemap. */
export const parseSitemapQuery = async (raw: unknown, paged: boolean): Promise<{ page?: number }> =>
  (await validateQuery(querySchema(paged ? { page: whole(1, 100_000) } : {}), raw)) as {
    page?: number;
  };

/** Query of a preview: `format=json` (the default) or `html`. */
export const parsePreviewQuery = (raw: unknown) =>
  validateQuery(
    querySchema({ format: text().oneOf(['json', 'html'], 'format must be "json" or "html"') }),
    raw
  ) as Promise<{ format?: 'json' | 'html' }>;
