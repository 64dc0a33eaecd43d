/** The rights guard: what must be present before an article may go out. */

export interface GuardedPhoto {
  creditLine?: string | null;
}

export interface GuardedArticle {
  headline?: string | null;
  wireSourced: boolean;
  attributionLine?: string | null;
  leadPhoto?: GuardedPhoto | null;
  gallery?: GuardedPhoto[] | null;
  /** The agency killed or withheld the story this article is made from. */
  agencyAlert?: { status: 'canceled' | 'withheld'; notice?: string | null } | null;
}

/** Each problem that blocks publication, in words an editor can act on; empty when none. */
export const rightsProblems = (article: GuardedArticle): string[] => {
  const problems: string[] = [];
  if (article.agencyAlert) {
    const what = article.agencyAlert.status === 'canceled' ? 'killed' : 'withheld';
    const notice = article.agencyAlert.notice?.trim();
    problems.push(`The agency has ${what} this story${notice ? `: ${notice}` : ''}`);
  }
  if (!article.headline?.trim()) problems.push('The article has no headline');
  if (article.wireSourced && !article.attributionLine?.trim()) {
    problems.push('The article is based on wire copy but has no attribution line');
  }
  if (article.leadPhoto && !article.leadPhoto.creditLine?.trim())
    problems.push('The lead photo has no credit line');
  (article.gallery ?? []).forEach((photo, i) => {
    if (!photo.creditLine?.trim()) problems.push(`Gallery photo ${i + 1} has no credit line`);
  });
  return problems;
};
