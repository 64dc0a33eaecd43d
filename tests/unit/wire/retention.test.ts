import { retentionCutoff } from '../../../server/src/wire/domain/retention';

const NOW = new Date('2026-03-31T03:30:00Z');

describe('the retention cutoff', () => {
  test('is the given number of days before now', () => {
    expect(retentionCutoff(NOW, 30)).toEqual(new Date('2026-03-01T03:30:00Z'));
    expect(retentionCutoff(NOW, 1)).toEqual(new Date('2026-03-30T03:30:00Z'));
  });

  test('counts days of 24 hours, across a daylight saving change', () => {
    // Europe moved its clocks on 2026-03-29; the cutoff is still 72 hours back.
    expect(retentionCutoff(NOW, 3)!.getTime()).toBe(NOW.getTime() - 72 * 3600 * 1000);
  });

  test('is null when retention is off (0 days): nothing is purged', () => {
    expect(retentionCutoff(NOW, 0)).toBeNull();
  });

  test('refuses a negative or fractional number of days', () => {
    expect(() => retentionCutoff(NOW, -1)).toThrow(RangeError);
    expect(() => retentionCutoff(NOW, 1.5)).toThrow(/whole number of days/u);
    expect(() => retentionCutoff(NOW, Number.NaN)).toThrow(RangeError);
  });
});
