/**
 * Content versions: every content save moves an article's `contentVersion` on by one, and the
 * last saves are kept on the working copy (who, when, which fields) so that a save built on
 * an older version can be refused with what changed since.
 */
import type { ContentEdit } from '../../../../shared/contracts/locks';
import { APPROVED_FIELDS } from './approval';

export type { ContentEdit };

/** The fields an editor writes, as the stale-save check names them: those an approval covers. */
export const CONTENT_FIELDS = APPROVED_FIELDS;

/** What the stale-save check compares: the editor's fields, with their components and relations. */
export const CONTENT_POPULATE = {
  dateline: true,
  body: true,
  attribution: { populate: { agency: { select: ['id'] } } },
  rubric: { select: ['id'] },
  tags: true,
  leadPhoto: { populate: { image: { select: ['id'] } } },
  gallery: { populate: { image: { select: ['id'] } } },
};

/** Saves kept on the article; an editor further behind is told the count, not each one. */
export const TRAIL_LENGTH = 20;

const IGNORED_KEYS = new Set([
  'id',
  'documentId',
  '__temp_key__',
  '__component',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'locale',
]);

type Json = Record<string, unknown>;

const isRelationChange = (value: Json) =>
  ['connect', 'disconnect', 'set'].some((key) => key in value);

/** A value as it compares: ids and form bookkeeping gone, a file as its id, a date as its time. */
const normalized = (value: unknown): unknown => {
  if (value === undefined || value === null || value === '') return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalized);
  if (typeof value !== 'object') return value;
  const object = value as Json;
  // A file (an upload, or its id) compares by id.
  if ('mime' in object || 'url' in object) return { file: object.id ?? null };
  return Object.fromEntries(
    Object.keys(object)
      .filter((key) => !IGNORED_KEYS.has(key))
      .sort()
      .map((key) => [key, normalized(object[key])])
  );
};

const sameTime = (a: unknown, b: unknown) => {
  const time = (v: unknown) => (v ? new Date(v as string).getTime() : null);
  return time(a) === time(b);
};

/** Which content fields `data` changes on `stored` (a working copy read with its components and relations). */
export const changedFields = (stored: Json, data: Json): string[] =>
  CONTENT_FIELDS.filter((field) => {
    if (!(field in data)) return false;
    const next = data[field];
    if (field === 'embargoUntil') return !sameTime(stored[field], next);
    if (
      next &&
      typeof next === 'object' &&
      !Array.isArray(next) &&
      isRelationChange(next as Json)
    ) {
      const change = next as { connect?: unknown[]; disconnect?: unknown[]; set?: unknown[] };
      return Boolean(change.connect?.length || change.disconnect?.length || change.set);
    }
    if (field === 'rubric') {
      const id = (v: unknown) =>
        v && typeof v === 'object' ? ((v as Json).id ?? null) : (v ?? null);
      return id(stored[field]) !== id(next);
    }
    if (typeof next === 'number' && stored[field] && typeof stored[field] === 'object')
      return (stored[field] as Json).id !== next;
    return JSON.stringify(normalized(stored[field])) !== JSON.stringify(normalized(next));
  });

/** The trail with `edit` added, the oldest dropped past `TRAIL_LENGTH`. */
export const withEdit = (trail: unknown, edit: ContentEdit): ContentEdit[] =>
  [...(Array.isArray(trail) ? (trail as ContentEdit[]) : []), edit].slice(-TRAIL_LENGTH);

/** The saves after `version`, oldest first. */
export const editsSince = (trail: unknown, version: number): ContentEdit[] =>
  (Array.isArray(trail) ? (trail as ContentEdit[]) : []).filter((edit) => edit.version > version);

/** How a refused stale save is explained to the editor. */
export const staleMessage = (yours: number, current: number, edits: ContentEdit[]) => {
  const last = edits[edits.length - 1];
  const fields = [...new Set(edits.flatMap((edit) => edit.fields))];
  const who = last
    ? `${last.actorName} saved it at ${last.at.slice(11, 16)} UTC${edits.length > 1 ? ` (${edits.length} saves)` : ''}`
    : `it was saved ${current - yours} time(s)`;
  return `The article changed since you opened it: ${who}${fields.length ? `, changing ${fields.join(', ')}` : ''} (your version ${yours}, now ${current}). Your save was not stored; reload the article to see the changes`;
};
