import type { WireStory } from './story';

import type { ParagraphChange, StoryDiff } from '../../../../shared/contracts/workflow';

// What the article panel shows of an update: part of the admin API's contract.
export type { ParagraphChange, StoryDiff };

/**
 * The diff is computed on every agency update of a taken story (an update or a kill is
 * never refused for its cost) and stored on the article, so its time, memory and size are
 * bounded whatever the versions hold.
 */
export const DIFF_LIMITS = {
  /**
   * Paragraphs added or removed that the exact alignment looks for, in each stretch it
   * aligns; past it the stretch is reported as replaced. Costs at most
   * (stretch length × this) steps and this² numbers of memory. Real updates change tens.
   */
  editDistance: 1000,
  /** Changes listed on the article; the rest are counted. */
  listedChanges: 200,
  /** Characters of a paragraph quoted in a summary line. */
  summaryChars: 500,
} as const;

export type Edit = { op: 'same' | 'removed' | 'added'; a: number; b: number };

const paragraphsOf = (story: WireStory | undefined): string[] => {
  const sections = Array.isArray(story?.sections) ? story.sections : [];
  return sections.flatMap((s) => [
    ...(s?.subhead ? [`## ${String(s.subhead)}`] : []),
    ...(Array.isArray(s?.paragraphs) ? s.paragraphs.map(String) : []),
  ]);
};

/** Paragraphs as numbers, equal text to equal number, so aligning compares integers. */
const numbered = (a: string[], b: string[]) => {
  const ids = new Map<string, number>();
  const id = (text: string) => {
    let n = ids.get(text);
    if (n === undefined) {
      n = ids.size;
      ids.set(text, n);
    }
    return n;
  };
  return [Int32Array.from(a, id), Int32Array.from(b, id)];
};

/**
 * Myers' shortest edit script for a[aLo..aHi) → b[bLo..bHi), appended to `out`, or false
 * when it needs more than `maxEdits` insertions and deletions (then `out` is untouched).
 * Keeps one frontier per edit count to walk the path back: O(maxEdits²) memory.
 */
const myers = (
  a: Int32Array,
  b: Int32Array,
  aLo: number,
  aHi: number,
  bLo: number,
  bHi: number,
  maxEdits: number,
  out: Edit[]
): boolean => {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const limit = Math.min(n + m, maxEdits);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= limit && found < 0; d += 1) {
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])
          ? v[offset + k + 1]
          : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  if (found < 0) return false;

  const path: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d -= 1) {
    // The frontier before this edit, indexed from diagonal -(d - 1).
    const prev = trace[d - 1];
    const at = (k: number) => prev[k + d - 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x -= 1;
      y -= 1;
      path.push({ op: 'same', a: aLo + x, b: bLo + y });
    }
    if (down) path.push({ op: 'added', a: aLo + x, b: bLo + prevY });
    else path.push({ op: 'removed', a: aLo + prevX, b: bLo + y });
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    x -= 1;
    y -= 1;
    path.push({ op: 'same', a: aLo + x, b: bLo + y });
  }
  for (let i = path.length - 1; i >= 0; i -= 1) out.push(path[i]);
  return true;
};

/** A stretch with no alignment found: everything in it is replaced. */
const replaced = (aLo: number, aHi: number, bLo: number, bHi: number, out: Edit[]) => {
  for (let i = aLo; i < aHi; i += 1) out.push({ op: 'removed', a: i, b: bLo });
  for (let j = bLo; j < bHi; j += 1) out.push({ op: 'added', a: aHi, b: j });
};

/**
 * Paragraphs that occur once in each version and in the same order (longest increasing
 * run by patience sorting, O(n log n)): fixed points when the versions differ too much
 * for the exact alignment, so the stretches between them stay small.
 */
const anchors = (
  a: Int32Array,
  b: Int32Array,
  aLo: number,
  aHi: number,
  bLo: number,
  bHi: number
): Array<[number, number]> => {
  const seen = new Map<number, { inA: number; inB: number; a: number; b: number }>();
  for (let i = aLo; i < aHi; i += 1) {
    const s = seen.get(a[i]) ?? { inA: 0, inB: 0, a: i, b: -1 };
    s.inA += 1;
    seen.set(a[i], s);
  }
  for (let j = bLo; j < bHi; j += 1) {
    const s = seen.get(b[j]);
    if (s) {
      s.inB += 1;
      s.b = j;
    }
  }
  const pairs = [...seen.values()]
    .filter((s) => s.inA === 1 && s.inB === 1)
    .sort((p, q) => p.a - q.a);
  // tails[len] = index in `pairs` ending the best run of length len + 1; back links rebuild it.
  const tails: number[] = [];
  const back = new Int32Array(pairs.length);
  pairs.forEach((p, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]].b < p.b) lo = mid + 1;
      else hi = mid;
    }
    back[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
  });
  const run: Array<[number, number]> = [];
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = back[i])
    run.push([pairs[i].a, pairs[i].b]);
  return run.reverse();
};

/**
 * An edit script from a to b (paragraphs, or words): exact (Myers) when it is short, else
 * aligned on anchors; its cost is bounded by `DIFF_LIMITS.editDistance` per stretch.
 */
export const align = (older: string[], newer: string[]): Edit[] => {
  const [a, b] = numbered(older, newer);
  const out: Edit[] = [];
  let lo = 0;
  while (lo < a.length && lo < b.length && a[lo] === b[lo]) {
    out.push({ op: 'same', a: lo, b: lo });
    lo += 1;
  }
  let aHi = a.length;
  let bHi = b.length;
  while (aHi > lo && bHi > lo && a[aHi - 1] === b[bHi - 1]) {
    aHi -= 1;
    bHi -= 1;
  }
  const suffix = a.length - aHi;

  if (!myers(a, b, lo, aHi, lo, bHi, DIFF_LIMITS.editDistance, out)) {
    let i = lo;
    let j = lo;
    for (const [ai, bj] of [...anchors(a, b, lo, aHi, lo, bHi), [aHi, bHi] as [number, number]]) {
      if (!myers(a, b, i, ai, j, bj, DIFF_LIMITS.editDistance, out)) replaced(i, ai, j, bj, out);
      if (ai < aHi) out.push({ op: 'same', a: ai, b: bj });
      i = ai + 1;
      j = bj + 1;
    }
  }
  for (let k = 0; k < suffix; k += 1) out.push({ op: 'same', a: aHi + k, b: bHi + k });
  return out;
};

/**
 * Reads an edit script as an editor would: within each stretch between unchanged
 * paragraphs, removed and added paragraphs pair up in order as rewrites.
 */
const changesOf = (edits: Edit[], older: string[], newer: string[]): ParagraphChange[] => {
  const changes: ParagraphChange[] = [];
  let removed: number[] = [];
  let added: number[] = [];
  const flush = (at: number) => {
    const pairs = Math.min(removed.length, added.length);
    for (let k = 0; k < pairs; k += 1)
      changes.push({ op: 'changed', at: added[k], from: older[removed[k]], to: newer[added[k]] });
    for (let k = pairs; k < added.length; k += 1)
      changes.push({ op: 'added', at: added[k], text: newer[added[k]] });
    for (let k = pairs; k < removed.length; k += 1)
      changes.push({ op: 'removed', at, text: older[removed[k]] });
    removed = [];
    added = [];
  };
  for (const edit of edits) {
    if (edit.op === 'same') flush(edit.b);
    else if (edit.op === 'removed') removed.push(edit.a);
    else added.push(edit.b);
  }
  flush(newer.length);
  return changes;
};

const clip = (text: string) =>
  text.length > DIFF_LIMITS.summaryChars ? `${text.slice(0, DIFF_LIMITS.summaryChars - 1)}…` : text;

const summaryLine = (p: ParagraphChange) =>
  p.op === 'changed'
    ? `~ ${clip(p.from)} → ${clip(p.to)}`
    : `${p.op === 'added' ? '+' : '-'} ${clip(p.text)}`;

/**
 * The differences from `older` to `newer`: headline, and paragraphs added, removed or
 * rewritten. Never throws; bounded in time, memory and size (see DIFF_LIMITS).
 */
export const diffStories = (older: WireStory, newer: WireStory): StoryDiff => {
  const before = paragraphsOf(older);
  const after = paragraphsOf(newer);
  const all = changesOf(align(before, after), before, after);
  const paragraphs = all.slice(0, DIFF_LIMITS.listedChanges);

  const diff: StoryDiff = { paragraphs, summary: [] };
  const [from, to] = [String(older?.headline ?? ''), String(newer?.headline ?? '')];
  if (from !== to) {
    diff.headline = { from, to };
    diff.summary.push(`Headline: ${clip(from)} → ${clip(to)}`);
  }
  diff.summary.push(...paragraphs.map(summaryLine));
  if (all.length > paragraphs.length) {
    const more = all.length - paragraphs.length;
    diff.truncated = true;
    diff.counts = { added: 0, removed: 0, changed: 0 };
    for (const p of all) diff.counts[p.op] += 1;
    diff.summary.push(
      `… and ${more.toLocaleString('en-US')} more changed paragraph${more === 1 ? '' : 's'}`
    );
  }
  return diff;
};

export const isEmptyDiff = (diff: StoryDiff) => !diff.headline && diff.paragraphs.length === 0;
