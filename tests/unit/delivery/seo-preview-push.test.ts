import {
  canonicalUrl,
  newsLanguage,
  newsSitemap,
  sitemap,
  sitemapIndex,
} from '../../../server/src/delivery/domain/sitemaps';
import { signPreview, verifyPreview } from '../../../server/src/delivery/domain/preview-token';
import {
  retryDelaySeconds,
  signPush,
  verifyPush,
} from '../../../server/src/push/domain/push-signature';

describe('sitemaps', () => {
  test('canonical URLs name the locale, since slugs are unique per locale only', () => {
    expect(canonicalUrl('https://site.example/', 'ru', 'putin-i-aliev')).toBe(
      'https://site.example/ru/putin-i-aliev'
    );
  });

  test('the news sitemap escapes titles and names the publication and language', () => {
    const xml = newsSitemap('Daily <Desk>', [
      {
        url: 'https://site.example/en/a?x=1&y=2',
        title: 'Talks & "deals"\u0001',
        language: 'en-GB',
        firstPublishedAt: '2026-11-28T09:00:00.000Z',
      },
    ]);
    expect(xml).toContain('<loc>https://site.example/en/a?x=1&#38;y=2</loc>');
    expect(xml).toContain('<news:name>Daily &#60;Desk&#62;</news:name>');
    expect(xml).toContain('<news:language>en</news:language>');
    expect(xml).toContain('<news:title>Talks &#38; &#34;deals&#34;</news:title>');
    expect(newsLanguage('zh-TW')).toBe('zh-tw');
  });

  test('a sitemap and an index', () => {
    expect(sitemap([{ url: 'https://s/en/a', lastModified: '2026-11-28' }])).toContain(
      '<url><loc>https://s/en/a</loc><lastmod>2026-11-28</lastmod></url>'
    );
    expect(sitemapIndex([{ url: 'https://s/sitemap.xml?page=2' }])).toContain(
      '<sitemap><loc>https://s/sitemap.xml?page=2</loc></sitemap>'
    );
  });
});

describe('preview tokens', () => {
  const claim = { documentId: 'abc', locale: 'ru', exp: Math.floor(Date.now() / 1000) + 600 };

  test('a token verifies under its secret until it expires', () => {
    const token = signPreview(claim, 'secret');
    expect(verifyPreview(token, 'secret')).toEqual(claim);
    expect(verifyPreview(token, 'other secret')).toBeNull();
    expect(verifyPreview(token, 'secret', (claim.exp + 1) * 1000)).toBeNull();
  });

  test('any change to the token is no token', () => {
    const token = signPreview(claim, 'secret');
    const [payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify(['other', 'ru', claim.exp])).toString('base64url');
    for (const bad of [
      `${forged}.${signature}`,
      `${payload}.${signature.slice(0, -2)}AA`,
      `${payload}.`,
      `${payload}.${signature}.x`,
      'garbage',
      '',
      `${'a'.repeat(2000)}.b`,
      // Other spellings of the same bytes: padding, standard base64, the last character's unused bits.
      `${payload}.${signature}=`,
      `${payload}=.${signature}`,
      `${payload}.${Buffer.from(signature, 'base64url').toString('base64')}`,
      `${payload}.${signature.slice(0, -1)}${String.fromCharCode(signature.charCodeAt(42) ^ 1)}`,
      `${payload}.${signature.slice(0, 20)}!${signature.slice(21)}`,
    ])
      expect(verifyPreview(bad, 'secret')).toBeNull();
  });
});

describe('push signatures', () => {
  test('a receiver checks the body, the secret and the age', () => {
    const at = Date.UTC(2026, 10, 28, 12);
    const header = signPush('{"a":1}', 'shh', at);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/u);
    expect(verifyPush(header, '{"a":1}', 'shh', 300, at + 1000)).toBe(true);
    expect(verifyPush(header, '{"a":2}', 'shh', 300, at)).toBe(false);
    expect(verifyPush(header, '{"a":1}', 'other', 300, at)).toBe(false);
    expect(verifyPush(header, '{"a":1}', 'shh', 300, at + 301_000)).toBe(false);
    expect(verifyPush(undefined, '{"a":1}', 'shh')).toBe(false);
    expect(verifyPush('t=1,v1=zz', '{"a":1}', 'shh')).toBe(false);
  });

  test('retries back off exponentially, capped, with jitter in the upper half', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 10, 60, 0))).toEqual([5, 10, 20, 30]);
    expect([1, 2, 3, 4].map((n) => Math.round(retryDelaySeconds(n, 10, 60, 0.999)))).toEqual([
      10, 20, 40, 60,
    ]);
  });
});
