/** Newsroom figures for the dashboard, from publication times (pure). */

export interface PublishedArticle {
  firstPublishedAt: Date;
  /** When the article was made; for wire-sourced articles, when the wire item was taken. */
  createdAt: Date;
  wireSourced: boolean;
}

/** The calendar day (`YYYY-MM-DD`) of an instant in a time zone. */
const dayIn = (zone: string) => {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return (d: Date) => format.format(d);
};

/** The `days` calendar days ending with `lastDay`, oldest first (calendar arithmetic, so DST changes do not matter). */
const daysUpTo = (lastDay: string, days: number) => {
  const [y, m, d] = lastDay.split('-').map(Number);
  return Array.from({ length: days }, (_, i) =>
    new Date(Date.UTC(y, m - 1, d - (days - 1 - i))).toISOString().slice(0, 10)
  );
};

/**
 * Articles first published on each of the `days` calendar days up to `now`, as the days fall
 * in `timeZone` (UTC by default): oldest first, zeros included.
 */
export const publishedPerDay = (
  articles: PublishedArticle[],
  days: number,
  now: Date,
  timeZone = 'UTC'
) => {
  const day = dayIn(timeZone);
  const counts = new Map(daysUpTo(day(now), days).map((date) => [date, 0]));
  for (const a of articles) {
    const key = day(a.firstPublishedAt);
    if (counts.has(key)) counts.set(key, counts.get(key)! + 1);
  }
  return [...counts].map(([date, count]) => ({ date, count }));
};

/** The articles first published within those days (for the figures that go with the chart). */
export const publishedWithin = (
  articles: PublishedArticle[],
  days: number,
  now: Date,
  timeZone = 'UTC'
) => {
  const day = dayIn(timeZone);
  const window = new Set(daysUpTo(day(now), days));
  return articles.filter((a) => window.has(day(a.firstPublishedAt)));
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
