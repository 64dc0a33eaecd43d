/**
 * What the desk puts first: pure rules over rows already read.
 */

/** The agency's urgency that asks for attention: 1 is a flash, 2 and 3 urgent (as the inbox marks them). */
export const URGENT_AT_MOST = 3;

/** Rows per desk block. */
export const DESK_BLOCK = 10;

/** How far ahead the desk looks for embargoes lifting. */
export const EMBARGO_HORIZON_HOURS = 24;

interface WireRow {
  id: number;
  receivedAt: string;
  urgency?: number | null;
  agencyStatus?: string | null;
}

/** Urgent, or the agency's word that the copy must not run (withheld, killed). */
export const isFlagged = (item: WireRow) =>
  (typeof item.urgency === 'number' && item.urgency >= 1 && item.urgency <= URGENT_AT_MOST) ||
  item.agencyStatus === 'withheld' ||
  item.agencyStatus === 'canceled';

const newestFirst = (a: WireRow, b: WireRow) =>
  Date.parse(b.receivedAt) - Date.parse(a.receivedAt) || b.id - a.id;

/**
 * Incoming wire as the desk lists it: flagged items first, then the rest, each newest first;
 * every item once, at most `limit`.
 */
export const deskWire = <T extends WireRow>(rows: T[], limit = DESK_BLOCK): T[] => {
  const unique = [...new Map(rows.map((row) => [row.id, row])).values()];
  return [
    ...unique.filter(isFlagged).sort(newestFirst),
    ...unique.filter((row) => !isFlagged(row)).sort(newestFirst),
  ].slice(0, limit);
};

interface DueRow {
  documentId: string;
  workflowState: string;
  scheduledAt?: string | null;
  embargoUntil?: string | null;
}

/**
 * What is due next, soonest first: scheduled publications still ahead, and embargoes lifting
 * within the horizon. A scheduled story under embargo shows once, at its publication time.
 */
export const dueNext = <T extends DueRow>(
  rows: T[],
  now: Date,
  limit = DESK_BLOCK,
  horizonHours = EMBARGO_HORIZON_HOURS
): Array<{ kind: 'scheduled' | 'embargo'; at: string; story: T }> => {
  const horizon = now.getTime() + horizonHours * 3_600_000;
  const seen = new Set<string>();
  const due: Array<{ kind: 'scheduled' | 'embargo'; at: string; story: T }> = [];
  for (const story of rows) {
    if (seen.has(story.documentId)) continue;
    const scheduled = story.workflowState === 'scheduled' && story.scheduledAt;
    if (scheduled && Date.parse(scheduled) >= now.getTime()) {
      due.push({ kind: 'scheduled', at: new Date(scheduled).toISOString(), story });
      seen.add(story.documentId);
      continue;
    }
    const lifts = story.embargoUntil ? Date.parse(story.embargoUntil) : NaN;
    if (lifts > now.getTime() && lifts <= horizon) {
      due.push({ kind: 'embargo', at: new Date(lifts).toISOString(), story });
      seen.add(story.documentId);
    }
  }
  return due.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).slice(0, limit);
};

/** The stories of `events` (newest first) in the order they were last moved, each once. */
export const lastMoved = (events: Array<{ articleDocumentId: string }>, limit = DESK_BLOCK) =>
  [...new Set(events.map((event) => event.articleDocumentId))].slice(0, limit);

/**
 * The user's own stories, most recent first: those they moved (by their newest move) and those
 * they took or made and have not moved yet (by when they took them); each once, at most `limit`.
 */
export const myStories = (
  moves: Array<{ articleDocumentId: string; at: string }>,
  taken: Array<{ documentId: string; createdAt: string }>,
  limit = DESK_BLOCK
): string[] => {
  const latest = new Map<string, number>();
  const touch = (documentId: string, at: string) => {
    const time = Date.parse(at);
    if (!(time <= (latest.get(documentId) ?? -Infinity))) latest.set(documentId, time);
  };
  for (const move of moves) touch(move.articleDocumentId, move.at);
  for (const story of taken) touch(story.documentId, story.createdAt);
  return [...latest.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([documentId]) => documentId);
};
