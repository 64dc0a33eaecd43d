import type { Core } from '@strapi/strapi';
import { AGENCY_UID, ARTICLE_UID, RUBRIC_UID, WIRE_ITEM_UID, WORKFLOW_EVENT_UID } from './domain/uids';

interface ListView {
  mainField: string;
  columns: string[];
  sortBy: string;
  sortOrder: 'ASC' | 'DESC';
}

/** The list columns an editor expects for each newsroom type. */
export const LIST_VIEWS: Record<string, ListView> = {
  [ARTICLE_UID]: {
    mainField: 'headline',
    columns: ['id', 'headline', 'workflowState', 'rubric', 'embargoUntil', 'updatedAt'],
    sortBy: 'updatedAt',
    sortOrder: 'DESC',
  },
  [WIRE_ITEM_UID]: {
    mainField: 'headline',
    columns: ['id', 'headline', 'agency', 'agencyVersion', 'status', 'receivedAt'],
    sortBy: 'receivedAt',
    sortOrder: 'DESC',
  },
  [AGENCY_UID]: { mainField: 'name', columns: ['id', 'name', 'code', 'attributionTemplate'], sortBy: 'name', sortOrder: 'ASC' },
  [RUBRIC_UID]: { mainField: 'name', columns: ['id', 'name', 'slug'], sortBy: 'name', sortOrder: 'ASC' },
  [WORKFLOW_EVENT_UID]: {
    mainField: 'action',
    columns: ['id', 'at', 'action', 'fromState', 'toState', 'actorName', 'articleDocumentId'],
    sortBy: 'at',
    sortOrder: 'DESC',
  },
};

/**
 * Applies the newsroom list views once per type; after that the Content Manager's own
 * "Configure the view" settings belong to the editors and are left alone.
 */
export const configureContentManagerViews = async (strapi: Core.Strapi) => {
  const contentTypes = strapi.plugin('content-manager').service('content-types');
  const store = strapi.store({ type: 'plugin', name: 'newsroom' });
  const applied = ((await store.get({ key: 'content-manager-views' })) as string[] | null) ?? [];

  for (const [uid, view] of Object.entries(LIST_VIEWS)) {
    if (applied.includes(uid)) continue;
    const configuration = await contentTypes.findConfiguration({ uid });
    await contentTypes.updateConfiguration(
      { uid },
      {
        ...configuration,
        settings: {
          ...configuration.settings,
          mainField: view.mainField,
          defaultSortBy: view.sortBy,
          defaultSortOrder: view.sortOrder,
        },
        layouts: { ...configuration.layouts, list: view.columns },
      }
    );
    applied.push(uid);
  }
  await store.set({ key: 'content-manager-views', value: applied });
};
