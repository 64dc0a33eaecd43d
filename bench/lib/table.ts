/** Prints rows as a Markdown table, so a run can be pasted into a note as it is. */
export const printTable = (headers: string[], rows: Array<Array<string | number>>) => {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  rows.forEach((r) => console.log(line(r.map(String))));
};

/**
 * Peak resident memory while `work` runs: sampled on a timer and whenever `work` calls
 * `sample()` (synchronous drivers such as better-sqlite3 starve timers in a tight loop).
 */
export const withPeakRss = async <T>(work: (sample: () => void) => Promise<T>, everyMs = 25) => {
  let peak = process.memoryUsage().rss;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, everyMs);
  try {
    const result = await work(sample);
    sample();
    return { result, peakRss: peak };
  } finally {
    clearInterval(timer);
  }
};

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
