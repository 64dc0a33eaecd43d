import { yup, validateYupSchema } from '@strapi/utils';
import { isTimeZone } from '../domain/time-zone';

const dashboardQuery = yup
  .object({
    days: yup.number().integer().min(1).max(366, 'days must be a whole number from 1 to 366').default(30),
    timeZone: yup
      .string()
      .default('UTC')
      .test('time-zone', (value) => `timeZone must be an IANA time zone such as Europe/Moscow; got ${JSON.stringify(value)}`, (value) => isTimeZone(value)),
  })
  .noUnknown();

export type DashboardQuery = yup.InferType<typeof dashboardQuery>;

// Query strings arrive as text: let yup cast "30" to 30.
export const validateDashboardQuery = validateYupSchema(dashboardQuery, { strict: false }) as (query: unknown) => Promise<DashboardQuery>;
