import { querySchema, text, validateQuery, whole } from '../../platform/query-validation';
import { isTimeZone } from '../domain/time-zone';

const dashboardQuery = querySchema({
  days: whole(1, 366, 30),
  timeZone: text()
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

export interface DashboardQuery {
  days: number;
  timeZone: string;
}

/** `?days=30&timeZone=Europe/Moscow`. Throws ValidationError (400) naming the parameter. */
export const validateDashboardQuery = (query: unknown) =>
  validateQuery(dashboardQuery, query) as Promise<DashboardQuery>;
