import type { Core } from '@strapi/strapi';
import { COMPONENT_SCHEMAS } from '../components';
import {
  AGENCY_UID,
  ARTICLE_UID,
  EDIT_LOCK_UID,
  FEED_UID,
  PUBLISHED_VERSION_UID,
  PUSH_DELIVERY_UID,
  RENDITION_JOB_UID,
  SUBSCRIBER_UID,
  RUBRIC_UID,
  WIRE_ITEM_UID,
  WORKFLOW_EVENT_UID,
} from '../platform/domain/uids';

/** Every newsroom type, content types and components alike. */
const NEWSROOM_TYPES = [
  ARTICLE_UID,
  WIRE_ITEM_UID,
  AGENCY_UID,
  RUBRIC_UID,
  WORKFLOW_EVENT_UID,
  RENDITION_JOB_UID,
  FEED_UID,
  EDIT_LOCK_UID,
  PUBLISHED_VERSION_UID,
  SUBSCRIBER_UID,
  PUSH_DELIVERY_UID,
  ...Object.keys(COMPONENT_SCHEMAS).map((name) => `newsroom.${name}`),
];

type ShadowCrud = { disable(): unknown; field(name: string): { disable(): unknown } };
type GraphqlExtension = { shadowCRUD(uid: string): ShadowCrud };

/**
 * Strapi's GraphQL plugin generates queries and mutations for every content type, past the
 * workflow and the delivery rules (drafts, embargoes, raw agency copy, the history). When it
 * is installed, the newsroom's types are taken out of its schema: they are read through the
 * delivery routes and written through the workflow only.
 */
export const closeGeneratedGraphql = (strapi: Core.Strapi) => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extension = graphql.service('extension') as GraphqlExtension;
  for (const uid of NEWSROOM_TYPES) extension.shadowCRUD(uid).disable();
  // A file's `related` would name the newsroom photos that use it (types that are no longer in the schema).
  extension.shadowCRUD('plugin::upload.file').field('related').disable();
};
