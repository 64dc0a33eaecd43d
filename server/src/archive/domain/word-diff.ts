import { align } from '../../wire/domain/diff';
import type { DiffPart } from '../../../../shared/contracts/versions';

/** Words and the spaces between them, so the parts put back together give the text exactly. */
const tokens = (text: string) => text.match(/\s+|\S+/gu) ?? [];

/**
 * A word-level diff from `before` to `after`: runs of equal, deleted and inserted text in
 * reading order. Costs what `align` costs: bounded per stretch by `DIFF_LIMITS.editDistance`.
 */
export const wordDiff = (before: string, after: string): DiffPart[] => {
  const a = tokens(before);
  const b = tokens(after);
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    const last = parts[parts.length - 1];
    if (last?.op === op) last.text += text;
    else parts.push({ op, text });
  };
  for (const edit of align(a, b)) {
    if (edit.op === 'same') push('equal', b[edit.b]);
    else if (edit.op === 'removed') push('delete', a[edit.a]);
    else push('insert', b[edit.b]);
  }
  return parts;
};
