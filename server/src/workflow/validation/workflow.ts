import { yup, validateYupSchema } from '@strapi/utils';
import { ACTIONS } from '../domain/machine';

import { LOCALE_CODE } from '../../platform/locales';

export { LOCALE_CODE };

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/u;

const transitionBody = yup
  .object({
    action: yup
      .string()
      .oneOf([...ACTIONS], `action must be one of: ${ACTIONS.join(', ')}`)
      .required('action is required'),
    expectedVersion: yup
      .number()
      .integer()
      .min(0)
      .required('expectedVersion is required: send the workflowVersion you saw'),
    note: yup
      .string()
      .max(2000)
      .nullable()
      .test('no-nul', 'note must not hold a NUL character', (v) => !v?.includes('\u0000')),
    at: yup
      .string()
      .matches(
        ISO_WITH_OFFSET,
        'at must be an ISO 8601 time with a UTC offset, e.g. 2026-05-01T09:00:00+03:00'
      )
      .test(
        'real-time',
        'at is not a real time',
        (v) => v === undefined || !Number.isNaN(new Date(v).getTime())
      ),
    locale: yup.string().matches(LOCALE_CODE, 'locale must be a locale code such as en or ru-RU'),
  })
  .noUnknown()
  .required();

export const validateTransition = validateYupSchema(transitionBody);
