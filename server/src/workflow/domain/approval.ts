/**
 * What an approval covers (pure): the text and pictures readers will see. An approval is
 * recorded as a digest of these fields; the article may go out only while its working copy
 * still has that digest.
 */
import crypto from 'crypto';

/** The article fields an approval covers; a change to any of them needs a new approval. */
export const APPROVED_FIELDS = [
  'headline',
  'slug',
  'standfirst',
  'dateline',
  'body',
  'byline',
  'attribution',
  'rubric',
  'tags',
  'leadPhoto',
  'gallery',
  'embargoUntil',
  'language',
  'subjects',
  'urgency',
] as const;

type Loose = Record<string, unknown> | null | undefined;

export interface ApprovableArticle {
  headline?: string | null;
  subjects?: Array<{ code?: string | null; name?: string | null } | null> | null;
  urgency?: number | null;
  slug?: string | null;
  standfirst?: string | null;
  byline?: string | null;
  language?: string | null;
  embargoUntil?: string | Date | null;
  dateline?: Loose;
  body?: Loose[] | null;
  attribution?: Loose;
  rubric?: Loose;
  tags?: Loose[] | null;
  leadPhoto?: Loose;
  gallery?: Loose[] | null;
}

/** Empty text is no text: the Content Manager saves '' where the API may save null. */
const text = (value: unknown) =>
  value === undefined || value === null || value === '' ? null : value;

const time = (value: unknown) => {
  if (value === undefined || value === null || value === '') return null;
  const date = value instanceof Date ? value : new Date(value as string);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
};

/** What readers see of an article's agency and rubric records (beside which record it is). */
export const AGENCY_SHOWN = ['name', 'code', 'usageTerms'] as const;
export const RUBRIC_SHOWN = ['name', 'slug'] as const;

/** A related record as readers get it: which one, and the fields of it they see. */
const record = (value: unknown, shown: readonly string[]) => {
  const r = (value && typeof value === 'object' ? value : { id: value ?? null }) as Record<
    string,
    unknown
  >;
  if (r.id === null || r.id === undefined) return null;
  return { id: r.id, ...Object.fromEntries(shown.map((field) => [field, text(r[field])])) };
};

/** A photo's file as readers get it: which file, and what of it they see (alternative text, crops, its bytes' size). */
const file = (value: unknown) => {
  const f = (value && typeof value === 'object' ? value : { id: value ?? null }) as Record<
    string,
    unknown
  >;
  if (f.id === null || f.id === undefined) return null;
  return {
    id: f.id,
    alternativeText: text(f.alternativeText),
    focalPoint: f.focalPoint ?? null,
    width: f.width ?? null,
    height: f.height ?? null,
    size: f.size ?? null,
  };
};

const photo = (p: Loose) =>
  p
    ? {
        image: file(p.image),
        caption: text(p.caption),
        creditLine: text(p.creditLine),
        creator: text(p.creator),
        source: text(p.source),
        copyrightNotice: text(p.copyrightNotice),
        usageTerms: text(p.usageTerms),
      }
    : null;

/** JSON with object keys sorted, so the same content always gives the same bytes (PostgreSQL's jsonb reorders keys). */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
};

/** The approval-relevant content of an article row (components and relations populated), without ids or times of its own. */
export const approvedContent = (article: ApprovableArticle) => ({
  headline: text(article.headline),
  slug: text(article.slug),
  standfirst: text(article.standfirst),
  byline: text(article.byline),
  language: text(article.language),
  embargoUntil: time(article.embargoUntil),
  dateline: article.dateline
    ? { place: text(article.dateline.place), date: text(article.dateline.date) }
    : null,
  body: (article.body ?? []).map((s) => ({ subhead: text(s?.subhead), text: s?.text ?? null })),
  attribution: article.attribution
    ? {
        line: text(article.attribution.line),
        agency: record(article.attribution.agency, AGENCY_SHOWN),
      }
    : null,
  rubric: record(article.rubric, RUBRIC_SHOWN),
  tags: (article.tags ?? []).map((t) => text(t?.label)),
  leadPhoto: photo(article.leadPhoto),
  gallery: (article.gallery ?? []).map(photo),
  // Absent when unset, so approvals recorded before articles had subjects keep their digest.
  subjects: article.subjects?.length
    ? article.subjects.map((s) => ({ code: text(s?.code), name: text(s?.name) }))
    : undefined,
  urgency: typeof article.urgency === 'number' ? article.urgency : undefined,
});

/** A short fingerprint of what an approval covers. */
export const approvalDigest = (article: ApprovableArticle) =>
  crypto
    .createHash('sha256')
    .update(canonical(approvedContent(article)))
    .digest('hex');
