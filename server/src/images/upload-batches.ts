/**
 * A request that uploads several files is all or nothing. Strapi's upload service stores
 * each file as it goes, so a refusal of the third file would leave the first two in the
 * Media Library; here the files are stored one by one and, when one is refused or fails,
 * those already stored in the same request are removed (records and provider files).
 */
import type { Core } from '@strapi/strapi';
import { FILE_UID } from '../platform/domain/uids';
import { pairFileInfos, type BatchFile } from './domain/batch';

interface UploadRequest {
  data?: { fileInfo?: unknown; [key: string]: unknown };
  files: unknown;
}

interface StoredFile {
  id: number;
}

type UploadService = {
  upload: (request: UploadRequest, opts?: unknown) => Promise<StoredFile[]>;
  remove: (file: unknown) => Promise<unknown>;
  [key: string]: unknown;
};

export const uploadBatchesWhole = (strapi: Core.Strapi) => {
  strapi.get('services').extend('plugin::upload.upload', (stock: UploadService) => ({
    ...stock,

    async upload(request: UploadRequest, opts?: unknown) {
      const files = Array.isArray(request.files) ? request.files : [request.files];
      if (files.length < 2) return stock.upload(request, opts);
      const { fileInfo, ...metas } = request.data ?? {};
      const infos = Array.isArray(fileInfo) ? fileInfo : [fileInfo];
      const stored: StoredFile[] = [];
      try {
        for (const { file, info } of pairFileInfos(files as BatchFile[], infos)) {
          stored.push(
            ...(await stock.upload({ data: { ...metas, fileInfo: info }, files: file }, opts))
          );
        }
        return stored;
      } catch (error) {
        for (const { id } of stored) {
          try {
            // Read again: renditions may have been added to the file since it was stored.
            const current = await strapi.db.query(FILE_UID).findOne({ where: { id } });
            if (current) await stock.remove(current);
          } catch (cleanup) {
            strapi.log.error(
              `[newsroom] could not remove file ${id} after its batch failed: ${(cleanup as Error).message}`
            );
          }
        }
        throw error;
      }
    },
  }));
};
