import { yup, validateYupSchema } from '@strapi/utils';
import { whole } from '../../platform/query-validation';
import { AGENCY_CODE } from '../../wire/domain/agency-code';
import { SUBJECT_CODE } from '../../subjects/domain/subjects';
import { MAX_QUERY_LENGTH } from '../domain/query';
import { STATES } from '../../workflow/domain/machine';

const STATUSES = ['new', 'taken', 'ignored', 'superseded'] as const;

/** The filters every search takes; `q` itself is parsed by the search domain. */
export const searchFields = {
  q: yup.string().max(MAX_QUERY_LENGTH, `q must be at most ${MAX_QUERY_LENGTH} characters`),
  subject: yup
    .string()
    .matches(SUBJECT_CODE, 'subject must be a subject code such as medtop:20000001'),
  sort: yup.string().oneOf(['relevance', 'time'], 'sort must be relevance or time'),
  page: whole(1, 100_000, 1),
  pageSize: whole(1, 100, 25),
};

const FORMAT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/u;

/** `2026-02-31` parses (as March 3): the day written must be the day read. */
const isRealDay = (v: string) => {
  const day = new Date(`${v.slice(0, 10)}T00:00:00Z`);
  return (
    !Number.isNaN(day.getTime()) &&
    day.toISOString().slice(0, 10) === v.slice(0, 10) &&
    !Number.isNaN(Date.parse(v))
  );
};

const isoDate = (name: string) =>
  yup
    .string()
    .matches(FORMAT, `${name} must be a date (YYYY-MM-DD) or an ISO time with its zone`)
    // Only a well-formed value is checked for being a real day: one message per mistake.
    .test(
      'real-date',
      `${name} is not a real date`,
      (v) => v === undefined || !FORMAT.test(v) || isRealDay(v)
    );

const adminSearchQuery = yup
  .object({
    ...searchFields,
    q: searchFields.q.required('q is required'),
    type: yup.string().oneOf(['wire', 'article'], 'type must be wire or article').default('wire'),
    locale: yup.string().max(16),
    status: yup.string().oneOf([...STATUSES]),
    agency: yup
      .string()
      .matches(AGENCY_CODE, 'agency must be an agency code (letters, digits, - or _)'),
    rubric: yup.string().max(200),
    state: yup.string().oneOf([...STATES]),
    from: isoDate('from'),
    to: isoDate('to'),
  })
  .noUnknown();

export { isoDate };
// Query strings arrive as text: let yup cast "2" to 2.
export const validateAdminSearchQuery = validateYupSchema(adminSearchQuery, { strict: false });

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/u;
const DAY_MS = 86_400_000;

/** `from`/`to` as times: a date alone is a whole UTC day, so `to=2026-11-28` takes in that day. */
export const timeBounds = (query: { from?: string; to?: string }) => ({
  from: query.from ? new Date(query.from) : undefined,
  to: query.to
    ? new Date(Date.parse(query.to) + (DATE_ONLY.test(query.to) ? DAY_MS : 1))
    : undefined,
});
