import { errors } from '@strapi/utils';
import type { ArticleQuery } from '../services/delivery';

/** The list query as a client sends it: the locale may be left to the default. */
export type ListParams = Omit<ArticleQuery, 'locale'> & { locale?: string };

const LIST_PARAMS = ['locale', 'rubric', 'agency', 'tag', 'from', 'to', 'page', 'pageSize'];

const single = (query: Record<string, unknown>, name: string): string | undefined => {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new errors.ValidationError(`${name} must be given once, as text`);
  return value;
};

const refuseUnknown = (query: Record<string, unknown>, allowed: string[]) => {
  const unknown = Object.keys(query).filter((k) => !allowed.includes(k));
  if (unknown.length) {
    throw new errors.ValidationError(`Unknown query parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, { unknown, allowed });
  }
};

const time = (query: Record<string, unknown>, name: string) => {
  const value = single(query, name);
  if (value === undefined) return undefined;
  const date = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/u.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw new errors.ValidationError(`${name} must be an ISO 8601 date or time`);
  return date;
};

const integer = (query: Record<string, unknown>, name: string, fallback: number, min: number, max: number) => {
  const value = single(query, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new errors.ValidationError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
};

/** Query of `GET /api/newsroom/articles`. Throws ValidationError naming the parameter. */
export const parseListQuery = (query: Record<string, unknown>, defaultPageSize: number, maxPageSize: number): ListParams => {
  refuseUnknown(query, LIST_PARAMS);
  const from = time(query, 'from');
  const to = time(query, 'to');
  if (from && to && from > to) throw new errors.ValidationError('from must not be after to');
  return {
    locale: single(query, 'locale'),
    rubric: single(query, 'rubric'),
    agency: single(query, 'agency'),
    tag: single(query, 'tag'),
    from,
    to,
    page: integer(query, 'page', 1, 1, 100000),
    pageSize: integer(query, 'pageSize', defaultPageSize, 1, maxPageSize),
  };
};

/** Query of the detail route: `locale`, `format=ninjs`. */
export const parseDetailQuery = (query: Record<string, unknown>) => {
  refuseUnknown(query, ['locale', 'format']);
  const format = single(query, 'format');
  if (format !== undefined && format !== 'ninjs' && format !== 'json') throw new errors.ValidationError('format must be "ninjs" or "json"');
  return { locale: single(query, 'locale'), format };
};

/** Query of the feed: `rubric`, `locale`. */
export const parseFeedQuery = (query: Record<string, unknown>) => {
  refuseUnknown(query, ['rubric', 'locale']);
  return { rubric: single(query, 'rubric'), locale: single(query, 'locale') };
};
