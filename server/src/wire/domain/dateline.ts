import type { Dateline } from './story';

const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  января: 1,
  февраля: 2,
  марта: 3,
  апреля: 4,
  мая: 5,
  июня: 6,
  июля: 7,
  августа: 8,
  сентября: 9,
  октября: 10,
  ноября: 11,
  декабря: 12,
};

const MONTH = `(${Object.keys(MONTHS).join('|')})\\.?`;
// "22 April", "April 22", "22 апреля 2024", optionally after "PLACE, " and before " /TASS/".
const DAY_MONTH = new RegExp(`^(\\d{1,2})\\s+${MONTH}(?:\\s+(\\d{4}))?$`, 'iu');
const MONTH_DAY = new RegExp(`^${MONTH}\\s+(\\d{1,2})(?:,?\\s+(\\d{4}))?$`, 'iu');

const isoDate = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

const validDay = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/**
 * A dateline without a year belongs to the latest year in which that day is not after
 * the moment the copy was received: "22 April" received in March 2025 is 22 April 2024.
 */
const yearFor = (month: number, day: number, receivedAt: Date) => {
  const y = receivedAt.getUTCFullYear();
  const received = isoDate(y, receivedAt.getUTCMonth() + 1, receivedAt.getUTCDate());
  return isoDate(y, month, day) <= received ? y : y - 1;
};

/** Longer lines are body copy; the cap also keeps the trailing-punctuation patterns below from rescanning a long line. */
const DATELINE_MAX_CHARS = 200;

/** Reads a dateline line such as `22 April` or `MOSCOW, April 22 /TASS/`; undefined when it is not one. */
export const parseDateline = (line: string, receivedAt: Date): Dateline | undefined => {
  if (line.length > DATELINE_MAX_CHARS) return undefined;
  const cleaned = line
    .replace(/\s*[/(][^/()]*[/)]\s*\.?$/u, '')
    .replace(/[.\s]+$/u, '')
    .trim();
  const comma = cleaned.lastIndexOf(',');
  const candidates: Array<[string | undefined, string]> = [[undefined, cleaned]];
  if (comma > 0) candidates.push([cleaned.slice(0, comma).trim(), cleaned.slice(comma + 1).trim()]);

  for (const [place, datePart] of candidates) {
    let day: number, month: number, year: number | undefined;
    const dm = DAY_MONTH.exec(datePart);
    const md = dm ? null : MONTH_DAY.exec(datePart);
    if (dm) {
      [day, month, year] = [
        Number(dm[1]),
        MONTHS[dm[2].toLowerCase()],
        dm[3] ? Number(dm[3]) : undefined,
      ];
    } else if (md) {
      [day, month, year] = [
        Number(md[2]),
        MONTHS[md[1].toLowerCase()],
        md[3] ? Number(md[3]) : undefined,
      ];
    } else continue;
    const y = year ?? yearFor(month, day, receivedAt);
    if (!validDay(y, month, day)) return undefined;
    return { ...(place ? { place } : {}), date: isoDate(y, month, day) };
  }
  return undefined;
};
