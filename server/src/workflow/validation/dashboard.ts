import { yup } from '@strapi/utils';
import { querySchema, validateQuery } from '../../platform/query-validation';
import { isTimeZone } from '../domain/time-zone';

const DAYS = 'days must be a whole number from 1 to 366';

const dashboardQuery = querySchema({
  days: yup.number().typeError(DAYS).integer(DAYS).min(1, DAYS).max(366, DAYS).default(30),
  timeZone: yup
    .string()
    .default('UTC')
    .test(
      'time-zone',
      'timeZone must be an IANA time zone such as Europe/Moscow',
      function timeZone(value) {
        return (
          isTimeZone(value) ||
          this.createError({
            message: `timeZone must be an IANA time zone such as Europe/Moscow; got ${JSON.stringify(value)}`,
          })
        );
      }
    ),
});

export type DashboardQuery = yup.InferType<typeof dashboardQuery>;

/** `?days=30&timeZone=Europe/Moscow`. Throws ValidationError (400) naming the parameter. */
export const validateDashboardQuery = (query: unknown) => validateQuery(dashboardQuery, query);
