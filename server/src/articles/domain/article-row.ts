import type { WireUpdate, WorkflowState } from '../../../../shared/contracts/workflow';

/**
 * An article row as stored. Strapi keeps, per locale, one draft row (the working copy,
 * `publishedAt` null) and, once published, one published row (what readers see). The
 * workflow fields live on both; the workflow moves them on the draft.
 */
export interface ArticleRow {
  id: number;
  documentId: string;
  locale: string;
  headline: string | null;
  slug: string | null;
  workflowState: WorkflowState;
  workflowVersion: number;
  embargoUntil: string | null;
  scheduledAt: string | null;
  firstPublishedAt: string | null;
  killNotice: string | null;
  /** A newer agency version waiting to be applied, with its diff. */
  wireUpdate: WireUpdate | null;
  /** What the last approval covered (see workflow/domain/approval). */
  approvedDigest: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
