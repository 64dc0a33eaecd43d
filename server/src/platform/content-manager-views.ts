import type { Core } from '@strapi/strapi';
import { AGENCY_COPY_FIELDS } from './records';
import {
  AGENCY_UID,
  ARTICLE_UID,
  RUBRIC_UID,
  WIRE_ITEM_UID,
  WORKFLOW_EVENT_UID,
} from './domain/uids';

interface ListView {
  mainField: string;
  columns: string[];
  sortBy: string;
  sortOrder: 'ASC' | 'DESC';
  /** Field labels for editors, in place of attribute names. */
  labels?: Record<string, string>;
  /** Fields only the workflow writes: shown, not editable. */
  readOnly?: string[];
}

type Metadata = { edit?: Record<string, unknown>; list?: Record<string, unknown> };

/** The list columns an editor expects for each newsroom type. */
export const LIST_VIEWS: Record<string, ListView> = {
  [ARTICLE_UID]: {
    mainField: 'headline',
    columns: ['id', 'headline', 'workflowState', 'rubric', 'embargoUntil', 'updatedAt'],
    sortBy: 'updatedAt',
    sortOrder: 'DESC',
    labels: {
      headline: 'Headline',
      slug: 'Slug',
      standfirst: 'Standfirst',
      dateline: 'Dateline',
      body: 'Body sections',
      byline: 'Byline',
      attribution: 'Attribution',
      rubric: 'Rubric',
      tags: 'Tags',
      leadPhoto: 'Lead photo',
      gallery: 'Gallery',
      embargoUntil: 'Embargo until',
      scheduledAt: 'Scheduled for',
      workflowState: 'Workflow state',
      workflowVersion: 'Workflow version',
      firstPublishedAt: 'First published',
      corrections: 'Corrections',
      killNotice: 'Kill notice',
      wireItem: 'Wire item',
      wireUpdate: 'Wire update available',
      language: 'Language',
      contentVersion: 'Content version',
      updatedAt: 'Updated',
    },
    readOnly: [
      'workflowState',
      'workflowVersion',
      'firstPublishedAt',
      'scheduledAt',
      'wireItem',
      'wireUpdate',
      'agencyAlert',
      'contentVersion',
    ],
  },
  [WIRE_ITEM_UID]: {
    mainField: 'headline',
    columns: ['id', 'headline', 'agency', 'agencyVersion', 'status', 'receivedAt'],
    sortBy: 'receivedAt',
    sortOrder: 'DESC',
    labels: {
      headline: 'Headline',
      agency: 'Agency',
      agencyGuid: 'Agency GUID',
      agencyVersion: 'Version',
      format: 'Format',
      receivedAt: 'Received',
      rawPayload: 'Raw payload',
      story: 'Parsed story',
      contentHash: 'Content hash',
      status: 'Status',
      articleDocumentId: 'Article',
      agencyCode: 'Agency code',
    },
    // Agency copy as received: only the wire ingest writes it (the server refuses any other writer).
    readOnly: [...AGENCY_COPY_FIELDS, 'status', 'articleDocumentId'],
  },
  [AGENCY_UID]: {
    mainField: 'name',
    columns: ['id', 'name', 'code', 'attributionTemplate'],
    sortBy: 'name',
    sortOrder: 'ASC',
    labels: { ingestTokens: 'Ingest API tokens (set on the Feeds page)' },
    readOnly: ['ingestTokens'],
  },
  [RUBRIC_UID]: {
    mainField: 'name',
    columns: ['id', 'name', 'slug'],
    sortBy: 'name',
    sortOrder: 'ASC',
  },
  [WORKFLOW_EVENT_UID]: {
    mainField: 'action',
    columns: ['id', 'at', 'action', 'fromState', 'toState', 'actorName', 'articleDocumentId'],
    sortBy: 'at',
    sortOrder: 'DESC',
  },
};

/** Field labels for the newsroom's components, as editors see them inside an article. */
export const COMPONENT_LABELS: Record<string, Record<string, string>> = {
  'newsroom.photo': {
    image: 'Image',
    caption: 'Caption',
    creditLine: 'Credit line',
    creator: 'Creator (photographer)',
    source: 'Source',
    copyrightNotice: 'Copyright notice',
    usageTerms: 'Usage terms',
  },
  'newsroom.dateline': { place: 'Place', date: 'Date' },
  'newsroom.section': { subhead: 'Subhead', text: 'Text' },
  'newsroom.correction': { date: 'Date', note: 'Note' },
  'newsroom.attribution': { agency: 'Agency', line: 'Attribution line' },
  'newsroom.tag': { label: 'Tag' },
};

/** The field that names a component entry when it is collapsed in a list (sections, tags, corrections…). */
export const COMPONENT_MAIN_FIELDS: Record<string, string> = {
  'newsroom.section': 'subhead',
  'newsroom.tag': 'label',
  'newsroom.correction': 'note',
  'newsroom.photo': 'caption',
  'newsroom.dateline': 'place',
  'newsroom.attribution': 'line',
};

const withLabels = (metadatas: Record<string, Metadata>, labels: Record<string, string>) => {
  const labelled = { ...metadatas };
  for (const [field, label] of Object.entries(labels)) {
    const current = labelled[field] ?? {};
    labelled[field] = {
      ...current,
      edit: { ...current.edit, label },
      list: { ...current.list, label },
    };
  }
  return labelled;
};

/**
 * Applies the newsroom list views and labels once per type and component; after that the Content Manager's own
 * "Configure the view" settings belong to the editors and are left alone.
 */
export const configureContentManagerViews = async (strapi: Core.Strapi) => {
  const contentTypes = strapi.plugin('content-manager').service('content-types');
  const store = strapi.store({ type: 'plugin', name: 'newsroom' });
  const applied = ((await store.get({ key: 'content-manager-views' })) as string[] | null) ?? [];

  for (const [uid, view] of Object.entries(LIST_VIEWS)) {
    if (applied.includes(uid)) continue;
    const configuration = await contentTypes.findConfiguration({ uid });
    const metadatas: Record<string, Metadata> = withLabels(
      configuration.metadatas,
      view.labels ?? {}
    );
    for (const field of view.readOnly ?? []) {
      const current = metadatas[field] ?? {};
      metadatas[field] = { ...current, edit: { ...current.edit, editable: false } };
    }
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
        metadatas,
        layouts: { ...configuration.layouts, list: view.columns },
      }
    );
    applied.push(uid);
  }

  const components = strapi.plugin('content-manager').service('components');
  for (const [uid, labels] of Object.entries(COMPONENT_LABELS)) {
    if (applied.includes(uid)) continue;
    const configuration = await components.findConfiguration({ uid });
    await components.updateConfiguration(
      { uid },
      {
        ...configuration,
        settings: {
          ...configuration.settings,
          ...(COMPONENT_MAIN_FIELDS[uid] ? { mainField: COMPONENT_MAIN_FIELDS[uid] } : {}),
        },
        metadatas: withLabels(configuration.metadatas, labels),
      }
    );
    applied.push(uid);
  }
  await store.set({ key: 'content-manager-views', value: applied });
};
