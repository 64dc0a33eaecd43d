import type { Core } from '@strapi/strapi';

/**
 * `plugin::newsroom.subjects`: the article's subjects, stored as JSON (`[{ code, name }]`) and
 * edited in the Content Manager with the Media Topics picker (admin `SubjectsInput`). Must be
 * registered before the content types that use it load, so from `register`.
 */
export const registerSubjectsField = (strapi: Core.Strapi) => {
  strapi.customFields.register({
    name: 'subjects',
    plugin: 'newsroom',
    type: 'json',
    inputSize: { default: 12, isResizable: false },
  });
};
