import type { Core } from '@strapi/strapi';
import { CREDIT_FIELDS, type PhotoCredits } from './domain/credits';
import { fitPhotoField } from '../articles/domain/photo-fields';
import { FILE_UID } from '../platform/domain/uids';
import type { NewsroomImageData } from './stored-file';

type PhotoData = Record<string, unknown> & { image?: unknown };

/** A file id as the database holds it (32-bit); anything else is left for Strapi to refuse. */
const fileIdOf = (image: unknown): number | null => {
  const id =
    typeof image === 'number'
      ? image
      : typeof image === 'string' && /^\d{1,10}$/u.test(image)
        ? Number(image)
        : null;
  if (id !== null) return Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647 ? id : null;
  if (image && typeof image === 'object' && 'id' in image)
    return fileIdOf((image as { id: unknown }).id);
  return null;
};

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && !value.trim());

/** Fills a photo's empty credit fields from what the file's metadata said; what an editor typed is kept. */
export const withFileCredits = (photo: PhotoData, credits: PhotoCredits): PhotoData => {
  const filled: PhotoData = { ...photo };
  for (const field of CREDIT_FIELDS) {
    const value = credits[field];
    if (isBlank(filled[field]) && value) filled[field] = fitPhotoField(field, value);
  }
  return filled;
};

/** Applies file credits to the lead photo and gallery of article data about to be written. */
export const fillPhotoCredits = async (strapi: Core.Strapi, data: Record<string, unknown>) => {
  const photos: PhotoData[] = [];
  if (data.leadPhoto && typeof data.leadPhoto === 'object')
    photos.push(data.leadPhoto as PhotoData);
  if (Array.isArray(data.gallery))
    photos.push(...(data.gallery.filter((p) => p && typeof p === 'object') as PhotoData[]));
  const ids = [
    ...new Set(photos.map((p) => fileIdOf(p.image)).filter((id): id is number => id !== null)),
  ];
  if (!ids.length) return;
  const files = (await strapi.db
    .query(FILE_UID)
    .findMany({ where: { id: { $in: ids } }, select: ['id', 'newsroom'] })) as Array<{
    id: number;
    newsroom: NewsroomImageData | null;
  }>;
  const creditsById = new Map(files.map((f) => [f.id, f.newsroom?.credits ?? {}]));
  const fill = (photo: PhotoData) => {
    const credits = creditsById.get(fileIdOf(photo.image) ?? -1);
    return credits ? withFileCredits(photo, credits) : photo;
  };
  if (data.leadPhoto && typeof data.leadPhoto === 'object')
    data.leadPhoto = fill(data.leadPhoto as PhotoData);
  if (Array.isArray(data.gallery))
    data.gallery = data.gallery.map((p) => (p && typeof p === 'object' ? fill(p as PhotoData) : p));
};
