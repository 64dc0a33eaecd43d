import { yup, validateYupSchema } from '@strapi/utils';
import { whole } from '../../platform/query-validation';
import { AGENCY_CODE } from '../../wire/domain/agency-code';
import { STATES } from '../domain/machine';
import { searchFields } from '../../search/validation/search';

const boardQuery = yup
  .object({
    locale: yup.string().max(16),
    rubric: yup.string().max(200),
    agency: yup
      .string()
      .matches(AGENCY_CODE, 'agency must be an agency code (letters, digits, - or _)'),
    state: yup.string().oneOf([...STATES]),
    q: searchFields.q,
    subject: searchFields.subject,
    page: whole(1, 100_000, 1),
    pageSize: whole(1, 100, 20),
  })
  .noUnknown();

// Query strings arrive as text: let yup cast "2" to 2.
export const validateBoardQuery = validateYupSchema(boardQuery, { strict: false });
