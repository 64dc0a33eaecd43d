import type { Core } from '@strapi/strapi';
import { Refusal } from './domain/refusal';

/** A BCP 47 locale code as Strapi's i18n names them. */
export const LOCALE_CODE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/u;

/** The i18n default locale, or `en` where the i18n plugin is absent. */
export const defaultLocale = async (strapi: Core.Strapi): Promise<string> =>
  (await strapi.plugin('i18n')?.service('locales').getDefaultLocale()) ?? 'en';

/**
 * The locale a list is read in: `locale` when this newsroom has it, else the default. Throws
 * Refusal 400 naming the problem for a code that is malformed or not one of its locales.
 */
export const listLocale = async (strapi: Core.Strapi, locale?: string): Promise<string> => {
  if (locale === undefined) return defaultLocale(strapi);
  if (!LOCALE_CODE.test(locale))
    throw new Refusal(400, 'locale must be a locale code such as en or ru-RU');
  const locales = strapi.plugin('i18n')?.service('locales');
  if (locales && !(await locales.findByCode(locale)))
    throw new Refusal(400, `locale ${locale} is not one of this newsroom's locales`);
  return locale;
};
