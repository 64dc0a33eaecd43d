import type {
  AgencyAlert,
  ArticleSummary,
  WireUpdate,
} from '../../../../shared/contracts/workflow';

/**
 * An article row as stored. Strapi keeps, per locale, one draft row (the working copy,
 * `publishedAt` null) and, once published, one published row (what readers see). The
 * workflow fields live on both; the workflow moves them on the draft.
 */
export interface ArticleRow extends ArticleSummary {
  firstPublishedAt: string | null;
  killNotice: string | null;
  /** A newer agency version waiting to be applied, with its diff. */
  wireUpdate: WireUpdate | null;
  /** The agency killed or withheld the story this article is made from (see wire/domain/agency-status). */
  agencyAlert: AgencyAlert | null;
  /** What the last approval covered (see workflow/domain/approval). */
  approvedDigest: string | null;
  /** Moves on every content save; a save made on an older one is refused (see workflow/domain/content-edits). */
  contentVersion: number | null;
  /** The last content saves: who, when, which fields. */
  editTrail: unknown;
  /** The number of the archived snapshot the published version is. */
  publicVersion: number | null;
  publishedAt: string | null;
  createdAt: string;
}
