import type { Core } from '@strapi/strapi';

/** The i18n default locale, or `en` where the i18n plugin is absent. */
export const defaultLocale = async (strapi: Core.Strapi): Promise<string> =>
  (await strapi.plugin('i18n')?.service('locales').getDefaultLocale()) ?? 'en';
