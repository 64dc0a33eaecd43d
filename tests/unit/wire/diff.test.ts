import { DIFF_LIMITS, diffStories, isEmptyDiff } from '../../../server/src/wire/domain/diff';
import type { WireStory } from '../../../server/src/wire/domain/story';

const story = (headline: string, ...paragraphs: string[]): WireStory => ({
  headline,
  sections: [{ paragraphs }],
});

describe('story diffs: what an editor reads', () => {
  test('a paragraph added, one removed, one rewritten', () => {
    const diff = diffStories(
      story('Talks', 'A.', 'B.', 'C.', 'D.'),
      story('Talks', 'A.', 'B2.', 'D.', 'E.')
    );
    expect(diff.paragraphs).toEqual([
      { op: 'changed', at: 1, from: 'B.', to: 'B2.' },
      { op: 'removed', at: 2, text: 'C.' },
      { op: 'added', at: 3, text: 'E.' },
    ]);
    expect(diff.summary).toEqual(['~ B. → B2.', '- C.', '+ E.']);
  });

  test('rewrites in one stretch pair up in order', () => {
    const diff = diffStories(
      story('Talks', 'A.', 'X.', 'Y.', 'Z.'),
      story('Talks', 'A.', 'P.', 'Q.', 'Z.')
    );
    expect(diff.summary).toEqual(['~ X. → P.', '~ Y. → Q.']);
  });

  test('a paragraph moved is removed in one place and added in the other', () => {
    const diff = diffStories(story('Talks', 'A.', 'B.', 'C.'), story('Talks', 'B.', 'C.', 'A.'));
    expect(diff.paragraphs).toEqual([
      { op: 'removed', at: 0, text: 'A.' },
      { op: 'added', at: 2, text: 'A.' },
    ]);
  });

  test('subheads count as paragraphs of their own', () => {
    const older: WireStory = {
      headline: 'Talks',
      sections: [{ paragraphs: ['A.'] }, { subhead: 'Reaction', paragraphs: ['B.'] }],
    };
    const newer: WireStory = {
      headline: 'Talks',
      sections: [{ paragraphs: ['A.'] }, { subhead: 'Reactions', paragraphs: ['B.'] }],
    };
    expect(diffStories(older, newer).summary).toEqual(['~ ## Reaction → ## Reactions']);
  });

  test('a headline-only change, and no change at all', () => {
    expect(diffStories(story('Talks set', 'A.'), story('Talks held', 'A.'))).toEqual({
      headline: { from: 'Talks set', to: 'Talks held' },
      paragraphs: [],
      summary: ['Headline: Talks set → Talks held'],
    });
    const same = diffStories(story('Talks', 'A.', 'B.'), story('Talks', 'A.', 'B.'));
    expect(isEmptyDiff(same)).toBe(true);
  });

  test('a kill notice replacing the copy: every old paragraph accounted for', () => {
    const diff = diffStories(story('Talks', 'A.', 'B.', 'C.'), story('KILL', 'Withdrawn.'));
    expect(diff.summary).toEqual(['Headline: Talks → KILL', '~ A. → Withdrawn.', '- B.', '- C.']);
  });

  test('never throws, whatever was stored', () => {
    const broken = [
      {},
      { headline: 'x' },
      { headline: 'x', sections: null },
      { headline: 'x', sections: [null, { paragraphs: null }, { paragraphs: [1, 'b'] }] },
    ];
    for (const a of broken) {
      for (const b of broken)
        expect(() =>
          diffStories(a as unknown as WireStory, b as unknown as WireStory)
        ).not.toThrow();
    }
    expect(diffStories(broken[3] as unknown as WireStory, story('x', 'b')).summary).toEqual([
      '- 1',
    ]);
  });
});

describe('story diffs of long versions stay bounded', () => {
  const N = 30000;
  const paragraphs = Array.from({ length: N }, (_, i) => `Paragraph ${i} of the long story.`);

  test('two 30,000-paragraph versions, every tenth rewritten: the first changes listed, the rest counted', () => {
    const rewritten = paragraphs.map((p, i) => (i % 10 === 3 ? `${p} Updated.` : p));
    const diff = diffStories(
      story('Long story', ...paragraphs),
      story('Long story, updated', ...rewritten)
    );
    expect(diff.headline).toEqual({ from: 'Long story', to: 'Long story, updated' });
    expect(diff.paragraphs).toHaveLength(DIFF_LIMITS.listedChanges);
    expect(diff.paragraphs[0]).toEqual({
      op: 'changed',
      at: 3,
      from: paragraphs[3],
      to: `${paragraphs[3]} Updated.`,
    });
    expect(diff.paragraphs[1]).toMatchObject({ op: 'changed', at: 13 });
    expect(diff.truncated).toBe(true);
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 3000 });
    expect(diff.summary).toHaveLength(1 + DIFF_LIMITS.listedChanges + 1);
    expect(diff.summary[diff.summary.length - 1]).toBe('… and 2,800 more changed paragraphs');
  });

  test('two 30,000-paragraph versions with nothing in common: one rewrite per paragraph, bounded', () => {
    const diff = diffStories(
      story('Long story', ...paragraphs),
      story('Long story', ...paragraphs.map((p) => `${p} Rewritten.`))
    );
    expect(diff.paragraphs[0]).toEqual({
      op: 'changed',
      at: 0,
      from: paragraphs[0],
      to: `${paragraphs[0]} Rewritten.`,
    });
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: N });
    expect(diff.summary[diff.summary.length - 1]).toBe('… and 29,800 more changed paragraphs');
  });

  test('a block of 3,000 paragraphs inserted in the middle, past the exact alignment', () => {
    const inserted = Array.from({ length: 3000 }, (_, i) => `New paragraph ${i}.`);
    const newer = [...paragraphs.slice(0, 15000), ...inserted, ...paragraphs.slice(15000)];
    const diff = diffStories(story('Long story', ...paragraphs), story('Long story', ...newer));
    expect(diff.counts).toEqual({ added: 3000, removed: 0, changed: 0 });
    expect(diff.paragraphs[0]).toEqual({ op: 'added', at: 15000, text: 'New paragraph 0.' });
  });

  test('repeated paragraphs with no unique ones to align on: still a correct account', () => {
    const older = Array.from({ length: N }, (_, i) => (i % 2 ? 'Yes.' : 'No.'));
    const newer = Array.from({ length: N }, (_, i) => (i % 3 ? 'Yes.' : 'No.'));
    const diff = diffStories(story('Votes', ...older), story('Votes', ...newer));
    const { added, removed, changed } = diff.counts!;
    // Every old paragraph is kept, removed or rewritten; every new one kept, added or rewritten.
    expect(N - removed - changed).toBe(N - added - changed);
    expect(diff.paragraphs.length).toBe(DIFF_LIMITS.listedChanges);
  });

  test('summary lines quote long paragraphs in part', () => {
    const long = 'word '.repeat(10000);
    const diff = diffStories(story('Talks', 'A.'), story('Talks', 'A.', long));
    expect(diff.paragraphs[0]).toEqual({ op: 'added', at: 1, text: long });
    expect(diff.summary[0].length).toBeLessThanOrEqual(DIFF_LIMITS.summaryChars + 2);
    expect(diff.summary[0].endsWith('…')).toBe(true);
  });
});
