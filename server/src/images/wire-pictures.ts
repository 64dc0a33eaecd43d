/**
 * Pictures named in agency copy (ninjs/NewsML-G2 associations) are fetched when an editor
 * takes the story and go through Strapi's upload service, so they get the same checks,
 * cleaning and renditions as any upload.
 */
import { mkdtemp, rm, writeFile } from 'fs/promises';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import type { WirePicture } from '../wire/domain/story';
import { fetchPicture } from './picture-fetch';
import { imageSettings } from './settings';
import type { NewsroomImageData } from './stored-file';
import { FILE_UID } from '../platform/domain/uids';

/**
 * Fetches and uploads a wire picture; returns the file id, or null with the reason logged
 * (the draft is still created: a missing picture must not hold up the copy).
 */
export const uploadWirePicture = async (
  strapi: Core.Strapi,
  picture: WirePicture
): Promise<{ id: number; creditLine?: string } | { problem: string }> => {
  const { wireFetch } = imageSettings(strapi);
  const href = picture.href;
  if (!wireFetch.enabled || !href || !/^https?:\/\//iu.test(href))
    return { problem: 'no fetchable picture address' };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsroom-wire-picture-'));
  try {
    const { data, contentType, url } = await fetchPicture(href, wireFetch);
    const name =
      decodeURIComponent(url.pathname.split('/').pop() || 'wire-picture').replace(
        /[^\p{L}\p{N}._-]+/gu,
        '-'
      ) || 'wire-picture';
    const filepath = path.join(dir, 'picture');
    await writeFile(filepath, data);
    const [file] = (await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: {
          fileInfo: {
            name,
            caption: picture.caption ?? null,
            alternativeText: picture.caption ?? null,
          },
        },
        files: { filepath, originalFilename: name, mimetype: contentType, size: data.length },
      })) as Array<{ id: number; newsroom?: NewsroomImageData | null }>;
    const expires = picture.expires ? new Date(picture.expires) : null;
    if (expires && !Number.isNaN(expires.getTime()) && file.newsroom) {
      // The photo credits panel flags the picture once its licence has ended.
      await strapi.db.query(FILE_UID).update({
        where: { id: file.id },
        data: { newsroom: { ...file.newsroom, expiresAt: expires.toISOString() } },
      });
    }
    return { id: file.id, creditLine: file.newsroom?.credits?.creditLine };
  } catch (error) {
    const problem = `The agency picture ${href} was not added: ${(error as Error).message}`;
    strapi.log.warn(`[newsroom] ${problem}`);
    return { problem };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
