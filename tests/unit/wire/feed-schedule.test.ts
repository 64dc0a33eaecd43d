import {
  completeFiles,
  feedHealth,
  isDue,
  nextPollAt,
  type FeedHealthInput,
} from '../../../server/src/wire/domain/feed-schedule';

const at = (iso: string) => new Date(iso);
const feed = (over: Partial<FeedHealthInput> = {}): FeedHealthInput => ({
  enabled: true,
  intervalSeconds: 60,
  consecutiveFailures: 0,
  lastPollAt: at('2026-11-28T10:00:00Z'),
  lastSuccessAt: at('2026-11-28T10:00:00Z'),
  lastErrorAt: null,
  lastError: null,
  lastNewItemAt: at('2026-11-28T09:59:00Z'),
  idleAlertSeconds: 3600,
  createdAt: at('2026-11-01T00:00:00Z'),
  ...over,
});

describe('when a feed is polled', () => {
  test('one interval after the last poll; at once if never polled; never when disabled', () => {
    expect(nextPollAt(feed())).toEqual(at('2026-11-28T10:01:00Z'));
    expect(nextPollAt(feed({ lastPollAt: null }))).toEqual(new Date(0));
    expect(nextPollAt(feed({ enabled: false }))).toBeNull();
    expect(isDue(feed(), at('2026-11-28T10:00:59Z'))).toBe(false);
    expect(isDue(feed(), at('2026-11-28T10:01:00Z'))).toBe(true);
  });

  test('failures back off exponentially, capped', () => {
    const waits = [1, 2, 3, 6, 40].map(
      (n) =>
        (nextPollAt(feed({ consecutiveFailures: n }))!.getTime() -
          at('2026-11-28T10:00:00Z').getTime()) /
        1000
    );
    expect(waits).toEqual([120, 240, 480, 3600, 3600]);
    // A feed polled less often than the cap waits its own interval, never less.
    const daily = nextPollAt(feed({ intervalSeconds: 86_400, consecutiveFailures: 2 }))!;
    expect((daily.getTime() - at('2026-11-28T10:00:00Z').getTime()) / 1000).toBe(86_400);
  });
});

describe('feed health', () => {
  const now = at('2026-11-28T10:01:00Z');

  test('green when polling works and items come', () => {
    expect(feedHealth(feed(), now)).toEqual({ light: 'green', alerts: [] });
  });

  test('amber on a failure or two, red with an alert naming the error from the third', () => {
    expect(feedHealth(feed({ consecutiveFailures: 1, lastError: 'HTTP 503' }), now)).toEqual({
      light: 'amber',
      alerts: [],
    });
    expect(feedHealth(feed({ consecutiveFailures: 3, lastError: 'HTTP 503' }), now)).toEqual({
      light: 'red',
      alerts: ['Failed 3 times in a row: HTTP 503'],
    });
  });

  test('a feed gone quiet past its idle threshold raises an alert', () => {
    const quiet = feedHealth(feed({ lastNewItemAt: at('2026-11-28T07:00:00Z') }), now);
    expect(quiet).toEqual({ light: 'amber', alerts: ['No new item for 3 h (alert after 1 h)'] });
    // Never brought anything: quiet since it was made.
    expect(feedHealth(feed({ lastNewItemAt: null }), now).alerts).toEqual([
      'No new item for 27 d (alert after 1 h)',
    ]);
  });

  test('a disabled feed is off, without alerts', () => {
    expect(feedHealth(feed({ enabled: false, consecutiveFailures: 9 }), now)).toEqual({
      light: 'off',
      alerts: [],
    });
  });
});

describe('drop folder', () => {
  test('a file is complete when its size is the same at two looks', () => {
    const first = new Map([
      ['a.xml', 100],
      ['b.xml', 50],
    ]);
    const second = new Map([
      ['a.xml', 100],
      ['b.xml', 80],
      ['c.xml', 10],
    ]);
    expect(completeFiles(first, second)).toEqual(['a.xml']);
    expect(
      completeFiles(
        second,
        new Map([
          ['b.xml', 80],
          ['c.xml', 10],
        ])
      )
    ).toEqual(['b.xml', 'c.xml']);
  });
});
