import type { Core } from '@strapi/strapi';
import { FILE_UID } from '../platform/domain/uids';
import { getService } from '../platform/services';
import type { FileRow } from './stored-file';

/**
 * Adds the plugin's data to Strapi's file type (credits, placeholder, rendition state);
 * registered before the database schema is synchronised.
 */
export const extendFileType = (strapi: Core.Strapi) => {
  strapi
    .get('content-types')
    .extend(FILE_UID, (contentType: { attributes: Record<string, unknown> }) => {
      contentType.attributes.newsroom = { type: 'json', configurable: false };
    });
};

/** New images get their renditions queued; a changed focal point queues new crops. */
export const watchFiles = (strapi: Core.Strapi) => {
  const renditions = getService('renditions', strapi);
  const react = (created: boolean) => async (event: { result?: unknown }) => {
    const file = event.result as FileRow | undefined;
    if (!file?.id) return;
    try {
      await renditions.onFileWritten(file, created);
    } catch (error) {
      strapi.log.error(
        `[newsroom] could not queue renditions for file ${file.id}: ${(error as Error).message}`
      );
    }
  };
  strapi.db.lifecycles.subscribe({
    models: [FILE_UID],
    afterCreate: react(true),
    afterUpdate: react(false),
  });
};

/** Every process looks for rendition work now and then: left by a restart, or queued by another process. */
export const registerRenditionWorker = (strapi: Core.Strapi, tickSeconds: number) => {
  const renditions = getService('renditions', strapi);
  strapi.cron.add({
    'newsroom-renditions': {
      options: { rule: `*/${tickSeconds} * * * * *` },
      task: async () => renditions.kick(),
    },
  });
  renditions.kick();
};
