import {
  firstFreeSlug,
  isDerivedFrom,
  slugFromHeadline,
} from '../../../server/src/articles/domain/slug';

describe('slugs', () => {
  test.each([
    ['Путин и Алиев', 'putin-i-aliev'],
    ['Putin and Aliyev to Hold Talks in Moscow', 'putin-and-aliyev-to-hold-talks-in-moscow'],
    ['GSV "Russia - Islamic World"', 'gsv-russia-islamic-world'],
    ['  Peacekeepers’ mission!  ', 'peacekeepers-mission'],
  ])('%s → %s', (headline, slug) => {
    expect(slugFromHeadline(headline)).toBe(slug);
  });

  test('are capped in length without a trailing hyphen', () => {
    const slug = slugFromHeadline(`${'word '.repeat(40)}`);
    expect(slug.length).toBeLessThanOrEqual(120);
    expect(slug.endsWith('-')).toBe(false);
  });

  test('take the first free numeric suffix', () => {
    expect(firstFreeSlug('talks', [])).toBe('talks');
    expect(firstFreeSlug('talks', ['talks'])).toBe('talks-2');
    expect(firstFreeSlug('talks', ['talks', 'talks-2', 'talks-4'])).toBe('talks-3');
  });

  test('know which slugs came from a base', () => {
    expect(isDerivedFrom('talks-12', 'talks')).toBe(true);
    expect(isDerivedFrom('talks', 'talks')).toBe(true);
    expect(isDerivedFrom('talks-abc', 'talks')).toBe(false);
    expect(isDerivedFrom('my-talks', 'talks')).toBe(false);
  });
});
