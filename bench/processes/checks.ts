/**
 * What a deployment of several processes must not get wrong under load, counted from the
 * database after the work has settled: each scheduled story published once, each photo's
 * renditions rendered once, each wire item stored once.
 */
import type { Newsroom } from '../../tests/helpers/strapi';

const ARTICLE = 'plugin::newsroom.article';
const EVENT = 'plugin::newsroom.workflow-event';
const FILE = 'plugin::upload.file';
const RENDITION_JOB = 'plugin::newsroom.rendition-job';
const WIRE_ITEM = 'plugin::newsroom.wire-item';

export interface Publications {
  published: number;
  /** Due but not published. */
  missing: number;
  /** More than one published row, or more than one `published` event. */
  twice: number;
}

export const countPublications = async (
  { strapi }: Newsroom,
  documentIds: string[]
): Promise<Publications> => {
  const rows = await strapi.db.query(ARTICLE).findMany({
    where: { documentId: { $in: documentIds }, publishedAt: { $notNull: true } },
    select: ['documentId'],
  });
  const events = await strapi.db.query(EVENT).findMany({
    where: { articleDocumentId: { $in: documentIds }, toState: 'published' },
    select: ['articleDocumentId'],
  });
  const tally = (ids: string[]) =>
    ids.reduce(
      (counts, id) => counts.set(id, (counts.get(id) ?? 0) + 1),
      new Map<string, number>()
    );
  const rowsOf = tally(rows.map((row) => row.documentId));
  const eventsOf = tally(events.map((event) => event.articleDocumentId));
  const count = (holds: (id: string) => boolean) => documentIds.filter(holds).length;
  return {
    published: count((id) => rowsOf.has(id)),
    missing: count((id) => !rowsOf.has(id)),
    twice: count((id) => (rowsOf.get(id) ?? 0) > 1 || (eventsOf.get(id) ?? 0) > 1),
  };
};

export interface Renditions {
  rendered: number;
  /** No finished job or no plan renditions in `formats`: queued work that never completed. */
  lost: number;
  /** More than one job for the file, or a job claimed more than once (rendered twice). */
  doubled: number;
  /** When the last job finished (ms since the epoch), or null if none did. */
  lastFinishedAt: number | null;
}

export const countRenditions = async (
  { strapi }: Newsroom,
  fileIds: number[]
): Promise<Renditions> => {
  const files = await strapi.db.query(FILE).findMany({ where: { id: { $in: fileIds } } });
  const jobs = await strapi.db.query(RENDITION_JOB).findMany({
    where: { fileId: { $in: fileIds } },
    select: ['fileId', 'status', 'attempts', 'finishedAt'],
  });
  const renderedIds = new Set(
    files
      .filter((file) => file.formats && '16x9_1024_avif' in file.formats)
      .map((file) => file.id as number)
  );
  const jobsOf = (id: number) => jobs.filter((job) => job.fileId === id);
  const done = (id: number) => jobsOf(id).some((job) => job.status === 'done');
  return {
    rendered: fileIds.filter((id) => renderedIds.has(id) && done(id)).length,
    lost: fileIds.filter((id) => !renderedIds.has(id) || !done(id)).length,
    doubled: fileIds.filter(
      (id) => jobsOf(id).length > 1 || jobsOf(id).some((job) => (job.attempts ?? 0) > 1)
    ).length,
    lastFinishedAt: jobs.reduce<number | null>(
      (last, job) =>
        job.finishedAt ? Math.max(last ?? 0, new Date(job.finishedAt).getTime()) : last,
      null
    ),
  };
};

/** Whether every job for these files has finished, one way or the other. */
export const renditionsFinished = async ({ strapi }: Newsroom, fileIds: number[]) =>
  (await strapi.db.query(RENDITION_JOB).count({
    where: { fileId: { $in: fileIds }, status: { $in: ['pending', 'running'] } },
  })) === 0;

export interface WireItems {
  stored: number;
  lost: number;
  /** Rows beyond one per agency guid. */
  doubled: number;
}

export const countWireItems = async ({ strapi }: Newsroom, guids: string[]): Promise<WireItems> => {
  const rows = await strapi.db
    .query(WIRE_ITEM)
    .findMany({ where: { agencyGuid: { $in: guids } }, select: ['agencyGuid'] });
  const distinct = new Set(rows.map((row) => row.agencyGuid as string));
  return {
    stored: distinct.size,
    lost: guids.length - distinct.size,
    doubled: rows.length - distinct.size,
  };
};
