import { createAdminSession, createApiToken } from '../../helpers/admin';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { postWire } from '../../helpers/wire';

/** A NewsML-G2 newsMessage posted to the ingest: several items, each taken or refused alone. */
let newsroom: Newsroom;
let token: string;

const item = (guid: string, headline: string) => `
  <newsItem guid="${guid}" version="1" standard="NewsML-G2" standardversion="2.29">
    <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:MSGCO"/><versionCreated>2026-11-28T10:00:00Z</versionCreated></itemMeta>
    <contentMeta>${headline ? `<headline>${headline}</headline>` : ''}</contentMeta>
    <contentSet><inlineXML contenttype="application/nitf+xml"><nitf><body><body.content><p>${guid} text.</p></body.content></body></nitf></inlineXML></contentSet>
  </newsItem>`;
const message = (...items: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
  <header><sent>2026-11-28T10:00:00Z</sent></header>
  <itemSet>${items.join('')}</itemSet>
</newsMessage>`;

beforeAll(async () => {
  newsroom = await startNewsroom();
  token = await createApiToken(newsroom, await createAdminSession(newsroom));
});
afterAll(() => newsroom?.stop());

test('each item is ingested on its own; a refused one is named and stores nothing', async () => {
  const res = await postWire(
    newsroom,
    token,
    message(
      item('urn:msg:1', 'First story'),
      item('urn:msg:2', ''),
      item('urn:msg:3', 'Third story')
    ),
    'application/vnd.iptc.g2.newsitem+xml'
  );
  expect(res.status).toBe(201);
  expect(res.body.data.map((i: { agencyGuid: string }) => i.agencyGuid)).toEqual([
    'urn:msg:1',
    'urn:msg:3',
  ]);
  expect(res.body.meta.outcome).toBe('message');
  expect(res.body.meta.items).toEqual([
    expect.objectContaining({ outcome: 'new' }),
    { refused: { status: 422, message: expect.stringMatching(/headline/iu) } },
    expect.objectContaining({ outcome: 'new' }),
  ]);
  expect(
    await newsroom.strapi.db
      .query('plugin::newsroom.wire-item')
      .count({ where: { agencyGuid: 'urn:msg:2' } })
  ).toBe(0);

  const again = await postWire(
    newsroom,
    token,
    message(item('urn:msg:1', 'First story')),
    'application/xml'
  );
  expect(again.status).toBe(200);
  expect(again.body.data.agencyGuid).toBe('urn:msg:1');
  expect(again.body.meta.outcome).toBe('duplicate');
});

test('a message whose every item is refused is refused, each named', async () => {
  const res = await postWire(
    newsroom,
    token,
    message(item('urn:msg:x', ''), item('urn:msg:y', '')),
    'application/xml'
  );
  expect(res.status).toBe(422);
  expect(res.body.error.message).toMatch(
    /^Every item of the newsMessage was refused; the first: /u
  );
  expect(res.body.error.details.items).toHaveLength(2);
});
