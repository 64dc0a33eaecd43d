import type { StrapiApp } from '@strapi/strapi/admin';
import type { ComponentType } from 'react';
import { PriceTag } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';
import { NewsroomIcon } from './components/NewsroomIcon';
import { PhotoCreditsPanel } from './components/PhotoCreditsPanel';
import { WorkflowPanel } from './components/WorkflowPanel';
import { withoutWorkflowBypasses, type DocumentAction } from './documentActions';

type TradOptions = { locales: string[] };

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: NewsroomIcon,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Newsroom' },
      permissions: [{ action: `plugin::${PLUGIN_ID}.read`, subject: null }],
      Component: async () => {
        const { App } = await import('./pages/App');
        return { default: App };
      },
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Newsroom' });
    // Articles' subjects: IPTC Media Topics picked from the vocabulary (server: subjects/custom-field).
    app.customFields.register({
      name: 'subjects',
      pluginId: PLUGIN_ID,
      type: 'json',
      intlLabel: { id: getTranslation('subjects.label'), defaultMessage: 'Subjects' },
      intlDescription: {
        id: getTranslation('subjects.description'),
        defaultMessage: 'IPTC Media Topics the article is about',
      },
      icon: PriceTag,
      components: {
        Input: async () => {
          const { default: SubjectsInput } = await import('./components/SubjectsInput');
          // Typed as taking no props; the Content Manager renders it with the field's.
          return { default: SubjectsInput as ComponentType };
        },
      },
    });
  },

  bootstrap(app: StrapiApp) {
    // Beside every article in the Content Manager: its workflow, and its photos' credits.
    const contentManager = app.getPlugin('content-manager') as unknown as {
      apis: {
        addEditViewSidePanel: (panels: unknown[]) => void;
        addDocumentAction: (reducer: (actions: DocumentAction[]) => DocumentAction[]) => void;
      };
    };
    contentManager.apis.addEditViewSidePanel([WorkflowPanel, PhotoCreditsPanel]);
    // Articles are published by the workflow (the server refuses the Content Manager's own
    // Publish/Unpublish, per locale or in bulk); the buttons would only lead to a refusal.
    contentManager.apis.addDocumentAction(withoutWorkflowBypasses);
  },

  async registerTrads({ locales }: TradOptions) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefixKeys(data), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};

const prefixKeys = (messages: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(messages).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value])
  );
