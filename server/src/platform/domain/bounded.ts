/**
 * In-process memory with a bound (pure). Whatever arrives — distinct query strings, client
 * addresses, uploads — these structures never hold more than their limit.
 */

/** Least-recently-used entries, bounded by total size (bytes, as `sizeOf` counts them) and by count. */
export const createLruCache = <V>(
  limits: { maxBytes: number; maxEntries: number },
  sizeOf: (value: V) => number
) => {
  const entries = new Map<string, { value: V; size: number }>();
  let bytes = 0;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.size;
  };

  return {
    get(key: string): V | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      // Refresh its place so the least recently used entry is the one dropped.
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key: string, value: V) {
      drop(key);
      const size = sizeOf(value) + key.length * 2;
      if (size > limits.maxBytes) return; // larger than the whole cache: not kept
      entries.set(key, { value, size });
      bytes += size;
      while (bytes > limits.maxBytes || entries.size > limits.maxEntries)
        drop(entries.keys().next().value as string);
    },
    clear() {
      entries.clear();
      bytes = 0;
    },
    get bytes() {
      return bytes;
    },
    get size() {
      return entries.size;
    },
  };
};

/**
 * Fixed-window request counts per client. Expired windows are swept at most once per window
 * length; beyond `maxClients` the oldest window is forgotten.
 */
export const createRateWindows = (maxClients: number) => {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;

  return {
    /** Counts one request by `client`; whether it is within `max` per `windowMs`, and when the window ends. */
    hit(client: string, max: number, windowMs: number, now = Date.now()) {
      if (now - lastSweep >= windowMs) {
        for (const [key, w] of windows) if (now - w.start >= windowMs) windows.delete(key);
        lastSweep = now;
      }
      let window = windows.get(client);
      if (!window || now - window.start >= windowMs) {
        windows.delete(client);
        window = { start: now, count: 0 };
        windows.set(client, window);
        if (windows.size > maxClients) windows.delete(windows.keys().next().value as string);
      }
      window.count += 1;
      return {
        allowed: window.count <= max,
        remaining: Math.max(0, max - window.count),
        retryAfterSeconds: Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)),
      };
    },
    get size() {
      return windows.size;
    },
  };
};
