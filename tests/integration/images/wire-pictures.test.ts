import http from 'http';
import type { AddressInfo } from 'net';
import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { metadataOf, photo, privateTags, withMetadata } from '../../helpers/images';
import { renditionsSettled } from '../../helpers/renditions';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { postWire } from '../../helpers/wire';
import path from 'path';

let newsroom: Newsroom;
let chief: AdminSession;
let token: string;
let agencyServer: http.Server;
let agencyUrl: string;
const pictures = new Map<string, { type: string; data: Buffer }>();
/** Every request the agency's server received, in order. */
const served: string[] = [];

beforeAll(async () => {
  // An agency's picture server, on this machine.
  agencyServer = http.createServer((req, res) => {
    served.push(req.url ?? '');
    const redirect = /^\/redirect\?to=(.+)$/u.exec(req.url ?? '');
    if (redirect) return res.writeHead(302, { Location: decodeURIComponent(redirect[1]) }).end();
    const picture = pictures.get(req.url ?? '');
    if (!picture) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': picture.type }).end(picture.data);
  });
  await new Promise<void>((resolve) => agencyServer.listen(0, '127.0.0.1', resolve));
  agencyUrl = `http://127.0.0.1:${(agencyServer.address() as AddressInfo).port}`;
  pictures.set('/media/a001.jpg', {
    type: 'image/jpeg',
    data: await withMetadata(await photo(1800, 1200), [
      '-IPTC:Credit=Karl Melander/TT',
      '-IPTC:By-line=Karl Melander',
      '-GPSLatitude=57.6',
      '-GPSLatitudeRef=N',
    ]),
  });
  pictures.set('/media/logo.svg', {
    type: 'image/svg+xml',
    data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  });

  // The agency's server is on this machine, so loopback is allowed here; see the fetch policy tests below.
  newsroom = await startNewsroom({
    demo: true,
    env: { NEWSROOM_WIRE_PICTURE_PRIVATE_ADDRESSES: 'true' },
  });
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  const admin = await createAdminSession(newsroom);
  token = await createApiToken(newsroom, admin);
});
afterAll(async () => {
  await renditionsSettled(newsroom);
  await newsroom?.stop();
  agencyServer?.close();
});

const ninjs = (guid: string, href: string, fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    uri: `urn:tt:${guid}`,
    type: 'text',
    language: 'sv',
    versioncreated: '2026-11-27T10:00:00Z',
    headlines: [{ role: 'main', value: `Militärövning ${guid}` }],
    bodies: [
      {
        role: 'main',
        contenttype: 'text/html',
        value: '<p>En stor internationell försvarsövning planeras.</p>',
      },
    ],
    associations: [
      {
        name: 'a001',
        uri: `urn:tt:${guid}:a001`,
        type: 'picture',
        descriptions: [{ role: 'caption', value: 'Arkivbild från militärövningen.' }],
        renditions: [{ name: 'main', href, contenttype: 'image/jpeg' }],
      },
    ],
    ...fields,
  });

/** The warnings of the last take: what the draft lacks that the copy promised. */
let takeWarnings: string[] = [];

const ingestAndTake = async (guid: string, href: string, fields: Record<string, unknown> = {}) => {
  const ingested = await postWire(newsroom, token, ninjs(guid, href, fields), 'application/json', {
    agency: 'TT',
  });
  expect({ status: ingested.status, error: ingested.body.error?.message }).toEqual({
    status: 201,
    error: undefined,
  });
  const taken = await newsroom
    .http()
    .post(`/newsroom/wire-items/${ingested.body.data.id}/take`)
    .set(chief.auth);
  expect(taken.status).toBe(201);
  takeWarnings = taken.body.meta.warnings;
  return newsroom.strapi.db.query('plugin::newsroom.article').findOne({
    where: { documentId: taken.body.data.article.documentId },
    populate: { leadPhoto: { populate: ['image'] } },
  });
};

describe('pictures that come with wire copy', () => {
  test('are fetched on take and uploaded like any image: clean, credited, rendered', async () => {
    const article = await ingestAndTake('pic-1', `${agencyUrl}/media/a001.jpg`);
    const image = article.leadPhoto.image;
    expect(image).toMatchObject({ mime: 'image/jpeg', width: 1800, height: 1200 });
    expect(article.leadPhoto.creditLine).toBe('Karl Melander/TT');
    expect(takeWarnings).toEqual([]);
    expect(article.leadPhoto.creator).toBe('Karl Melander');
    expect(article.leadPhoto.caption).toBe('Arkivbild från militärövningen.');
    expect(privateTags(await metadataOf(path.join(newsroom.publicDir, image.url)))).toEqual([]);
    await renditionsSettled(newsroom);
    const file = await newsroom.strapi.db
      .query('plugin::upload.file')
      .findOne({ where: { id: image.id } });
    expect(Object.keys(file.formats)).toEqual(
      expect.arrayContaining(['16x9_1024_avif', '1x1_640_webp', 'original_1600_jpeg'])
    );
  });

  test("the copy's expiry is kept on the picture, for the photo credits panel to flag", async () => {
    const article = await ingestAndTake('pic-exp', `${agencyUrl}/media/a001.jpg`, {
      expires: '2026-01-31T23:59:59Z',
    });
    const file = await newsroom.strapi.db
      .query('plugin::upload.file')
      .findOne({ where: { id: article.leadPhoto.image.id } });
    expect(file.newsroom.expiresAt).toBe('2026-01-31T23:59:59.000Z');
    expect(file.newsroom.credits.creditLine).toBe('Karl Melander/TT');
    const item = await newsroom.strapi.db
      .query('plugin::newsroom.wire-item')
      .findOne({ where: { agencyGuid: 'urn:tt:pic-exp' } });
    expect(new Date(item.expiresAt).toISOString()).toBe('2026-01-31T23:59:59.000Z');
  });

  test('an unreachable or refused picture leaves the draft without an image, never without the copy', async () => {
    const files = await newsroom.strapi.db.query('plugin::upload.file').count();
    const missing = await ingestAndTake('pic-2', `${agencyUrl}/media/gone.jpg`);
    expect(missing.headline).toBe('Militärövning pic-2');
    expect(missing.leadPhoto.image).toBeNull();
    // The editor who took it is told why the picture is missing.
    expect(takeWarnings).toEqual([
      expect.stringMatching(
        /^The agency picture .*\/media\/gone\.jpg was not added: .* answered 404$/u
      ),
    ]);
    const scripted = await ingestAndTake('pic-3', `${agencyUrl}/media/logo.svg`);
    expect(scripted.leadPhoto.image).toBeNull();
    expect(takeWarnings).toEqual([expect.stringMatching(/SVG markup/u)]);
    expect(await newsroom.strapi.db.query('plugin::upload.file').count()).toBe(files);
  });
});

describe('where pictures may be fetched from', () => {
  const setFetchPolicy = (policy: { privateAddresses: boolean; allowedHosts: string[] }) => {
    newsroom.strapi.config.set(
      'plugin::newsroom.images.wireFetch.privateAddresses',
      policy.privateAddresses
    );
    newsroom.strapi.config.set(
      'plugin::newsroom.images.wireFetch.allowedHosts',
      policy.allowedHosts
    );
  };
  afterEach(() => setFetchPolicy({ privateAddresses: true, allowedHosts: [] }));

  const refusedTake = async (guid: string, href: string) => {
    const files = await newsroom.strapi.db.query('plugin::upload.file').count();
    const requests = served.length;
    const article = await ingestAndTake(guid, href);
    expect(article.headline).toBe(`Militärövning ${guid}`);
    expect(article.leadPhoto.image).toBeNull();
    expect(await newsroom.strapi.db.query('plugin::upload.file').count()).toBe(files);
    return served.slice(requests);
  };

  test('by default, never from loopback or private addresses: by IP, by name, or as IPv4-mapped IPv6', async () => {
    setFetchPolicy({ privateAddresses: false, allowedHosts: [] });
    const port = new URL(agencyUrl).port;
    // Refused before any connection is made: the agency's server sees no request at all.
    expect(await refusedTake('ssrf-ip', `${agencyUrl}/media/a001.jpg`)).toEqual([]);
    expect(await refusedTake('ssrf-name', `http://localhost:${port}/media/a001.jpg`)).toEqual([]);
    expect(takeWarnings).toEqual([
      expect.stringMatching(
        /localhost resolves to .*loopback address; pictures are fetched from public addresses only/u
      ),
    ]);
    expect(
      await refusedTake('ssrf-v6', `http://[::ffff:127.0.0.1]:${port}/media/a001.jpg`)
    ).toEqual([]);
  });

  test('a redirect is checked like the first address', async () => {
    // The first address is on the allow-list; the one it redirects to is not.
    setFetchPolicy({ privateAddresses: true, allowedHosts: ['127.0.0.1'] });
    const port = new URL(agencyUrl).port;
    expect(
      await refusedTake(
        'redirect-out',
        `${agencyUrl}/redirect?to=${encodeURIComponent(`http://localhost:${port}/media/a001.jpg`)}`
      )
    ).toEqual(['/redirect?to=' + encodeURIComponent(`http://localhost:${port}/media/a001.jpg`)]);
  });

  test('with an allow-list, only the hosts on it', async () => {
    setFetchPolicy({ privateAddresses: true, allowedHosts: ['photos.agency.example', '*.ntb.no'] });
    expect(await refusedTake('not-listed', `${agencyUrl}/media/a001.jpg`)).toEqual([]);
    expect(takeWarnings).toEqual([
      expect.stringMatching(/127\.0\.0\.1 is not among the allowed picture hosts/u),
    ]);
    setFetchPolicy({ privateAddresses: true, allowedHosts: ['127.0.0.1'] });
    const listed = await ingestAndTake('listed', `${agencyUrl}/media/a001.jpg`);
    expect(listed.leadPhoto.image).not.toBeNull();
  });
});

describe('the demo seed', () => {
  test('gives the reference story a lead picture with renditions, keeping the wire credit', async () => {
    await renditionsSettled(newsroom);
    const seed = await newsroom.strapi.db.query('plugin::newsroom.article').findOne({
      where: { headline: 'Putin and Aliyev to Hold Talks in Moscow' },
      populate: { leadPhoto: { populate: ['image'] } },
    });
    expect(seed.leadPhoto.creditLine).toBe(
      'official website of the President of the Russian Federation'
    );
    expect(seed.leadPhoto.image.newsroom.placeholder).toMatch(/^data:image\/jpeg;base64,/u);
    expect(Object.keys(seed.leadPhoto.image.formats).length).toBeGreaterThan(40);
  });
});
