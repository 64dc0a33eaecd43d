/**
 * Pictures named in wire copy, and the Media Library's "import from URL", may not reach this
 * machine in any spelling of its addresses. A trap server on loopback records every request
 * it receives: with the default policy it must receive none.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { photo } from '../../helpers/images';
import { renditionsSettled } from '../../helpers/renditions';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { postWire } from '../../helpers/wire';

let newsroom: Newsroom;
let editor: AdminSession;
let superAdmin: AdminSession;
let token: string;
let picture: Buffer;
const trapRequests: string[] = [];
const trapHandler: http.RequestListener = (req, res) => {
  trapRequests.push(`${req.socket.localAddress} ${req.url}`);
  res.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(picture);
};
const trap4 = http.createServer(trapHandler);
const trap6 = http.createServer(trapHandler);
let port = 0;
let loopback6 = false;

const listen = (server: http.Server, host: string, at = 0) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(at, host, () => resolve((server.address() as AddressInfo).port));
  });

beforeAll(async () => {
  picture = await photo(320, 240);
  port = await listen(trap4, '127.0.0.1');
  // The same port on ::1 where the machine has IPv6 loopback, so [::1] would reach the trap too.
  loopback6 = await listen(trap6, '::1', port).then(
    () => true,
    () => false
  );
  newsroom = await startNewsroom({ env: { NEWSROOM_WIRE_PICTURE_PRIVATE_ADDRESSES: 'false' } });
  editor = await createAdminSession(newsroom, 'strapi-editor');
  superAdmin = await createAdminSession(newsroom);
  token = await createApiToken(newsroom, superAdmin, 'custom', ['plugin::newsroom.wire.ingest']);
});
afterAll(async () => {
  if (newsroom) await renditionsSettled(newsroom);
  await newsroom?.stop();
  await Promise.all(
    [trap4, trap6].map(
      (server) =>
        new Promise((resolve) => (server.listening ? server.close(resolve) : resolve(null)))
    )
  );
});
afterEach(() => {
  newsroom.strapi.config.set('plugin::newsroom.images.wireFetch.privateAddresses', false);
  trapRequests.length = 0;
});

/** Spellings of this machine's addresses, and what the refusal says about each. */
const LOCAL_SPELLINGS: Array<[string, RegExp]> = [
  ['127.0.0.1', /127\.0\.0\.1 is a loopback address/],
  ['localhost', /localhost resolves to .*loopback address/],
  ['[::ffff:127.0.0.1]', /IPv4-mapped form of 127\.0\.0\.1, a loopback address/],
  ['[::ffff:7f00:1]', /IPv4-mapped form of 127\.0\.0\.1, a loopback address/],
  ['[0:0:0:0:0:ffff:7f00:1]', /IPv4-mapped form of 127\.0\.0\.1, a loopback address/],
  ['[::127.0.0.1]', /IPv4-compatible form of 127\.0\.0\.1, a loopback address/],
  ['[64:ff9b::7f00:1]', /NAT64 form of 127\.0\.0\.1, a loopback address/],
  ['[::1]', /::1 is a loopback address/],
  ['[::]', /:: is an unspecified address/],
  ['0x7f.1', /127\.0\.0\.1 is a loopback address/],
  ['2130706433', /127\.0\.0\.1 is a loopback address/],
  ['127.1', /127\.0\.0\.1 is a loopback address/],
  ['0', /0\.0\.0\.0 is an unspecified address/],
  ['0.0.0.0', /0\.0\.0\.0 is an unspecified address/],
  ['[2002:7f00:1::1]', /6to4 tunnel address/],
];
/** A zone index is no part of a URL's host: refused as an invalid address wherever a URL is read. */
const ZONED = '[fe80::1%25lo]';

const trapUrl = (host: string, name: string) => `http://${host}:${port}/media/${name}.jpg`;

const ninjs = (guid: string, href: string) =>
  JSON.stringify({
    uri: `urn:tt:${guid}`,
    type: 'text',
    language: 'sv',
    versioncreated: '2026-11-27T10:00:00Z',
    headlines: [{ role: 'main', value: `Hamnen stängd ${guid}` }],
    bodies: [
      { role: 'main', contenttype: 'text/html', value: '<p>Hamnen stängs under natten.</p>' },
    ],
    associations: [
      {
        name: 'a001',
        uri: `urn:tt:${guid}:a001`,
        type: 'picture',
        descriptions: [{ role: 'caption', value: 'Hamnen i skymningen.' }],
        renditions: [{ name: 'main', href, contenttype: 'image/jpeg' }],
      },
    ],
  });

/** Ingests copy naming the picture, takes it as an Editor, and answers the warnings and the draft. */
const take = async (guid: string, href: string) => {
  const ingested = await postWire(newsroom, token, ninjs(guid, href), 'application/json', {
    agency: 'TT',
  });
  expect({ status: ingested.status, error: ingested.body.error?.message }).toEqual({
    status: 201,
    error: undefined,
  });
  const taken = await newsroom
    .http()
    .post(`/newsroom/wire-items/${ingested.body.data.id}/take`)
    .set(editor.auth);
  expect(taken.status).toBe(201);
  const draft = await newsroom.strapi.db.query('plugin::newsroom.article').findOne({
    where: { documentId: taken.body.data.article.documentId },
    populate: { leadPhoto: { populate: ['image'] } },
  });
  return { warnings: taken.body.meta.warnings as string[], draft };
};

describe('a wire picture on this machine', () => {
  test('is fetched when private addresses are allowed, so the trap would see any fetch', async () => {
    newsroom.strapi.config.set('plugin::newsroom.images.wireFetch.privateAddresses', true);
    const { warnings, draft } = await take('control', trapUrl('127.0.0.1', 'control'));
    expect(warnings).toEqual([]);
    expect(draft.leadPhoto.image).toMatchObject({ mime: 'image/jpeg', width: 320, height: 240 });
    expect(trapRequests).toEqual(['127.0.0.1 /media/control.jpg']);
    if (!loopback6) return;
    const overIPv6 = await take('control-v6', trapUrl('[::1]', 'control-v6'));
    expect(overIPv6.draft.leadPhoto.image).not.toBeNull();
    expect(trapRequests).toEqual(['127.0.0.1 /media/control.jpg', '::1 /media/control-v6.jpg']);
  });

  test.each(LOCAL_SPELLINGS.map(([host, reason], i) => [host, reason, i] as const))(
    'written %s is refused: the copy is taken without it, and nothing is fetched',
    async (host, reason, i) => {
      const href = trapUrl(host, 'a001');
      const { warnings, draft } = await take(`local-${i}`, href);
      expect(draft.headline).toBe(`Hamnen stängd local-${i}`);
      expect(draft.leadPhoto.image).toBeNull();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`The agency picture ${href} was not added: `);
      expect(warnings[0]).toMatch(reason);
      expect(trapRequests).toEqual([]);
    }
  );

  test(`written ${ZONED} is not a URL: the copy is refused at ingest`, async () => {
    const ingested = await postWire(
      newsroom,
      token,
      ninjs('zoned', trapUrl(ZONED, 'a001')),
      'application/json',
      { agency: 'TT' }
    );
    expect(ingested.status).toBe(422);
    expect(ingested.body.error.message).toMatch(/renditions\/0\/href must match format "uri"/u);
    expect(trapRequests).toEqual([]);
  });
});

type ServerSentEvent = { event: string; data: { url?: string; message?: string; index?: number } };

/** Strapi answers URL imports with a Server-Sent Events stream. */
const importFromUrls = async (urls: string[]): Promise<ServerSentEvent[]> => {
  const res = await newsroom
    .http()
    .post('/upload/actions/upload-from-urls')
    .set(superAdmin.auth)
    .send({ urls })
    .buffer(true)
    .parse((response, done) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => done(null, text));
    });
  expect(res.status).toBe(200);
  return (res.body as string)
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const event = /^event: (.+)$/mu.exec(block)?.[1] ?? '';
      const data = /^data: (.+)$/mu.exec(block)?.[1] ?? '{}';
      return { event, data: JSON.parse(data) };
    });
};

describe('the Media Library importing from a URL on this machine', () => {
  test('imports when private addresses are allowed, so the trap would see any fetch', async () => {
    newsroom.strapi.config.set('plugin::newsroom.images.wireFetch.privateAddresses', true);
    const events = await importFromUrls([trapUrl('127.0.0.1', 'imported')]);
    expect(events.map((e) => e.event)).toContain('file:complete');
    expect(trapRequests).toEqual(['127.0.0.1 /media/imported.jpg']);
  });

  test('refuses every spelling of it, and fetches nothing', async () => {
    const files = await newsroom.strapi.db.query('plugin::upload.file').count();
    const spellings: Array<[string, RegExp]> = [...LOCAL_SPELLINGS, [ZONED, /Invalid URL/]];
    const urls = spellings.map(([host]) => trapUrl(host, 'import'));
    const events = await importFromUrls(urls);
    const errors = events.filter((e) => e.event === 'file:error');
    expect(errors.map((e) => e.data.url)).toEqual(urls);
    errors.forEach((error, i) => expect(error.data.message).toMatch(spellings[i][1]));
    expect(events.filter((e) => e.event === 'file:complete')).toEqual([]);
    expect(trapRequests).toEqual([]);
    expect(await newsroom.strapi.db.query('plugin::upload.file').count()).toBe(files);
  });
});
