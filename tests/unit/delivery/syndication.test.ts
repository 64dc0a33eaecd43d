import { paragraphsToBlocks } from '../../../server/src/articles/domain/blocks';
import type { ArticleRow } from '../../../server/src/delivery/domain/article-view';
import { runsAgencyCopyUnchanged } from '../../../server/src/delivery/domain/syndication';
import type { WireStory } from '../../../server/src/wire/domain/story';

const story = {
  headline: 'Talks in Moscow',
  standfirst: 'Two presidents meet',
  sections: [
    { paragraphs: ['First paragraph.', 'Second paragraph.'] },
    { subhead: 'Background', paragraphs: ['Third paragraph.'] },
  ],
} as unknown as WireStory;

const article = (changes: Partial<ArticleRow> = {}): ArticleRow =>
  ({
    documentId: 'a',
    locale: 'en',
    slug: 'talks',
    headline: 'Talks in Moscow',
    standfirst: 'Two presidents meet',
    body: [
      { subhead: null, text: paragraphsToBlocks(['First paragraph.', 'Second  paragraph.']) },
      { subhead: 'Background', text: paragraphsToBlocks(['Third paragraph.']) },
    ],
    wireItem: { story, agencyGuid: null },
    workflowVersion: 1,
    publishedAt: '2026-11-29T10:00:00.000Z',
    ...changes,
  }) as ArticleRow;

test("the agency's words, whitespace aside, are syndicated copy", () => {
  expect(runsAgencyCopyUnchanged(article())).toBe(true);
});

test('an edited headline, standfirst, subhead or paragraph makes it the newsroom’s own', () => {
  expect(runsAgencyCopyUnchanged(article({ headline: 'Talks held in Moscow' }))).toBe(false);
  expect(runsAgencyCopyUnchanged(article({ standfirst: null }))).toBe(false);
  const body = article().body!;
  expect(
    runsAgencyCopyUnchanged(article({ body: [body[0], { ...body[1], subhead: 'Context' }] }))
  ).toBe(false);
  expect(
    runsAgencyCopyUnchanged(
      article({
        body: [{ subhead: null, text: paragraphsToBlocks(['First paragraph.']) }, body[1]],
      })
    )
  ).toBe(false);
});

test('no wire story, no syndication', () => {
  expect(runsAgencyCopyUnchanged(article({ wireItem: null }))).toBe(false);
  expect(runsAgencyCopyUnchanged(article({ wireItem: { story: 'text' } }))).toBe(false);
});
