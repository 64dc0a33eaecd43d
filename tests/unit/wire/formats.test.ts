import { fixtureNames, fixtureText } from '../../helpers/fixtures';
import { diffStories } from '../../../server/src/wire/domain/diff';
import { WireParseError } from '../../../server/src/wire/domain/errors';
import { htmlToSections, sanitizeBodyHtml } from '../../../server/src/wire/domain/html';
import { parseNewsmlG2 } from '../../../server/src/wire/domain/newsml-g2';
import { parseNinjs } from '../../../server/src/wire/domain/ninjs';
import {
  contentHash,
  decodePayload,
  formatForContentType,
} from '../../../server/src/wire/domain/payload';

describe('ninjs', () => {
  test.each(fixtureNames('ninjs'))('%s parses with its headline, guid and some body', (name) => {
    const raw = JSON.parse(fixtureText('ninjs', name));
    const story = parseNinjs(fixtureText('ninjs', name));
    expect(story.headline).toBe(raw.headlines[0].value.trim());
    expect(story.guid).toBe(raw.uri);
    expect(story.sections.length).toBeGreaterThan(0);
  });

  test('TT: HTML body chosen over its rich variant, picture credit from the association', () => {
    const story = parseNinjs(fixtureText('ninjs', 'agency-2.1-tt_text_image_2.json'));
    expect(story.sections[0].paragraphs[0]).toMatch(/^Pandemin satte stopp/);
    expect(story.sections.flatMap((s) => s.paragraphs).join(' ')).not.toMatch(
      /Militärövning i jätteformat hålls 2023/
    );
    expect(story.sections[0].blocks?.some((b) => b.type === 'quote')).toBe(true);
    expect(story.pictures?.[0]).toMatchObject({
      creditLine: 'Karl Melander/TT',
      href: expect.stringMatching(/a001_NormalHires\.jpg$/),
    });
    expect(story).toMatchObject({
      agencyName: 'TT',
      language: 'sv',
      version: 1,
      slugline: 'militärövning',
    });
  });

  test('AP picture: caption as the body, credit line from descriptions', () => {
    const story = parseNinjs(fixtureText('ninjs', 'agency-2.1-ap_image.json'));
    expect(story.photoCredit).toBe('ASSOCIATED PRESS');
    expect(story.sections[0].paragraphs[0]).toMatch(
      /^FILE - In this Monday, Nov. 11, 2019 file photo/
    );
  });

  test('schema errors are reported with their paths', () => {
    expect(() => parseNinjs(JSON.stringify({ uri: 5 }))).toThrow(/\/uri must be string/);
    try {
      parseNinjs('{"uri":"u","urgency":"high"}');
    } catch (e) {
      expect(e).toBeInstanceOf(WireParseError);
      expect((e as WireParseError).status).toBe(422);
    }
  });
});

describe('NewsML-G2', () => {
  test('the text document: headline, guid, version, dateline, NITF paragraphs, rights', () => {
    const story = parseNewsmlG2(fixtureText('newsml-g2', 'LISTING_2_NewsML-G2_Text_Document.xml'));
    expect(story).toMatchObject({
      headline: 'Fed to halt QE to avert "bubble"',
      guid: 'urn:newsml:acmenews.com:20161121:US-FINANCE-FED',
      version: 11,
      dateline: { place: 'New York, NY', date: '2016-11-21' },
      copyrightNotice: 'Copyright 2017-18 Acme News and Media LLC',
      language: 'en-US',
      slugline: 'US-Finance-Fed',
    });
    expect(story.sections[0].paragraphs).toHaveLength(2);
  });

  test('provider qcode names the agency and the embargo is kept', () => {
    const story = parseNewsmlG2(fixtureText('newsml-g2', 'LISTING_1_A_NewsML-G2_News_Item.xml'));
    expect(story.agencyName).toBe('REUTERS');
    expect(story.embargoed).toBe('2018-10-23T12:00:00Z');
  });

  test.each([
    ['external entity', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><newsItem/>'],
    ['internal entity', '<!DOCTYPE x [<!ENTITY e "boom">]><newsItem/>'],
    ['plain doctype', '<!DOCTYPE newsItem SYSTEM "http://example.org/x.dtd"><newsItem/>'],
  ])('refuses a %s before parsing', (_label, xml) => {
    expect(() => parseNewsmlG2(xml)).toThrow(/DOCTYPE or entity declarations/);
  });
});

describe('body HTML', () => {
  test('keeps allowed structure, drops scripts, handlers and javascript: URLs', () => {
    const clean = sanitizeBodyHtml(
      '<p onclick="x()">A <b>bold</b> <a href="javascript:alert(1)">link</a><script>alert(2)</script></p><svg onload="x()"><circle/></svg>'
    );
    expect(clean).toBe('<p>A <b>bold</b> <a>link</a></p>');
  });

  test('splits sections at subheads and maps lists and marks to blocks', () => {
    const sections = htmlToSections(
      '<p>Lead <em>here</em>.</p><h2>Background</h2><ul><li>One</li><li>Two</li></ul><h3>More</h3><p>End.</p>'
    );
    expect(sections.map((s) => s.subhead)).toEqual([undefined, 'Background', 'More']);
    expect(sections[0].blocks).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Lead ' },
          { type: 'text', text: 'here', italic: true },
          { type: 'text', text: '.' },
        ],
      },
    ]);
    expect(sections[1].blocks).toEqual([
      {
        type: 'list',
        format: 'unordered',
        children: [
          { type: 'list-item', children: [{ type: 'text', text: 'One' }] },
          { type: 'list-item', children: [{ type: 'text', text: 'Two' }] },
        ],
      },
    ]);
    expect(sections[2].paragraphs).toEqual(['End.']);
  });
});

describe('payloads', () => {
  test('content types map to formats; others are 415', () => {
    expect(formatForContentType('text/plain; charset=UTF-8')).toBe('text');
    expect(formatForContentType('application/ninjs+json')).toBe('ninjs');
    expect(formatForContentType('application/vnd.iptc.g2.newsitem+xml')).toBe('newsml-g2');
    expect(() => formatForContentType('image/jpeg')).toThrow(
      expect.objectContaining({ status: 415 })
    );
    expect(() => formatForContentType(undefined)).toThrow(/Content-Type \(none\) is not accepted/);
  });

  test('decoding refuses empty, oversized, non-UTF-8 and binary bodies', () => {
    expect(() => decodePayload(Buffer.alloc(0), 10)).toThrow(
      expect.objectContaining({ status: 400 })
    );
    expect(() => decodePayload(Buffer.alloc(11, 'a'), 10)).toThrow(
      expect.objectContaining({ status: 413 })
    );
    expect(() => decodePayload(Buffer.from([0xc3, 0x28]), 10)).toThrow(
      expect.objectContaining({ status: 400 })
    );
    expect(() => decodePayload(Buffer.from('a\u0001b'), 10)).toThrow(
      expect.objectContaining({ status: 415 })
    );
    expect(decodePayload(Buffer.from('Заголовок'), 100)).toBe('Заголовок');
  });

  test('the content hash ignores BOM and line-end style', () => {
    expect(contentHash('\uFEFFa\r\nb\r\n')).toBe(contentHash('a\nb'));
    expect(contentHash('a\nb')).not.toBe(contentHash('a\nc'));
  });
});

describe('story diffs', () => {
  const story = (headline: string, ...paragraphs: string[]) => ({
    headline,
    sections: [{ paragraphs }],
  });

  test('name the headline change and each paragraph added, removed or rewritten', () => {
    const diff = diffStories(
      story('Talks set', 'A.', 'B.', 'C.'),
      story('Talks held', 'A.', 'B2.', 'C.', 'D.')
    );
    expect(diff.headline).toEqual({ from: 'Talks set', to: 'Talks held' });
    expect(diff.paragraphs).toEqual([
      { op: 'changed', at: 1, from: 'B.', to: 'B2.' },
      { op: 'added', at: 3, text: 'D.' },
    ]);
    expect(diff.summary).toEqual(['Headline: Talks set → Talks held', '~ B. → B2.', '+ D.']);
  });

  test('are empty for the same story', () => {
    const diff = diffStories(story('Same', 'A.'), story('Same', 'A.'));
    expect(diff).toEqual({ paragraphs: [], summary: [] });
  });
});
