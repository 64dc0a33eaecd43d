import { approvalDigest, approvedContent } from '../../../server/src/workflow/domain/approval';

const article = {
  headline: 'Putin and Aliyev to Hold Talks in Moscow',
  slug: 'putin-and-aliyev-to-hold-talks-in-moscow',
  standfirst: '',
  byline: null,
  embargoUntil: '2026-12-01T09:00:00.000Z',
  dateline: { id: 4, place: 'Moscow', date: '2026-04-22' },
  body: [
    {
      id: 9,
      subhead: null,
      text: [{ type: 'paragraph', children: [{ type: 'text', text: 'Lead.' }] }],
    },
  ],
  attribution: { id: 2, line: 'Based on materials from TASS', agency: { id: 1 } },
  rubric: { id: 3 },
  tags: [{ id: 5, label: 'Karabakh' }],
  leadPhoto: { id: 6, image: { id: 11 }, caption: 'Talks', creditLine: 'TASS' },
  gallery: [],
};

describe('what an approval covers', () => {
  test('the same text gives the same digest, whatever the row ids, key order or empty-text spelling', () => {
    const reloaded = {
      ...article,
      standfirst: null,
      embargoUntil: new Date('2026-12-01T09:00:00Z'),
      dateline: { date: '2026-04-22', place: 'Moscow', id: 40 },
      body: [
        {
          text: [{ children: [{ text: 'Lead.', type: 'text' }], type: 'paragraph' }],
          subhead: '',
          id: 90,
        },
      ],
      attribution: { agency: 1, line: 'Based on materials from TASS', id: 20 },
      leadPhoto: { ...article.leadPhoto, id: 60, image: 11 },
    };
    expect(approvalDigest(reloaded)).toBe(approvalDigest(article));
  });

  test.each([
    ['headline', { headline: 'Talks postponed' }],
    [
      'body text',
      {
        body: [
          { text: [{ type: 'paragraph', children: [{ type: 'text', text: 'Lead, rewritten.' }] }] },
        ],
      },
    ],
    ['a subhead', { body: [{ ...article.body[0], subhead: 'New' }] }],
    ['embargo', { embargoUntil: null }],
    ['photo credit', { leadPhoto: { ...article.leadPhoto, creditLine: 'Reuters' } }],
    ['photo file', { leadPhoto: { ...article.leadPhoto, image: { id: 12 } } }],
    ['gallery', { gallery: [{ image: { id: 13 }, creditLine: 'AP' }] }],
    ['attribution', { attribution: { line: 'Staff', agency: null } }],
    ['rubric', { rubric: { id: 4 } }],
    ['tags', { tags: [] }],
    ['slug', { slug: 'talks' }],
  ])('a change of %s changes it', (_what, change) => {
    expect(approvalDigest({ ...article, ...change })).not.toBe(approvalDigest(article));
  });

  test('names only content fields: workflow state and times are not part of it', () => {
    expect(Object.keys(approvedContent(article)).sort()).toEqual(
      [
        'attribution',
        'body',
        'byline',
        'dateline',
        'embargoUntil',
        'gallery',
        'headline',
        'language',
        'leadPhoto',
        'rubric',
        'slug',
        'standfirst',
        'tags',
        'subjects',
        'urgency',
      ].sort()
    );
  });

  test('subjects and urgency count once set; unset, an approval made before they existed still holds', () => {
    const withSubjects = { ...article, subjects: [{ code: 'medtop:11000000', name: 'politics' }] };
    expect(approvalDigest(withSubjects)).not.toBe(approvalDigest(article));
    expect(approvalDigest({ ...article, urgency: 2 })).not.toBe(approvalDigest(article));
    expect(approvalDigest({ ...article, subjects: [], urgency: null })).toBe(
      approvalDigest(article)
    );
    // The digest of an article without them is the one recorded before they existed.
    const { subjects, urgency, ...legacy } = approvedContent(article);
    expect(subjects).toBeUndefined();
    expect(urgency).toBeUndefined();
    expect(Object.keys(legacy)).toHaveLength(13);
  });
});
