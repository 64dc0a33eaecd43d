import { yup, validateYupSchema } from '@strapi/utils';
import { whole } from '../../platform/query-validation';
import { AGENCY_CODE } from '../domain/agency-code';
import { isoDate, searchFields } from '../../search/validation/search';

const STATUSES = ['new', 'taken', 'ignored', 'superseded'] as const;

const inboxQuery = yup
  .object({
    status: yup.string().oneOf([...STATUSES]),
    agency: yup
      .string()
      .matches(AGENCY_CODE, 'agency must be an agency code (letters, digits, - or _)'),
    q: searchFields.q,
    subject: searchFields.subject,
    from: isoDate('from'),
    to: isoDate('to'),
    sort: yup
      .string()
      .oneOf(['time', 'urgency', 'relevance'], 'sort must be time, urgency or relevance'),
    page: whole(1, 100_000, 1),
    pageSize: whole(1, 100, 25),
  })
  .noUnknown();

const ingestQuery = yup
  .object({
    agency: yup
      .string()
      .matches(AGENCY_CODE, 'agency must be an agency code (letters, digits, - or _)'),
  })
  .noUnknown();

// Ids are 32-bit integers in the database; anything larger is no id at all.
const itemId = yup
  .number()
  .integer()
  .min(1)
  .max(2_147_483_647, 'id must be a wire item id')
  .required();

// Query strings arrive as text: let yup cast "2" to 2.
export const validateInboxQuery = validateYupSchema(inboxQuery, { strict: false });
export const validateIngestQuery = validateYupSchema(ingestQuery);
export const validateWireItemId = validateYupSchema(itemId);
