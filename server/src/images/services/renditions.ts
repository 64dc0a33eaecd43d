/**
 * Newsroom renditions, rendered in the background so an upload answers quickly. Work is a
 * queue of jobs in the database (one per image and reason), claimed with a conditional
 * UPDATE so several processes share it and a restart resumes it; each process renders one
 * image at a time, which bounds memory.
 */
import { randomUUID } from 'crypto';
import type { RenditionRun } from '../../../../shared/contracts/renditions';
import type { Core } from '@strapi/strapi';
import { FILE_UID, RENDITION_JOB_UID } from '../../platform/domain/uids';
import { planRenditions, type ImageFormat } from '../domain/plan';
import { renderRenditions } from '../pipeline';
import { imageSettings } from '../settings';
import { providerFile, readStoredFile, type FileRow, type StoredFormat } from '../stored-file';

export type RenditionReason = 'upload' | 'focal-point' | 'regenerate';

interface JobRow {
  id: number;
  fileId: number;
  reason: RenditionReason;
  status: 'pending' | 'running' | 'done' | 'failed';
  runId: string | null;
  attempts: number;
  claimedAt: string | Date | null;
}

export type RegenerationProgress = RenditionRun;

const TYPES: Record<ImageFormat, { ext: string; mime: string }> = {
  avif: { ext: '.avif', mime: 'image/avif' },
  webp: { ext: '.webp', mime: 'image/webp' },
  jpeg: { ext: '.jpg', mime: 'image/jpeg' },
};

/** Keys of Strapi's own sizes; everything else in `formats` written by the plugin is a plan rendition. */
const STRAPI_SIZES = new Set(['thumbnail', 'large', 'medium', 'small']);
const MAX_ATTEMPTS = 3;

const sameFocus = (a?: { x: number; y: number } | null, b?: { x: number; y: number } | null) =>
  (a?.x ?? 50) === (b?.x ?? 50) && (a?.y ?? 50) === (b?.y ?? 50);

export const isRenderableImage = (file: Pick<FileRow, 'mime' | 'newsroom'>) =>
  Boolean(file.newsroom && file.mime?.startsWith('image/'));

const renditionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const jobs = () => strapi.db.query(RENDITION_JOB_UID);
  const files = () => strapi.db.query(FILE_UID);
  let working = false;
  let again = false;

  /** Claims one job: the oldest pending one, or one whose claim outlived its lease (its process stopped). */
  const claimNext = async (): Promise<JobRow | null> => {
    const { jobLeaseSeconds } = imageSettings(strapi);
    const staleBefore = new Date(Date.now() - jobLeaseSeconds * 1000);
    for (let tries = 0; tries < 5; tries++) {
      const job = (await jobs().findOne({
        where: {
          $or: [{ status: 'pending' }, { status: 'running', claimedAt: { $lt: staleBefore } }],
        },
        orderBy: [{ id: 'asc' }],
      })) as JobRow | null;
      if (!job) return null;
      const { count } = await jobs().updateMany({
        where: {
          id: job.id,
          status: job.status,
          ...(job.claimedAt ? { claimedAt: job.claimedAt } : { claimedAt: null }),
        },
        data: { status: 'running', claimedAt: new Date(), attempts: (job.attempts ?? 0) + 1 },
      });
      if (count === 1) return { ...job, attempts: (job.attempts ?? 0) + 1 };
    }
    return null;
  };

  /** Renders the plan for one file, writes the renditions through the upload provider and records them in `formats`. */
  const render = async (fileId: number, reason: RenditionReason) => {
    const settings = imageSettings(strapi);
    const file = (await files().findOne({ where: { id: fileId } })) as FileRow | null;
    if (!file || !isRenderableImage(file) || !file.width || !file.height) return;
    const newsroom = file.newsroom!;
    const cropsOnly = reason === 'focal-point' && Boolean(newsroom.renditions);
    const planned = planRenditions(file.width, file.height, file.focalPoint, settings.plan).filter(
      (r) => !cropsOnly || r.crop !== 'original'
    );
    const source = await readStoredFile(strapi, file, 512 * 1024 * 1024);
    const version = Date.now().toString(36);
    const provider = strapi.plugin('upload').service('provider') as {
      upload: (f: unknown) => Promise<void>;
    };
    const written: Record<string, StoredFormat> = {};
    try {
      await renderRenditions(source, planned, settings, newsroom.credits ?? {}, async (image) => {
        const format = providerFile(
          file,
          image.key,
          version,
          image,
          TYPES[image.format as ImageFormat]
        );
        await provider.upload(format);
        const { getStream: _stream, ...stored } = format as typeof format & { url: string };
        written[image.key] = stored as unknown as StoredFormat;
      });
    } catch (error) {
      await removeFormats(Object.values(written));
      throw error;
    }

    // The file may have changed (or gone) while rendering: merge into what is stored now.
    const current = (await files().findOne({ where: { id: fileId } })) as FileRow | null;
    if (!current) {
      await removeFormats(Object.values(written));
      return;
    }
    const previous = current.formats ?? {};
    const keep = (key: string) =>
      STRAPI_SIZES.has(key) || (cropsOnly && key.startsWith('original_'));
    const formats: Record<string, StoredFormat> = {};
    for (const [key, format] of Object.entries(previous)) if (keep(key)) formats[key] = format;
    Object.assign(formats, written);
    await files().update({
      where: { id: fileId },
      data: {
        formats,
        newsroom: {
          ...(current.newsroom ?? newsroom),
          renditions: {
            focalPoint: file.focalPoint ?? null,
            keys: Object.keys(written),
            at: new Date().toISOString(),
          },
        },
      },
    });
    const kept = new Set(Object.values(formats).map((f) => f.url));
    await removeFormats(Object.values(previous).filter((f) => !kept.has(f.url)));
    // The focal point moved while the crops were being cut around the old one.
    if (!sameFocus(current.focalPoint, file.focalPoint))
      await service.enqueue(fileId, 'focal-point');
  };

  const removeFormats = async (formats: StoredFormat[]) => {
    const uploadProvider = strapi.plugin('upload').provider as {
      delete: (f: unknown) => Promise<void>;
    };
    for (const format of formats) {
      try {
        await uploadProvider.delete(format);
      } catch (error) {
        strapi.log.warn(
          `[newsroom] could not delete rendition ${format.url}: ${(error as Error).message}`
        );
      }
    }
  };

  const runOne = async (job: JobRow) => {
    try {
      await render(job.fileId, job.reason);
      await jobs().update({
        where: { id: job.id },
        data: { status: 'done', finishedAt: new Date(), error: null },
      });
    } catch (error) {
      const message = (error as Error).message;
      const failed = job.attempts >= MAX_ATTEMPTS;
      strapi.log.warn(
        `[newsroom] renditions for file ${job.fileId} failed (attempt ${job.attempts}): ${message}`
      );
      await jobs().update({
        where: { id: job.id },
        data: failed
          ? { status: 'failed', finishedAt: new Date(), error: message }
          : { status: 'pending', claimedAt: null, error: message },
      });
    }
  };

  const service = {
    /** Queues rendition work for a file, unless work for it is already waiting. */
    async enqueue(fileId: number, reason: RenditionReason, runId?: string) {
      const waiting = await jobs().findOne({ where: { fileId, status: 'pending' } });
      if (waiting) {
        if (runId)
          await jobs().update({ where: { id: (waiting as JobRow).id }, data: { runId, reason } });
      } else {
        await jobs().create({
          data: { fileId, reason, status: 'pending', runId: runId ?? null, attempts: 0 },
        });
      }
      service.kick();
    },

    /** Starts working through the queue in this process, if it is not already. */
    kick() {
      if (!imageSettings(strapi).worker) return;
      if (working) {
        again = true;
        return;
      }
      working = true;
      setImmediate(async () => {
        try {
          do {
            again = false;
            for (let job = await claimNext(); job; job = await claimNext()) await runOne(job);
          } while (again);
        } catch (error) {
          strapi.log.error(`[newsroom] rendition worker stopped: ${(error as Error).message}`);
        } finally {
          working = false;
        }
      });
    },

    /** Whether this process is rendering right now. */
    busy: () => working,

    /** Queues every image for the current plan, as one run whose progress can be followed. */
    async regenerateAll(): Promise<RegenerationProgress> {
      const runId = randomUUID();
      const pageSize = 500;
      for (let lastId = 0; ; ) {
        const page = (await files().findMany({
          where: {
            id: { $gt: lastId },
            mime: { $startsWith: 'image/' },
            newsroom: { $notNull: true },
          },
          select: ['id'],
          orderBy: [{ id: 'asc' }],
          limit: pageSize,
        })) as Array<{ id: number }>;
        if (!page.length) break;
        for (const { id } of page) await service.enqueue(id, 'regenerate', runId);
        lastId = page[page.length - 1].id;
      }
      return service.progress(runId) as Promise<RegenerationProgress>;
    },

    /** Progress of a regeneration run (the latest when none is named); null when there has been none. */
    async progress(runId?: string): Promise<RegenerationProgress | null> {
      const id =
        runId ??
        (
          (await jobs().findOne({
            where: { runId: { $notNull: true } },
            orderBy: [{ id: 'desc' }],
            select: ['runId'],
          })) as { runId: string } | null
        )?.runId;
      if (!id) return null;
      const rows = (await jobs().findMany({
        where: { runId: id },
        select: ['status', 'createdAt', 'finishedAt'],
      })) as Array<{
        status: JobRow['status'];
        createdAt: string;
        finishedAt: string | null;
      }>;
      const count = (status: JobRow['status']) => rows.filter((r) => r.status === status).length;
      const finished =
        rows.length > 0 && rows.every((r) => r.status === 'done' || r.status === 'failed');
      const time = (v: string | Date | null) => (v ? new Date(v).toISOString() : null);
      return {
        runId: id,
        total: rows.length,
        done: count('done'),
        failed: count('failed'),
        pending: count('pending'),
        running: count('running'),
        finished,
        startedAt: time(rows.map((r) => r.createdAt).sort()[0] ?? null),
        finishedAt: finished
          ? time(
              rows
                .map((r) => r.finishedAt ?? '')
                .sort()
                .pop() ?? null
            )
          : null,
      };
    },

    /** Work waiting or in progress across all processes. */
    async queue() {
      const [pending, running, failed] = await Promise.all([
        jobs().count({ where: { status: 'pending' } }),
        jobs().count({ where: { status: 'running' } }),
        jobs().count({ where: { status: 'failed' } }),
      ]);
      return { pending, running, failed };
    },

    /** Reacts to a file write: new and replaced images get their renditions, a moved focal point new crops. */
    async onFileWritten(file: FileRow, created: boolean) {
      if (!isRenderableImage(file)) return;
      const rendered = file.newsroom?.renditions;
      // New, or replaced (a replacement's upload step starts it over with no renditions).
      if (created || !rendered) return service.enqueue(file.id, 'upload');
      if (rendered && !sameFocus(rendered.focalPoint, file.focalPoint))
        return service.enqueue(file.id, 'focal-point');
      return undefined;
    },
  };
  return service;
};

export type RenditionsService = ReturnType<typeof renditionsService>;
export default renditionsService;
