import { createLruCache, createRateWindows } from '../../../server/src/platform/domain/bounded';

describe('the response cache is bounded in bytes', () => {
  test('a flood of distinct keys never holds more than the limit, and the least recently used go first', () => {
    const cache = createLruCache<string>(
      { maxBytes: 10_000, maxEntries: 1_000_000 },
      (v) => v.length
    );
    cache.set('kept', 'x'.repeat(100));
    for (let i = 0; i < 50_000; i += 1) {
      cache.set(`/api/newsroom/articles?page=${i}`, 'y'.repeat(200));
      if (i % 10 === 0) cache.get('kept');
      expect(cache.bytes).toBeLessThanOrEqual(10_000);
    }
    expect(cache.get('kept')).toBe('x'.repeat(100));
    expect(cache.get('/api/newsroom/articles?page=0')).toBeUndefined();
  });

  test('an entry larger than the whole cache is not kept', () => {
    const cache = createLruCache<string>({ maxBytes: 100, maxEntries: 10 }, (v) => v.length);
    cache.set('big', 'z'.repeat(1000));
    expect(cache.size).toBe(0);
  });

  test('entries are bounded in count too', () => {
    const cache = createLruCache<number>(
      { maxBytes: Number.MAX_SAFE_INTEGER, maxEntries: 3 },
      () => 1
    );
    for (let i = 0; i < 10; i += 1) cache.set(String(i), i);
    expect(cache.size).toBe(3);
    expect(cache.get('9')).toBe(9);
  });
});

test('clearing forgets every entry and its bytes', () => {
  const cache = createLruCache<string>({ maxBytes: 1000, maxEntries: 10 }, (v) => v.length);
  cache.set('a', 'xxxx');
  cache.set('b', 'yyyy');
  cache.clear();
  expect([cache.size, cache.bytes, cache.get('a')]).toEqual([0, 0, undefined]);
  cache.set('c', 'zz');
  expect(cache.bytes).toBe(2 + 2);
});

describe('rate windows', () => {
  test('count per client and refuse past the limit, with the seconds left in the window', () => {
    const windows = createRateWindows(100);
    const t0 = 1_000_000;
    expect(windows.hit('a', 2, 60_000, t0)).toMatchObject({ allowed: true, remaining: 1 });
    expect(windows.hit('a', 2, 60_000, t0 + 1)).toMatchObject({ allowed: true, remaining: 0 });
    expect(windows.hit('a', 2, 60_000, t0 + 30_000)).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 30,
    });
    expect(windows.hit('b', 2, 60_000, t0 + 30_000)).toMatchObject({ allowed: true });
    expect(windows.hit('a', 2, 60_000, t0 + 60_000)).toMatchObject({ allowed: true, remaining: 1 });
  });

  test('a flood of client addresses cannot grow past the bound, and stale windows are swept', () => {
    const windows = createRateWindows(1000);
    for (let i = 0; i < 100_000; i += 1)
      windows.hit(`10.0.${i >> 8}.${i & 255}`, 5, 60_000, 1_000 + i);
    expect(windows.size).toBeLessThanOrEqual(1000);
    windows.hit('late', 5, 60_000, 1_000 + 100_000 + 120_000);
    expect(windows.size).toBe(1);
  });
});
