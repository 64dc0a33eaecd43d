import { fixtureNames, fixtureText } from '../../helpers/fixtures';
import { WireParseError } from '../../../server/src/wire/domain/errors';
import { feedItems, MAX_FEED_ITEMS } from '../../../server/src/wire/domain/feed-items';
import { parseNewsmlG2 } from '../../../server/src/wire/domain/newsml-g2';
import { parseNinjs } from '../../../server/src/wire/domain/ninjs';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Agency wire</title>
    <item>
      <title>Port reopens after storm</title>
      <link>https://agency.example/port</link>
      <guid isPermaLink="false">urn:agency:port-1</guid>
      <pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate>
      <dc:creator>Anna Petrova</dc:creator>
      <description>Short teaser.</description>
      <content:encoded><![CDATA[<p>The port reopened on Monday.</p><p>Ships waited for days.</p>]]></content:encoded>
    </item>
    <item>
      <title>Rain expected</title>
      <link>https://agency.example/rain</link>
      <description>&lt;p&gt;Rain is expected on Tuesday.&lt;/p&gt;</description>
    </item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Agency</title>
  <entry>
    <title>Bridge opens</title>
    <id>urn:agency:bridge</id>
    <updated>2026-11-28T09:00:00Z</updated>
    <link rel="alternate" href="https://agency.example/bridge"/>
    <author><name>Ivan Sidorov</name></author>
    <summary>Teaser only.</summary>
    <content type="html">&lt;p&gt;The bridge opened at noon.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Summary only</title>
    <id>urn:agency:summary</id>
    <summary>Just the summary.</summary>
  </entry>
</feed>`;

describe('RSS 2.0 and Atom feeds', () => {
  test('each RSS item is a ninjs item the ingest parses, with full text from content:encoded', () => {
    const items = feedItems('rss', RSS);
    expect(items).toHaveLength(2);
    const [port, rain] = items.map((i) => parseNinjs(i.payload));
    expect(port).toMatchObject({
      headline: 'Port reopens after storm',
      guid: 'urn:agency:port-1',
      byline: 'Anna Petrova',
      versionCreated: '2026-11-28T10:00:00.000Z',
    });
    expect(port.sections.flatMap((s) => s.paragraphs)).toEqual([
      'The port reopened on Monday.',
      'Ships waited for days.',
    ]);
    // No guid: the link is the identity; no content:encoded: the description is the text.
    expect(rain.guid).toBe('https://agency.example/rain');
    expect(rain.sections.flatMap((s) => s.paragraphs)).toEqual(['Rain is expected on Tuesday.']);
  });

  test('each Atom entry is a ninjs item, content before summary', () => {
    const [bridge, summary] = feedItems('rss', ATOM).map((i) => parseNinjs(i.payload));
    expect(bridge).toMatchObject({
      headline: 'Bridge opens',
      guid: 'urn:agency:bridge',
      byline: 'Ivan Sidorov',
    });
    expect(bridge.sections.flatMap((s) => s.paragraphs)).toEqual(['The bridge opened at noon.']);
    expect(summary.sections.flatMap((s) => s.paragraphs)).toEqual(['Just the summary.']);
  });

  test.each([
    ['not XML', '{"items": []}', /not well-formed XML/],
    ['another XML document', '<html><body/></html>', /Expected an RSS 2.0/],
    ['a DTD', '<!DOCTYPE rss [<!ENTITY e "x">]><rss/>', /DTD/],
  ])('%s is refused as a whole (422)', (_label, body, message) => {
    expect(() => feedItems('rss', body)).toThrow(WireParseError);
    expect(() => feedItems('rss', body)).toThrow(message);
  });
});

describe('ninjs over HTTP', () => {
  const one = fixtureText('ninjs', fixtureNames('ninjs')[0]);
  const item = JSON.parse(one);

  test('an array, an object with items or data, or a single item', () => {
    for (const body of [[item, item], { items: [item, item] }, { data: [item, item] }]) {
      const items = feedItems('ninjs', JSON.stringify(body));
      expect(items).toHaveLength(2);
      expect(parseNinjs(items[0].payload).guid).toBe(item.uri);
    }
    expect(feedItems('ninjs', one)).toHaveLength(1);
  });

  test('broken JSON is refused as a whole; a bad item is left to the ingest to refuse alone', () => {
    expect(() => feedItems('ninjs', '[{"uri": ')).toThrow('The feed is not valid JSON');
    const items = feedItems('ninjs', JSON.stringify([item, { nonsense: true }]));
    expect(items).toHaveLength(2);
    expect(() => parseNinjs(items[1].payload)).toThrow(WireParseError);
    expect(parseNinjs(items[0].payload).guid).toBe(item.uri);
  });

  test(`reads at most ${MAX_FEED_ITEMS} items of one answer`, () => {
    expect(feedItems('ninjs', JSON.stringify(Array(MAX_FEED_ITEMS + 5).fill(item)))).toHaveLength(
      MAX_FEED_ITEMS
    );
  });
});

describe('NewsML-G2 over HTTP', () => {
  const single = fixtureText('newsml-g2', 'LISTING_2_NewsML-G2_Text_Document.xml');

  test('a newsItem is one item, as sent', () => {
    expect(feedItems('newsml-g2', single)).toEqual([
      { payload: single, contentType: 'application/vnd.iptc.g2.newsitem+xml' },
    ]);
  });

  test('a newsMessage is cut into its items, each parsed alone with the envelope namespaces', () => {
    const body = (guid: string, headline: string) => `
      <newsItem guid="${guid}" version="1" standard="NewsML-G2" standardversion="2.29">
        <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:AGENCY"/><versionCreated>2026-11-28T10:00:00Z</versionCreated></itemMeta>
        <contentMeta><headline>${headline}</headline></contentMeta>
        <contentSet><inlineXML contenttype="application/nitf+xml"><nitf><body><body.content><p>${headline} text.</p></body.content></body></nitf></inlineXML></contentSet>
      </newsItem>`;
    const message = `<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
  <header><sent>2026-11-28T10:00:00Z</sent></header>
  <itemSet>${body('urn:a:1', 'First story')}${body('urn:a:2', 'Second story')}</itemSet>
</newsMessage>`;
    const items = feedItems('newsml-g2', message);
    expect(items).toHaveLength(2);
    expect(items[0].payload).toContain('xmlns="http://iptc.org/std/nar/2006-10-01/"');
    expect(items.map((i) => parseNewsmlG2(i.payload)).map((s) => [s.guid, s.headline])).toEqual([
      ['urn:a:1', 'First story'],
      ['urn:a:2', 'Second story'],
    ]);
  });

  test('an envelope without items, or another document, is refused', () => {
    expect(() => feedItems('newsml-g2', '<newsMessage><itemSet/></newsMessage>')).toThrow(
      'holds no newsItem'
    );
    expect(() => feedItems('newsml-g2', '<rss/>')).toThrow('Expected a NewsML-G2');
  });
});
