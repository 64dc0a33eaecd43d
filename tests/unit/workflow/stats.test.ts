import { isTimeZone } from '../../../server/src/workflow/domain/time-zone';
import {
  medianTakeToPublishMinutes,
  publishedPerDay,
  publishedWithin,
} from '../../../server/src/workflow/domain/stats';

const at = (iso: string) => new Date(iso);
const article = (published: string, created: string, wireSourced = true) => ({
  firstPublishedAt: at(published),
  createdAt: at(created),
  wireSourced,
});

describe('dashboard figures', () => {
  test('published per day counts each UTC day in the window, zeros included', () => {
    const days = publishedPerDay(
      [
        article('2026-11-28T09:00:00Z', '2026-11-28T08:00:00Z'),
        article('2026-11-28T23:59:00Z', '2026-11-28T22:00:00Z'),
        article('2026-11-26T10:00:00Z', '2026-11-26T09:00:00Z'),
        article('2026-10-01T10:00:00Z', '2026-10-01T09:00:00Z'),
      ],
      3,
      at('2026-11-28T12:00:00Z')
    );
    expect(days).toEqual([
      { date: '2026-11-26', count: 1 },
      { date: '2026-11-27', count: 0 },
      { date: '2026-11-28', count: 2 },
    ]);
  });

  test('days fall where the editor is: 22:30 UTC is already tomorrow in Moscow', () => {
    const late = [
      article('2026-11-27T22:30:00Z', '2026-11-27T22:00:00Z'),
      article('2026-11-27T20:30:00Z', '2026-11-27T20:00:00Z'),
    ];
    const now = at('2026-11-28T06:00:00Z');
    expect(publishedPerDay(late, 2, now)).toEqual([
      { date: '2026-11-27', count: 2 },
      { date: '2026-11-28', count: 0 },
    ]);
    expect(publishedPerDay(late, 2, now, 'Europe/Moscow')).toEqual([
      { date: '2026-11-27', count: 1 },
      { date: '2026-11-28', count: 1 },
    ]);
    // A one-day window in Moscow holds only the article published after Moscow's midnight.
    expect(publishedWithin(late, 1, now, 'Europe/Moscow')).toEqual([late[0]]);
  });

  test('calendar days across a daylight-saving change are neither skipped nor doubled', () => {
    // New York leaves daylight saving on 2026-11-01: that day has 25 hours.
    const days = publishedPerDay(
      [article('2026-11-02T04:30:00Z', '2026-11-02T04:00:00Z')],
      4,
      at('2026-11-02T12:00:00Z'),
      'America/New_York'
    );
    expect(days).toEqual([
      { date: '2026-10-30', count: 0 },
      { date: '2026-10-31', count: 0 },
      { date: '2026-11-01', count: 1 },
      { date: '2026-11-02', count: 0 },
    ]);
  });

  test('time zones are IANA names the runtime knows', () => {
    expect(isTimeZone('Europe/Moscow')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  test('median take-to-publish counts wire-sourced articles only', () => {
    expect(medianTakeToPublishMinutes([])).toBeNull();
    expect(
      medianTakeToPublishMinutes([
        article('2026-11-28T10:10:00Z', '2026-11-28T10:00:00Z'),
        article('2026-11-28T11:30:00Z', '2026-11-28T11:00:00Z'),
        article('2026-11-28T12:00:00Z', '2026-11-28T09:00:00Z', false),
      ])
    ).toBe(20);
    expect(
      medianTakeToPublishMinutes([article('2026-11-28T10:15:00Z', '2026-11-28T10:00:00Z')])
    ).toBe(15);
  });
});
