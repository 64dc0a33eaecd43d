import { medianTakeToPublishMinutes, publishedPerDay } from '../../server/src/domain/workflow/stats';

const at = (iso: string) => new Date(iso);
const article = (published: string, created: string, wireSourced = true) => ({ firstPublishedAt: at(published), createdAt: at(created), wireSourced });

describe('dashboard figures', () => {
  test('published per day counts each UTC day in the window, zeros included', () => {
    const days = publishedPerDay(
      [article('2026-11-28T09:00:00Z', '2026-11-28T08:00:00Z'), article('2026-11-28T23:59:00Z', '2026-11-28T22:00:00Z'), article('2026-11-26T10:00:00Z', '2026-11-26T09:00:00Z'), article('2026-10-01T10:00:00Z', '2026-10-01T09:00:00Z')],
      3,
      at('2026-11-28T12:00:00Z')
    );
    expect(days).toEqual([
      { date: '2026-11-26', count: 1 },
      { date: '2026-11-27', count: 0 },
      { date: '2026-11-28', count: 2 },
    ]);
  });

  test('median take-to-publish counts wire-sourced articles only', () => {
    expect(medianTakeToPublishMinutes([])).toBeNull();
    expect(
      medianTakeToPublishMinutes([
        article('2026-11-28T10:10:00Z', '2026-11-28T10:00:00Z'),
        article('2026-11-28T11:30:00Z', '2026-11-28T11:00:00Z'),
        article('2026-11-28T12:00:00Z', '2026-11-28T09:00:00Z', false),
      ])
    ).toBe(20);
    expect(medianTakeToPublishMinutes([article('2026-11-28T10:15:00Z', '2026-11-28T10:00:00Z')])).toBe(15);
  });
});
