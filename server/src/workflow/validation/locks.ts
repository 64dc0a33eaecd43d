import { yup, validateYupSchema } from '@strapi/utils';
import { LOCALE_CODE } from './workflow';

/** A tab's session id: the admin panel makes a random one per page load. */
const session = () =>
  yup
    .string()
    .matches(/^[A-Za-z0-9_-]{8,64}$/u, 'session must be 8 to 64 letters, digits, - or _')
    .required('session is required: the id of the browser tab holding the lock');

const since = () =>
  yup.number().integer('since must be a content version').min(0, 'since must be a content version');

const locale = () =>
  yup.string().matches(LOCALE_CODE, 'locale must be a locale code such as en or ru-RU');

export const validateKeepLock = validateYupSchema(
  yup.object({ session: session(), since: since(), locale: locale() }).noUnknown().required()
);

export const validateTakeOver = validateYupSchema(
  yup.object({ session: session(), locale: locale() }).noUnknown().required()
);

/** Query of GET and DELETE: strings, as Koa parses them. */
export const validateLockQuery = validateYupSchema(
  yup
    .object({
      session: yup
        .string()
        .matches(/^[A-Za-z0-9_-]{8,64}$/u, 'session must be 8 to 64 letters, digits, - or _'),
      since: yup.string().matches(/^\d{1,9}$/u, 'since must be a content version'),
      locale: locale(),
    })
    .noUnknown()
    .required()
);
