import { advisoryOf } from '../../../server/src/wire/domain/agency-status';
import type { WireStory } from '../../../server/src/wire/domain/story';
import { parseNewsmlG2 } from '../../../server/src/wire/domain/newsml-g2';
import { parseNinjs } from '../../../server/src/wire/domain/ninjs';

const story = (
  headline: string,
  extra: Partial<WireStory> = {},
  paragraphs: string[] = []
): WireStory => ({
  headline,
  sections: paragraphs.length ? [{ paragraphs }] : [],
  ...extra,
});

describe('structured status (ninjs pubstatus, NewsML-G2 pubStatus)', () => {
  test('canceled and withheld are read with the agency notice; usable or absent is usable', () => {
    expect(
      advisoryOf(
        story('Port reopens', { pubStatus: 'canceled' }, ['This story has been killed.']),
        true
      )
    ).toEqual({
      status: 'canceled',
      matchBy: 'guid',
      notice: 'This story has been killed.',
    });
    // A withhold's body is the story, not a notice: only the agency's note to editors says why.
    expect(
      advisoryOf(story('Port reopens', { pubStatus: 'withheld' }, ['The port reopened.']), true)
    ).toEqual({
      status: 'withheld',
      matchBy: 'guid',
    });
    expect(
      advisoryOf(story('Port reopens', { pubStatus: 'withheld', editorNote: 'Legal review' }), true)
        .notice
    ).toBe('Legal review');
    expect(advisoryOf(story('Port reopens', { pubStatus: 'Cancelled' }), true).status).toBe(
      'canceled'
    );
    expect(advisoryOf(story('Port reopens', { pubStatus: 'usable' }), true).status).toBe('usable');
    expect(advisoryOf(story('Port reopens'), true).status).toBe('usable');
    expect(advisoryOf(story('Port reopens', { pubStatus: 'something-new' }), true).status).toBe(
      'usable'
    );
  });
});

describe('plain-text kill advisories', () => {
  test.each([
    ['KILL: Port reopens', 'Port reopens'],
    ['MANDATORY KILL - Port reopens', 'Port reopens'],
    ['KILL KILL KILL', undefined],
    ['ELIMINATION: "Port reopens"', 'Port reopens'],
    ['WITHDRAWN: Port reopens', 'Port reopens'],
    ['ВНИМАНИЮ РЕДАКЦИЙ: ИЗЪЯТЬ «Порт открыт»', 'Порт открыт'],
    ['ИЗЪЯТЬ', undefined],
    ['АННУЛИРОВАТЬ: Порт открыт', 'Порт открыт'],
  ])(
    '%s is a kill naming %s, which only flags (never an unambiguous match)',
    (headline, target) => {
      const advisory = advisoryOf(
        story(headline, {}, ['The story is withdrawn: it named the wrong port.']),
        false
      );
      expect(advisory).toEqual({
        status: 'canceled',
        matchBy: 'headline',
        notice: 'The story is withdrawn: it named the wrong port.',
        ...(target ? { target } : {}),
      });
    }
  );

  test('ordinary headlines that use the words are not advisories', () => {
    for (const headline of [
      'Kill switch fitted to all new cars',
      'Police withdrawn from the square',
      'Ministry to withdraw the bill',
      'Суд решил изъять партию товара',
      'KILLER whale seen off the coast',
    ]) {
      expect(advisoryOf(story(headline), false).status).toBe('usable');
    }
  });

  test('an advisory without a notice paragraph uses its own line as the notice', () => {
    expect(advisoryOf(story('KILL: Port reopens'), false).notice).toBe('KILL: Port reopens');
  });
});

describe('read from the agency formats', () => {
  test('a canceled ninjs item keeps its status and expiry, and its body is the notice', () => {
    const item = parseNinjs(
      JSON.stringify({
        uri: 'urn:example:port',
        version: '3',
        pubstatus: 'canceled',
        expires: '2026-12-31T00:00:00Z',
        headlines: [{ value: 'Port reopens' }],
        bodies: [{ contenttype: 'text/plain', value: 'Kill: the story named the wrong port.' }],
      })
    );
    expect([item.pubStatus, item.expires]).toEqual(['canceled', '2026-12-31T00:00:00Z']);
    expect(advisoryOf(item, true)).toEqual({
      status: 'canceled',
      matchBy: 'guid',
      notice: 'Kill: the story named the wrong port.',
    });
  });

  test('a withheld NewsML-G2 item (stat:withheld) with its expiry', () => {
    const item = parseNewsmlG2(`<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:example:port" version="2" standard="NewsML-G2" standardversion="2.29">
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:REUTERS"/>
    <versionCreated>2026-11-28T10:00:00Z</versionCreated>
    <pubStatus qcode="stat:withheld"/>
    <expires>2026-12-01T00:00:00Z</expires>
  </itemMeta>
  <contentMeta><headline>Port reopens</headline></contentMeta>
  <contentSet><inlineXML contenttype="application/nitf+xml"><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content><p>Hold: legal review.</p></body.content></body></nitf></inlineXML></contentSet>
</newsItem>`);
    expect([item.pubStatus, item.expires]).toEqual(['withheld', '2026-12-01T00:00:00Z']);
    expect(advisoryOf(item, true)).toMatchObject({ status: 'withheld', matchBy: 'guid' });
  });
});
