import path from 'path';
import {
  droppedFileType,
  dropFolderPath,
  feedText,
  isCandidateFile,
  pollHeaders,
} from '../../../server/src/wire/domain/feed-source';

describe('pollHeaders', () => {
  test('credentials of each kind, and the validators of the last answer', () => {
    expect(
      pollHeaders('rss', { type: 'basic', username: 'desk', password: 'pa:ss' }, {}).authorization
    ).toBe(`Basic ${Buffer.from('desk:pa:ss').toString('base64')}`);
    expect(pollHeaders('ninjs', { type: 'bearer', token: 't0k' }, {}).authorization).toBe(
      'Bearer t0k'
    );
    const custom = pollHeaders(
      'newsml-g2',
      { type: 'header', name: 'X-Api-Key', value: 'k' },
      { etag: '"v7"', lastModified: 'Sat, 28 Nov 2026 10:00:00 GMT' }
    );
    expect(custom).toMatchObject({
      'x-api-key': 'k',
      'if-none-match': '"v7"',
      'if-modified-since': 'Sat, 28 Nov 2026 10:00:00 GMT',
    });
    expect(pollHeaders('rss', { type: 'none' }, {})).not.toHaveProperty('authorization');
  });
});

describe('feedText', () => {
  const cyrillic = 'Москва';
  test('reads the charset the Content-Type names', () => {
    const bytes = Buffer.from(new TextEncoder().encode(cyrillic));
    expect(feedText(bytes, 'application/json; charset=utf-8')).toBe(cyrillic);
  });
  test('reads windows-1251 declared in the XML prolog and says UTF-8 after decoding', () => {
    // "Москва" in windows-1251
    const body = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="windows-1251"?><rss><t>', 'latin1'),
      Buffer.from([0xcc, 0xee, 0xf1, 0xea, 0xe2, 0xe0]),
      Buffer.from('</t></rss>', 'latin1'),
    ]);
    const text = feedText(body, 'application/rss+xml');
    expect(text).toContain(cyrillic);
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/u);
  });
  test('refuses an unknown charset, bytes that are not text in it, and an empty body', () => {
    expect(() => feedText(Buffer.from('x'), 'text/xml; charset=klingon')).toThrow(/unknown/u);
    expect(() => feedText(Buffer.from([0xff, 0xfe, 0xfd]), 'application/json')).toThrow(
      /not valid utf-8/iu
    );
    expect(() => feedText(Buffer.alloc(0), 'application/json')).toThrow(/empty/u);
  });
});

describe('dropFolderPath', () => {
  const root = path.resolve('/srv/drop');
  test('a folder inside the root', () => {
    expect(dropFolderPath(root, 'tass')).toBe(path.join(root, 'tass'));
    expect(dropFolderPath(root, 'agencies/ria')).toBe(path.join(root, 'agencies', 'ria'));
  });
  test.each(['../etc', '/etc', 'a/../../etc', '', '  ', '.', 'a\\..\\..\\x'])(
    '%j is refused',
    (folder) => {
      expect(() => dropFolderPath(root, folder)).toThrow(/inside the drop-folder root/u);
    }
  );
});

test('dropped files: what each name is, and what is not copy', () => {
  expect(droppedFileType('story.TXT')).toBe('text/plain');
  expect(droppedFileType('item.json')).toBe('application/ninjs+json');
  expect(droppedFileType('message.xml')).toBe('application/vnd.iptc.g2.newsitem+xml');
  expect(droppedFileType('photo.jpg')).toBeNull();
  expect(isCandidateFile('.hidden.xml')).toBe(false);
  expect(isCandidateFile('item.xml.part')).toBe(false);
  expect(isCandidateFile('item.xml')).toBe(true);
});
