import { yup, validateYupSchema } from '@strapi/utils';
import { PUSH_EVENTS, PUSH_FORMATS, type SubscriberInput } from '../../../../shared/contracts/push';

const ONE_LINE = /^[^\0-\x1f\x7f]*$/u;

const httpUrl = yup
  .string()
  .trim()
  .max(2000, 'url must be at most 2000 characters')
  .matches(/^[^\0-\x1f\x7f]*$/u, 'url must not hold control characters')
  .test(
    'http',
    'url must be an http(s) address, without a user name or password in it',
    (value) => {
      if (value === undefined) return true;
      try {
        const url = new URL(value);
        return (
          (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password
        );
      } catch {
        return false;
      }
    }
  );

const fields = (creating: boolean) =>
  yup
    .object({
      name: creating
        ? yup
            .string()
            .trim()
            .min(1, 'name is required')
            .max(200)
            .matches(ONE_LINE, 'name must be one line of text')
            .required('name is required')
        : yup
            .string()
            .trim()
            .min(1, 'name may not be empty')
            .max(200)
            .matches(ONE_LINE, 'name must be one line of text'),
      url: creating ? httpUrl.required('url is required') : httpUrl,
      secret: creating
        ? yup
            .string()
            .min(16, 'secret must be at least 16 characters')
            .max(500, 'secret must be at most 500 characters')
            .required('secret is required: deliveries are signed with it')
        : yup
            .string()
            .min(16, 'secret must be at least 16 characters')
            .max(500, 'secret must be at most 500 characters'),
      format: yup
        .string()
        .oneOf([...PUSH_FORMATS], `format must be one of ${PUSH_FORMATS.join(', ')}`),
      events: yup
        .array(
          yup
            .string()
            .oneOf([...PUSH_EVENTS], `events may hold only ${PUSH_EVENTS.join(', ')}`)
            .required()
        )
        .min(1, 'events must name at least one event')
        .max(PUSH_EVENTS.length),
      rubricSlug: yup
        .string()
        .trim()
        .max(255)
        .matches(ONE_LINE, 'rubricSlug must be a rubric slug')
        .nullable(),
      agencyCode: yup
        .string()
        .trim()
        .max(64)
        .matches(ONE_LINE, 'agencyCode must be an agency code')
        .nullable(),
      enabled: yup.boolean(),
    })
    .noUnknown(
      true,
      'Unknown field; a subscriber has name, url, secret, format, events, rubricSlug, agencyCode and enabled'
    )
    .required('A subscriber object is required');

/** Validates what an administrator sends for a subscriber; throws ValidationError (400) naming the field. */
export const validateSubscriberInput = (body: unknown, creating: boolean) =>
  validateYupSchema(fields(creating), { strict: true, abortEarly: true, stripUnknown: false })(
    body
  ) as Promise<SubscriberInput>;

const id = (name: string) =>
  yup
    .number()
    .integer(`${name} must be a whole number`)
    .min(1, `${name} must be a whole number from 1`)
    .max(2_147_483_647, `${name} must be a whole number of at most 2147483647`)
    .required(`${name} is required`);

export const validateId = (value: unknown, name = 'id') =>
  validateYupSchema(yup.object({ [name]: id(name) }))({
    [name]: typeof value === 'string' && /^\d{1,10}$/u.test(value) ? Number(value) : value,
  }).then((v: Record<string, number>) => v[name]);

/** `?subscriber=&status=&page=&pageSize=` of the delivery list. */
export const validateDeliveryQuery = (query: unknown) =>
  validateYupSchema(
    yup
      .object({
        subscriber: yup.number().integer().min(1).max(2_147_483_647),
        status: yup
          .string()
          .oneOf(
            ['pending', 'sending', 'delivered', 'failed', 'superseded'],
            'status must be pending, sending, delivered, failed or superseded'
          ),
        page: yup.number().integer().min(1, 'page must be a whole number from 1').max(100_000),
        pageSize: yup.number().integer().min(1).max(100, 'pageSize must be at most 100'),
      })
      .noUnknown(true, 'Unknown query parameter; use subscriber, status, page and pageSize')
  )(
    Object.fromEntries(
      Object.entries((query ?? {}) as Record<string, unknown>).map(([k, v]) => [
        k,
        k === 'status' ? v : typeof v === 'string' && /^\d{1,10}$/u.test(v) ? Number(v) : v,
      ])
    )
  ) as Promise<{ subscriber?: number; status?: string; page?: number; pageSize?: number }>;
