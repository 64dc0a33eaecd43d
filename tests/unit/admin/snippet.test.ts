import { safeSnippet } from '../../../admin/src/utils/snippet';

/** The inbox renders snippets as HTML: only the highlight may ever be markup. */
describe('safeSnippet', () => {
  test('keeps the server’s marks and its escaped text as they are', () => {
    expect(safeSnippet('a &lt;b&gt; <mark>talks</mark> &amp; c')).toBe(
      'a &lt;b&gt; <mark>talks</mark> &amp; c'
    );
  });

  test('any other tag becomes text, marks stay balanced', () => {
    expect(safeSnippet('<img src=x onerror=alert(1)><mark>x')).toBe(
      '&lt;img src=x onerror=alert(1)&gt;<mark>x</mark>'
    );
    expect(safeSnippet('</mark><mark><mark>y</mark></mark><script>')).toBe(
      '&lt;/mark&gt;<mark>&lt;mark&gt;y</mark>&lt;/mark&gt;&lt;script&gt;'
    );
  });
});
