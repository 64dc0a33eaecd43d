/** Content-type uids of the newsroom model. */
export const ARTICLE_UID = 'plugin::newsroom.article' as const;
export const WIRE_ITEM_UID = 'plugin::newsroom.wire-item' as const;
export const AGENCY_UID = 'plugin::newsroom.agency' as const;
export const RUBRIC_UID = 'plugin::newsroom.rubric' as const;
export const WORKFLOW_EVENT_UID = 'plugin::newsroom.workflow-event' as const;
export const RENDITION_JOB_UID = 'plugin::newsroom.rendition-job' as const;
export const FEED_UID = 'plugin::newsroom.feed' as const;
export const EDIT_LOCK_UID = 'plugin::newsroom.edit-lock' as const;
export const PUBLISHED_VERSION_UID = 'plugin::newsroom.published-version' as const;
export const SUBSCRIBER_UID = 'plugin::newsroom.subscriber' as const;
export const PUSH_DELIVERY_UID = 'plugin::newsroom.push-delivery' as const;
export const FILE_UID = 'plugin::upload.file' as const;
