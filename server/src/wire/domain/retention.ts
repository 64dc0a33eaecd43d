/** How long untaken agency copy is kept. */

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The moment before which untaken wire copy is purged: `retentionDays` whole days before
 * `now`, or null when retention is off (0 days). Throws RangeError for a negative or
 * fractional number of days, which configuration validation refuses before this runs.
 */
export const retentionCutoff = (now: Date, retentionDays: number): Date | null => {
  if (!Number.isInteger(retentionDays) || retentionDays < 0) {
    throw new RangeError(`retentionDays must be a whole number of days ≥ 0, not ${retentionDays}`);
  }
  return retentionDays === 0 ? null : new Date(now.getTime() - retentionDays * DAY_MS);
};
