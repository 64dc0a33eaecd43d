import type { WireStory } from './story';

export type ParagraphChange =
  | { op: 'added'; at: number; text: string }
  | { op: 'removed'; at: number; text: string }
  | { op: 'changed'; at: number; from: string; to: string };

/** What changed between two versions of a wire story, as an editor reads it. */
export interface StoryDiff {
  headline?: { from: string; to: string };
  paragraphs: ParagraphChange[];
  /** One line per change: `- old`, `+ new`, `~ old → new`. */
  summary: string[];
}

const paragraphsOf = (story: WireStory) => story.sections.flatMap((s) => [...(s.subhead ? [`## ${s.subhead}`] : []), ...s.paragraphs]);

/** Longest-common-subsequence alignment of two paragraph lists. */
const align = (a: string[], b: string[]) => {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops: Array<{ op: 'same' | 'removed' | 'added'; text: string; at: number }> = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ op: 'same', text: a[i], at: j });
      i += 1;
      j += 1;
    } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      ops.push({ op: 'added', text: b[j], at: j });
      j += 1;
    } else {
      ops.push({ op: 'removed', text: a[i], at: j });
      i += 1;
    }
  }
  return ops;
};

/** The differences from `older` to `newer`: headline, and paragraphs added, removed or rewritten. */
export const diffStories = (older: WireStory, newer: WireStory): StoryDiff => {
  const ops = align(paragraphsOf(older), paragraphsOf(newer));
  const paragraphs: ParagraphChange[] = [];
  for (let k = 0; k < ops.length; k += 1) {
    const op = ops[k];
    const next = ops[k + 1];
    if (next && ((op.op === 'removed' && next.op === 'added') || (op.op === 'added' && next.op === 'removed'))) {
      const [removed, added] = op.op === 'removed' ? [op, next] : [next, op];
      paragraphs.push({ op: 'changed', at: added.at, from: removed.text, to: added.text });
      k += 1;
    } else if (op.op === 'removed' || op.op === 'added') {
      paragraphs.push({ op: op.op, at: op.at, text: op.text });
    }
  }
  const diff: StoryDiff = { paragraphs, summary: [] };
  if (older.headline !== newer.headline) diff.headline = { from: older.headline, to: newer.headline };
  if (diff.headline) diff.summary.push(`Headline: ${diff.headline.from} → ${diff.headline.to}`);
  for (const p of paragraphs) {
    if (p.op === 'changed') diff.summary.push(`~ ${p.from} → ${p.to}`);
    else diff.summary.push(`${p.op === 'added' ? '+' : '-'} ${p.text}`);
  }
  return diff;
};

export const isEmptyDiff = (diff: StoryDiff) => !diff.headline && diff.paragraphs.length === 0;
