/** Prints rows as a Markdown table, so a run can be pasted into a note as it is. */
export const printTable = (headers: string[], rows: Array<Array<string | number>>) => {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  rows.forEach((r) => console.log(line(r.map(String))));
};

/** Peak resident memory while `work` runs, sampled every `everyMs`. */
export const withPeakRss = async <T>(work: () => Promise<T>, everyMs = 25) => {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, everyMs);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakRss: peak };
  } finally {
    clearInterval(timer);
  }
};

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
