import { yup, validateYupSchema } from '@strapi/utils';
import { CREDENTIAL_TYPES, FEED_KINDS, type FeedInput } from '../../../../shared/contracts/feeds';

// Header names are RFC 9110 tokens; values may not break the header block.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/u;
const NO_LINE_BREAK = /^[^\r\n\0]*$/u;
const RESERVED_HEADERS = ['host', 'content-length', 'transfer-encoding', 'connection', 'cookie'];

const secret = (name: string) =>
  yup
    .string()
    .max(4000, `credentials.${name} must be at most 4000 characters`)
    .matches(NO_LINE_BREAK, `credentials.${name} must be one line`)
    .required(`credentials.${name} is required`);

const credentials = yup
  .object({
    type: yup
      .string()
      .oneOf(
        [...CREDENTIAL_TYPES],
        `credentials.type must be one of ${CREDENTIAL_TYPES.join(', ')}`
      )
      .required('credentials.type is required'),
    username: yup.string().when('type', {
      is: 'basic',
      then: () => secret('username').matches(/^[^:]*$/u, 'credentials.username may not hold ":"'),
      otherwise: (s) => s.strip(),
    }),
    password: yup.string().when('type', {
      is: 'basic',
      then: () => secret('password'),
      otherwise: (s) => s.strip(),
    }),
    token: yup.string().when('type', {
      is: 'bearer',
      then: () => secret('token'),
      otherwise: (s) => s.strip(),
    }),
    name: yup.string().when('type', {
      is: 'header',
      then: () =>
        yup
          .string()
          .required('credentials.name is required')
          .matches(TOKEN, 'credentials.name must be a header name')
          .test(
            'not-reserved',
            'credentials.name may not be a header the poller sets itself',
            (v) => !RESERVED_HEADERS.includes((v ?? '').toLowerCase())
          ),
      otherwise: (s) => s.strip(),
    }),
    value: yup.string().when('type', {
      is: 'header',
      then: () => secret('value'),
      otherwise: (s) => s.strip(),
    }),
  })
  .noUnknown(true, 'credentials may hold only type and its fields')
  .default(undefined);

const feedInput = yup
  .object({
    name: yup
      .string()
      .trim()
      .min(1, 'name is required')
      .max(200)
      .matches(/^[^\0-\x1f\x7f]*$/u, 'name must be one line of text')
      .required('name is required'),
    kind: yup
      .string()
      .oneOf([...FEED_KINDS], `kind must be one of ${FEED_KINDS.join(', ')}`)
      .required('kind is required'),
    url: yup
      .string()
      .trim()
      .max(2000)
      .nullable()
      .when('kind', {
        is: (kind: string) => kind !== 'folder',
        then: (s) =>
          s
            .required('url is required for this kind of feed')
            .test(
              'http',
              'url must be an http(s) address, without a user name or password in it (use credentials)',
              (value) => {
                try {
                  const url = new URL(value ?? '');
                  return (
                    (url.protocol === 'http:' || url.protocol === 'https:') &&
                    !url.username &&
                    !url.password
                  );
                } catch {
                  return false;
                }
              }
            ),
        otherwise: (s) => s.strip(),
      }),
    folder: yup
      .string()
      .trim()
      .max(255)
      .nullable()
      .when('kind', {
        is: 'folder',
        then: (s) =>
          s
            .required('folder is required for a drop folder')
            .matches(
              /^[^\0-\x1f\x7f]*$/u,
              'folder must be a folder name, without control characters'
            ),
        otherwise: (s) => s.strip(),
      }),
    intervalSeconds: yup
      .number()
      .integer()
      .min(yup.ref('$minIntervalSeconds'), 'intervalSeconds must be at least ${min}')
      .max(86_400, 'intervalSeconds must be at most a day (86400)'),
    idleAlertSeconds: yup
      .number()
      .integer()
      .min(60, 'idleAlertSeconds must be at least 60')
      .max(90 * 86_400),
    enabled: yup.boolean(),
    agencies: yup
      .array(
        yup.number().integer().min(1).max(2_147_483_647, 'agencies must list agency ids').required()
      )
      .min(1, 'agencies must name at least one agency the feed speaks for')
      .max(20)
      .required('agencies is required'),
    credentials,
  })
  .noUnknown(
    true,
    'Unknown field; a feed has name, kind, url, folder, intervalSeconds, idleAlertSeconds, enabled, agencies and credentials'
  );

/** Validates what an editor sends for a feed; throws ValidationError (400) naming the field. */
export const validateFeedInput = (body: unknown, minIntervalSeconds: number) =>
  validateYupSchema(feedInput, {
    strict: true,
    abortEarly: true,
    stripUnknown: false,
    context: { minIntervalSeconds },
  })(body) as Promise<FeedInput>;

// Ids are 32-bit integers in the database; anything larger is no id at all.
export const validateFeedId = validateYupSchema(
  yup
    .number()
    .integer()
    .min(1)
    .max(2_147_483_647, 'id must be a whole number of at most 2147483647')
    .required()
);

export const validateIngestTokens = validateYupSchema(
  yup
    .object({
      ingestTokens: yup
        .array(yup.number().integer().min(1).max(2_147_483_647).required())
        .max(100)
        .required('ingestTokens is required'),
    })
    .noUnknown(true, 'Only ingestTokens may be set')
    .required(),
  { strict: true }
);
