import photo from '../../components/photo.json';

/** The photo component's length limits, read from its schema (shared with the admin panel). */
const MAX_LENGTH: Record<string, number> = Object.fromEntries(
  Object.entries(photo.attributes as Record<string, { maxLength?: number }>).flatMap(
    ([field, attribute]) => (attribute.maxLength ? [[field, attribute.maxLength]] : [])
  )
);

/** A credit value cut to its photo field's limit, so a long embedded credit never makes an article unsavable. */
export const fitPhotoField = (field: string, value: string) =>
  value.slice(0, MAX_LENGTH[field] ?? value.length);
