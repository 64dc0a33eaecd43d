import { articleDetail, type ArticleRow } from '../../../server/src/delivery/domain/article-view';
import { articlePage, killedPage } from '../../../server/src/delivery/domain/article-page';

const row: ArticleRow = {
  documentId: 'doc1',
  locale: 'ru',
  slug: 'talks',
  headline: 'Talks <script>alert(1)</script> & "quotes"',
  standfirst: 'Leaders meet',
  byline: 'Анна Петрова',
  language: 'ru',
  dateline: { place: 'МОСКВА', date: '2026-11-28' },
  body: [
    {
      subhead: 'Background <b>',
      text: [
        {
          type: 'paragraph',
          children: [{ type: 'text', text: 'Body <img src=x onerror=alert(1)>' }],
        },
      ],
    },
  ],
  attribution: { line: 'TASS' },
  leadPhoto: {
    caption: 'Leaders" onload="x',
    creditLine: 'TASS/Ivan Ivanov',
    image: { url: '/uploads/a.jpg', width: 800, height: 600, alternativeText: null },
  },
  gallery: [],
  corrections: [{ date: '2026-11-28T10:00:00.000Z', note: 'Place <corrected>' }],
  workflowVersion: 7,
  publicVersion: 2,
  publishedAt: '2026-11-28T10:00:00.000Z',
};

describe('the readable page of an article', () => {
  const html = articlePage(articleDetail(row, 'https://news.example'));

  test('holds headline, dateline, byline, photo with credit, sections, attribution and corrections', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="ru">/u);
    expect(html).toContain('<span class="dateline">МОСКВА, 2026-11-28</span>');
    expect(html).toContain('<span class="byline">Анна Петрова</span>');
    expect(html).toContain('<img src="https://news.example/uploads/a.jpg"');
    expect(html).toContain('<small>TASS/Ivan Ivanov</small>');
    expect(html).toContain('<p class="attribution">TASS</p>');
    expect(html).toContain('<time datetime="2026-11-28T10:00:00.000Z">2026-11-28</time>');
  });

  test('escapes every value: no markup from the text reaches the page', () => {
    expect(html).not.toMatch(/<script|<img src=x|<b>|<corrected>|" onload="/u);
    expect(html).toContain(
      'Talks &#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;quotes&#34;'
    );
    expect(articleDetail(row, '').version).toBe(2);
  });

  test('a killed article shows its notice', () => {
    expect(killedPage('Talks <x>', 'Withdrawn & sorry', 'en')).toContain(
      '<h1>Talks &#60;x&#62;</h1>\n<p class="notice">Withdrawn &#38; sorry</p>'
    );
  });
});
