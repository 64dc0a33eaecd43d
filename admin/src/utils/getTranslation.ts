import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';

/** Namespaces a translation key with the plugin id, as Strapi's admin expects. */
export const getTranslation = (id: string) => `${PLUGIN_ID}.${id}`;

/** `t(key, english)`: a plugin message in the editor's language, English when untranslated. */
export const useT = () => {
  const { formatMessage } = useIntl();
  return (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
};
