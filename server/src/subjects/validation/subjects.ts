import { yup, validateYupSchema } from '@strapi/utils';
import { SUBJECT_LIMITS } from '../domain/subjects';

const findQuery = yup
  .object({
    q: yup.string().max(100, 'q must be at most 100 characters').default(''),
    limit: yup
      .number()
      .integer('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(SUBJECT_LIMITS.subjects, `limit must be at most ${SUBJECT_LIMITS.subjects}`)
      .default(20),
  })
  .noUnknown();

// Query strings arrive as text: let yup cast "20" to 20.
export const validateFindQuery = validateYupSchema(findQuery, { strict: false });
