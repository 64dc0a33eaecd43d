import {
  deskWire,
  dueNext,
  isFlagged,
  lastMoved,
  myStories,
} from '../../../server/src/desk/domain/desk';

const item = (id: number, minutesAgo: number, extra: Record<string, unknown> = {}) => ({
  id,
  receivedAt: new Date(Date.UTC(2026, 10, 29, 12) - minutesAgo * 60_000).toISOString(),
  ...extra,
});

describe('incoming wire on the desk', () => {
  test('urgent (1–3) and agency-flagged items come first, each group newest first', () => {
    const rows = [
      item(1, 1),
      item(2, 30, { urgency: 2 }),
      item(3, 5, { urgency: 4 }),
      item(4, 60, { agencyStatus: 'canceled' }),
      item(5, 2, { urgency: 1 }),
    ];
    expect(deskWire(rows).map((r) => r.id)).toEqual([5, 2, 4, 1, 3]);
  });

  test('each item once, at most the block size', () => {
    const rows = Array.from({ length: 30 }, (_, i) => item(i + 1, i));
    expect(deskWire([...rows, ...rows], 10).map((r) => r.id)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
  });

  test('urgency outside 1–3 and usable copy are not flagged', () => {
    expect(isFlagged(item(1, 0, { urgency: 0 }))).toBe(false);
    expect(isFlagged(item(1, 0, { urgency: 9, agencyStatus: 'usable' }))).toBe(false);
    expect(isFlagged(item(1, 0, { agencyStatus: 'withheld' }))).toBe(true);
  });
});

describe('due next', () => {
  const now = new Date('2026-11-29T12:00:00Z');
  const story = (documentId: string, extra: Record<string, unknown>) => ({
    documentId,
    workflowState: 'approved',
    ...extra,
  });

  test('scheduled publications ahead and embargoes lifting within a day, soonest first', () => {
    const due = dueNext(
      [
        story('a', { workflowState: 'scheduled', scheduledAt: '2026-11-29T15:00:00Z' }),
        story('b', { embargoUntil: '2026-11-29T13:00:00Z' }),
        story('c', { embargoUntil: '2026-12-01T13:00:00Z' }),
        story('d', { workflowState: 'scheduled', scheduledAt: '2026-11-29T11:00:00Z' }),
        story('e', { embargoUntil: '2026-11-29T11:59:00Z' }),
      ],
      now
    );
    expect(due.map((d) => [d.story.documentId, d.kind])).toEqual([
      ['b', 'embargo'],
      ['a', 'scheduled'],
    ]);
  });

  test('a scheduled story under embargo shows once, at its publication time', () => {
    const both = story('a', {
      workflowState: 'scheduled',
      scheduledAt: '2026-11-29T18:00:00Z',
      embargoUntil: '2026-11-29T17:00:00Z',
    });
    expect(dueNext([both, both], now)).toEqual([
      { kind: 'scheduled', at: '2026-11-29T18:00:00.000Z', story: both },
    ]);
  });
});

test('stories in the order they were last moved, each once', () => {
  const events = ['x', 'y', 'x', 'z', 'y'].map((articleDocumentId) => ({ articleDocumentId }));
  expect(lastMoved(events)).toEqual(['x', 'y', 'z']);
  expect(lastMoved(events, 2)).toEqual(['x', 'y']);
});

test('my stories: those I moved and those I took, most recent first, each once', () => {
  const at = (hour: number) => `2026-11-29T${String(hour).padStart(2, '0')}:00:00.000Z`;
  const moves = [
    { articleDocumentId: 'moved-late', at: at(11) },
    { articleDocumentId: 'taken-then-moved', at: at(9) },
    { articleDocumentId: 'moved-late', at: at(8) },
  ];
  const taken = [
    { documentId: 'taken-now', createdAt: at(12) },
    { documentId: 'taken-then-moved', createdAt: at(7) },
    { documentId: 'taken-early', createdAt: at(6) },
  ];
  expect(myStories(moves, taken)).toEqual([
    'taken-now',
    'moved-late',
    'taken-then-moved',
    'taken-early',
  ]);
  expect(myStories(moves, taken, 2)).toEqual(['taken-now', 'moved-late']);
  expect(myStories([], [])).toEqual([]);
});
