import { yup } from '@strapi/utils';
import { querySchema, validateQuery } from '../../platform/query-validation';

const LIMIT = 'limit must be a whole number from 1 to 50';

const namesQuery = querySchema({
  q: yup.string().trim().max(100, 'q must be at most 100 characters').default(''),
  limit: yup.number().typeError(LIMIT).integer(LIMIT).min(1, LIMIT).max(50, LIMIT).default(20),
});

/** `?q=tass&limit=20`. Throws ValidationError (400) naming the parameter. */
export const validateNamesQuery = (query: unknown) =>
  validateQuery(namesQuery, query) as Promise<{ q: string; limit: number }>;
