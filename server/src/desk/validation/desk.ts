import { yup } from '@strapi/utils';
import { querySchema, validateQuery } from '../../platform/query-validation';

const deskQuery = querySchema({
  locale: yup.string().max(16, 'locale must be a locale code of at most 16 characters'),
});

/** `?locale=ru`. Throws ValidationError (400) naming the parameter. */
export const validateDeskQuery = (query: unknown) => validateQuery(deskQuery, query);
