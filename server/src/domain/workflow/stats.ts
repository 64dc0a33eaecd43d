/** Newsroom figures for the dashboard, from publication times (pure). */

export interface PublishedArticle {
  firstPublishedAt: Date;
  /** When the article was made; for wire-sourced articles, when the wire item was taken. */
  createdAt: Date;
  wireSourced: boolean;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Articles first published on each of the `days` days up to `now` (UTC days, oldest first, zeros included). */
export const publishedPerDay = (articles: PublishedArticle[], days: number, now: Date) => {
  const counts = new Map<string, number>();
  for (let i = days - 1; i >= 0; i -= 1) counts.set(day(new Date(now.getTime() - i * 86_400_000)), 0);
  for (const a of articles) {
    const key = day(a.firstPublishedAt);
    if (counts.has(key)) counts.set(key, counts.get(key)! + 1);
  }
  return [...counts].map(([date, count]) => ({ date, count }));
};

/** Median minutes from take to first publication of wire-sourced articles; null with none. */
export const medianTakeToPublishMinutes = (articles: PublishedArticle[]) => {
  const minutes = articles
    .filter((a) => a.wireSourced)
    .map((a) => (a.firstPublishedAt.getTime() - a.createdAt.getTime()) / 60_000)
    .sort((x, y) => x - y);
  if (!minutes.length) return null;
  const mid = Math.floor(minutes.length / 2);
  return minutes.length % 2 ? minutes[mid] : (minutes[mid - 1] + minutes[mid]) / 2;
};
