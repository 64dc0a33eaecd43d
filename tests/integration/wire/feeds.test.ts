import fs from 'fs';
import os from 'os';
import path from 'path';
import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { ninjsItem, rss, startFeedServer, type FeedServer } from '../../helpers/feed-server';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';

/**
 * Feeds polled from a real feed server on 127.0.0.1 (allowed here by the server's
 * configuration, as an in-house feed would be) and from a drop folder under the configured root.
 */
let newsroom: Newsroom;
let chief: AdminSession;
let editor: AdminSession;
let server: FeedServer;
let dropRoot: string;
let agencyId: number;
let otherAgencyId: number;

const FEED_UID = 'plugin::newsroom.feed';
const WIRE_ITEM_UID = 'plugin::newsroom.wire-item';

beforeAll(async () => {
  server = await startFeedServer();
  dropRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-drop-'));
  newsroom = await startNewsroom({
    env: {
      NEWSROOM_FEEDS_PRIVATE_ADDRESSES: 'true',
      NEWSROOM_FEEDS_HOSTS: '127.0.0.1',
      NEWSROOM_FEEDS_MIN_INTERVAL: '1',
      NEWSROOM_FEEDS_TIMEOUT: '1',
      NEWSROOM_FEEDS_MAX_BYTES: '200000',
      NEWSROOM_FEEDS_DROP_ROOT: dropRoot,
    },
  });
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  editor = await createAdminSession(newsroom, 'strapi-editor');
  const agencies = newsroom.strapi.plugin('newsroom').service('agencies');
  agencyId = (await agencies.findOrCreate('FEEDCO')).id;
  otherAgencyId = (await agencies.findOrCreate('OTHERCO')).id;
});
afterAll(async () => {
  await newsroom?.stop();
  await server?.stop();
  fs.rmSync(dropRoot, { recursive: true, force: true });
});

let feedCount = 0;
const createFeed = async (fields: Record<string, unknown>) => {
  feedCount += 1;
  const res = await newsroom
    .http()
    .post('/newsroom/feeds')
    .set(chief.auth)
    .send({ name: `Feed ${feedCount}`, agencies: [agencyId], intervalSeconds: 60, ...fields });
  expect(res.status).toBe(201);
  return res.body.data as { id: number; name: string };
};
const pollNow = (id: number) => newsroom.http().post(`/newsroom/feeds/${id}/poll`).set(chief.auth);
const itemsWithGuid = (guid: string) =>
  newsroom.strapi.db.query(WIRE_ITEM_UID).findMany({ where: { agencyGuid: guid } });

describe('managing feeds', () => {
  test('credentials are stored encrypted and never returned; the poll sends them', async () => {
    server.route('/secret.json', (req, res) => {
      if (req.headers.authorization !== 'Bearer s3cret-token') {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify([ninjsItem('urn:feedco:secret-1', 'Behind a token')]));
    });
    const feed = await createFeed({
      kind: 'ninjs',
      url: `${server.url}/secret.json`,
      credentials: { type: 'bearer', token: 's3cret-token' },
    });
    expect(feed).toMatchObject({ credentials: { type: 'bearer' } });
    expect(JSON.stringify(feed)).not.toContain('s3cret');
    const row = await newsroom.strapi.db.query(FEED_UID).findOne({ where: { id: feed.id } });
    expect(row.credentials).toMatch(/^v1:/u);
    expect(row.credentials).not.toContain('s3cret');

    const list = await newsroom.http().get('/newsroom/feeds').set(chief.auth);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('s3cret');
    expect(list.body.meta.dropFolders).toBe(true);

    const polled = await pollNow(feed.id);
    expect(polled.status).toBe(200);
    expect(polled.body.meta.result).toMatchObject({ status: 'ok', new: 1 });
    expect(JSON.stringify(polled.body)).not.toContain('s3cret');
    expect(await itemsWithGuid('urn:feedco:secret-1')).toHaveLength(1);

    // Leaving credentials out of an edit keeps them; `none` removes them.
    const edited = await newsroom
      .http()
      .put(`/newsroom/feeds/${feed.id}`)
      .set(chief.auth)
      .send({
        name: feed.name,
        kind: 'ninjs',
        url: `${server.url}/secret.json`,
        agencies: [agencyId],
      });
    expect(edited.body.data.credentials).toEqual({ type: 'bearer' });
    expect((await pollNow(feed.id)).body.meta.result.status).toBe('ok');
    const cleared = await newsroom
      .http()
      .put(`/newsroom/feeds/${feed.id}`)
      .set(chief.auth)
      .send({
        name: feed.name,
        kind: 'ninjs',
        url: `${server.url}/secret.json`,
        agencies: [agencyId],
        credentials: { type: 'none' },
      });
    expect(cleared.body.data.credentials).toEqual({ type: 'none' });
    const refused = await pollNow(feed.id);
    expect(refused.body.meta.result).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/answered 401/u),
    });
  });

  test('only those who may manage feeds see or change them', async () => {
    expect((await newsroom.http().get('/newsroom/feeds').set(editor.auth)).status).toBe(403);
    const res = await newsroom
      .http()
      .post('/newsroom/feeds')
      .set(editor.auth)
      .send({ name: 'Sneaky', kind: 'rss', url: `${server.url}/x`, agencies: [agencyId] });
    expect(res.status).toBe(403);
    expect(await newsroom.strapi.db.query(FEED_UID).count({ where: { name: 'Sneaky' } })).toBe(0);
    // The inbox's alerts are for everyone who reads the wire.
    expect((await newsroom.http().get('/newsroom/wire-alerts').set(editor.auth)).status).toBe(200);
  });

  test.each([
    [{ kind: 'rss', url: 'ftp://agency.example/feed' }, /url must be an http\(s\) address/u],
    [{ kind: 'rss', url: `${'http://a'}:bad` }, /url must be an http\(s\) address/u],
    [{ kind: 'rss' }, /url is required/u],
    [{ kind: 'rss', url: 'http://:hunter2@a.example/feed' }, /without a user name or password/u],
    [
      { kind: 'rss', url: 'http://desk:hunter2@a.example/feed' },
      /without a user name or password/u,
    ],
    [{ kind: 'folder', folder: 'a\u0000b' }, /without control characters|NUL/u],
    [
      { kind: 'rss', url: 'http://a.example/', agencies: [2147483648] },
      /agencies must list agency ids/u,
    ],
    [{ kind: 'gopher', url: 'http://a.example/' }, /kind must be one of/u],
    [
      { kind: 'rss', url: 'http://a.example/', intervalSeconds: 0 },
      /intervalSeconds must be at least 1/u,
    ],
    [{ kind: 'rss', url: 'http://a.example/', agencies: [] }, /agencies must name at least one/u],
    [{ kind: 'rss', url: 'http://a.example/', owner: 'me' }, /Unknown field/u],
    [{ kind: 'folder', folder: '../etc' }, /without "\.\."/u],
    [{ kind: 'folder', folder: '/etc' }, /without "\.\." or a leading "\/"/u],
    [
      {
        kind: 'rss',
        url: 'http://a.example/',
        credentials: { type: 'header', name: 'Host', value: 'x' },
      },
      /credentials.name may not be a header the poller sets/u,
    ],
    [
      {
        kind: 'rss',
        url: 'http://a.example/',
        credentials: { type: 'bearer', token: 'a\r\nX-Evil: 1' },
      },
      /credentials.token must be one line/u,
    ],
  ])('%j is refused with a message naming the problem', async (fields, message) => {
    const before = await newsroom.strapi.db.query(FEED_UID).count();
    const res = await newsroom
      .http()
      .post('/newsroom/feeds')
      .set(chief.auth)
      .send({ name: 'Refused feed', agencies: [agencyId], ...fields });
    expect([400, 422]).toContain(res.status);
    expect(res.body.error.message).toMatch(message);
    expect(await newsroom.strapi.db.query(FEED_UID).count()).toBe(before);
  });

  test('an agency that does not exist, and a name already used, are refused', async () => {
    const unknown = await newsroom
      .http()
      .post('/newsroom/feeds')
      .set(chief.auth)
      .send({ name: 'Nobody', kind: 'rss', url: 'http://a.example/', agencies: [999999] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toMatch(/No agency has id 999999/u);
    const first = await createFeed({ kind: 'rss', url: 'http://a.example/' });
    const twin = await newsroom
      .http()
      .post('/newsroom/feeds')
      .set(chief.auth)
      .send({ name: first.name, kind: 'rss', url: 'http://b.example/', agencies: [agencyId] });
    expect(twin.status).toBe(409);
  });
});

describe('polling over HTTP', () => {
  test('RSS: full text from content:encoded, then a 304 that costs no parsing', async () => {
    server.route('/rss.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"' });
      res.end(
        rss([
          {
            guid: 'urn:rss:1',
            title: 'Port reopens',
            body: 'The port reopened at noon, officials said.',
          },
          { guid: 'urn:rss:2', title: 'Ferry resumes', body: 'The ferry resumed service.' },
        ])
      );
    });
    const feed = await createFeed({ kind: 'rss', url: `${server.url}/rss.xml` });
    const first = await pollNow(feed.id);
    expect(first.body.meta.result).toMatchObject({ status: 'ok', items: 2, new: 2, refused: [] });
    const [item] = await itemsWithGuid('urn:rss:1');
    expect(JSON.stringify(item.story)).toContain('The port reopened at noon, officials said.');
    expect(first.body.data.health).toMatchObject({
      light: 'green',
      itemsToday: 2,
      itemsTotal: 2,
      consecutiveFailures: 0,
    });

    const second = await pollNow(feed.id);
    expect(second.body.meta.result).toMatchObject({ status: 'not-modified', items: 0 });
    expect(server.requests.get('/rss.xml')!.at(-1)!.headers['if-none-match']).toBe('"v1"');
    expect(second.body.data.health.itemsTotal).toBe(2);
  });

  test('ninjs: good items go in, an item failing the schema is named on the feed health', async () => {
    server.route('/mixed.json', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          items: [
            ninjsItem('urn:feedco:good-1', 'Good one'),
            { uri: 'urn:feedco:bad-1', version: '1', type: 'text', headlines: 'not a list' },
            ninjsItem('urn:feedco:good-2', 'Good two'),
          ],
        })
      );
    });
    const feed = await createFeed({ kind: 'ninjs', url: `${server.url}/mixed.json` });
    const res = await pollNow(feed.id);
    expect(res.body.meta.result).toMatchObject({ status: 'ok', items: 3, new: 2 });
    expect(res.body.meta.result.refused).toEqual([{ item: 'item 2', message: expect.any(String) }]);
    expect(await itemsWithGuid('urn:feedco:bad-1')).toHaveLength(0);
    expect(res.body.data.health).toMatchObject({
      light: 'amber',
      lastError: expect.stringMatching(/1 item\(s\) refused; item 2/u),
      consecutiveFailures: 0,
    });
  });

  test('NewsML-G2: a newsMessage of several items', async () => {
    const g2Item = (
      guid: string
    ) => `<newsItem guid="${guid}" version="1" standard="NewsML-G2" standardversion="2.29">
      <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:FEEDCO"/><versionCreated>2026-11-28T10:00:00Z</versionCreated></itemMeta>
      <contentMeta><headline>Story ${guid}</headline></contentMeta>
      <contentSet><inlineXML contenttype="application/nitf+xml"><nitf><body><body.content><p>Text of ${guid}.</p></body.content></body></nitf></inlineXML></contentSet>
    </newsItem>`;
    server.route('/g2.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header><sent>2026-11-28T10:00:00Z</sent></header>
<itemSet>${g2Item('urn:g2feed:1')}${g2Item('urn:g2feed:2')}</itemSet></newsMessage>`);
    });
    const feed = await createFeed({ kind: 'newsml-g2', url: `${server.url}/g2.xml` });
    const res = await pollNow(feed.id);
    expect(res.body.meta.result).toMatchObject({ status: 'ok', items: 2, new: 2 });
    expect(await itemsWithGuid('urn:g2feed:2')).toHaveLength(1);
  });

  test('copy that claims another agency than the feed speaks for is refused and stores nothing', async () => {
    server.route('/claims.json', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify([
          ninjsItem('urn:otherco:1', 'Not ours', { copyrightholder: 'OTHERCO' }),
          ninjsItem('urn:feedco:ours-1', 'Ours', { copyrightholder: 'FEEDCO' }),
        ])
      );
    });
    const feed = await createFeed({ kind: 'ninjs', url: `${server.url}/claims.json` });
    const res = await pollNow(feed.id);
    expect(res.body.meta.result.refused).toEqual([
      {
        item: 'item 1',
        message: expect.stringMatching(/sends copy for FEEDCO only, not for OTHERCO/u),
      },
    ]);
    expect(await itemsWithGuid('urn:otherco:1')).toHaveLength(0);
    expect(await itemsWithGuid('urn:feedco:ours-1')).toHaveLength(1);
    // A feed bound to both may send both.
    const both = await createFeed({
      kind: 'ninjs',
      url: `${server.url}/claims.json`,
      agencies: [agencyId, otherAgencyId],
    });
    expect((await pollNow(both.id)).body.meta.result).toMatchObject({
      new: 1,
      duplicates: 1,
      refused: [],
    });
  });

  test.each([
    [
      'malformed XML',
      'rss',
      (res: import('http').ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end('<rss><channel><item><title>Open</channel>');
      },
      /XML|xml/u,
    ],
    [
      'malformed JSON',
      'ninjs',
      (res: import('http').ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('[{"uri": ');
      },
      /JSON/u,
    ],
    [
      'an HTTP error',
      'rss',
      (res: import('http').ServerResponse) => {
        res.writeHead(503).end('down');
      },
      /answered 503/u,
    ],
    [
      'a timeout',
      'rss',
      (_res: import('http').ServerResponse) => {
        // never answers within the 1 s limit
      },
      /did not answer within 1 s/u,
    ],
    [
      'a body over the limit',
      'ninjs',
      (res: import('http').ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`[${'1,'.repeat(150_000)}1]`);
      },
      /the feed answer is (larger than|\d+ bytes; the limit is) 200000/u,
    ],
    [
      'a redirect out of the allowed hosts',
      'rss',
      (res: import('http').ServerResponse) => {
        res.writeHead(302, { location: 'http://localhost:1/feed' }).end();
      },
      /localhost is not among the allowed feed hosts/u,
    ],
  ])(
    '%s is recorded on the feed health and stores nothing',
    async (name, kind, answer, message) => {
      const route = `/bad-${name.replace(/\W+/gu, '-')}`;
      server.route(route, (_req, res) => answer(res));
      const before = await newsroom.strapi.db.query(WIRE_ITEM_UID).count();
      const feed = await createFeed({ kind, url: `${server.url}${route}` });
      const res = await pollNow(feed.id);
      expect(res.status).toBe(200);
      expect(res.body.meta.result).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(message),
      });
      expect(res.body.data.health).toMatchObject({
        consecutiveFailures: 1,
        lastError: expect.stringMatching(message),
        lastErrorAt: expect.any(String),
        light: 'amber',
      });
      expect(await newsroom.strapi.db.query(WIRE_ITEM_UID).count()).toBe(before);
    }
  );

  test('failing three times in a row turns the light red and shows on the inbox', async () => {
    server.route('/down', (_req, res) => res.writeHead(500).end());
    const feed = await createFeed({ kind: 'rss', url: `${server.url}/down` });
    for (let i = 0; i < 3; i += 1) await pollNow(feed.id);
    const list = await newsroom.http().get('/newsroom/feeds').set(chief.auth);
    const shown = list.body.data.find((f: { id: number }) => f.id === feed.id);
    expect(shown.health).toMatchObject({ light: 'red', consecutiveFailures: 3 });
    expect(shown.health.alerts).toEqual([
      expect.stringMatching(/Failed 3 times in a row: .*answered 500/u),
    ]);
    // Backoff: the next poll waits 2^3 intervals.
    const next =
      new Date(shown.health.nextPollAt).getTime() - new Date(shown.health.lastPollAt).getTime();
    expect(next).toBe(8 * 60 * 1000);
    const alerts = await newsroom.http().get('/newsroom/wire-alerts').set(editor.auth);
    expect(alerts.body.data.feeds).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: feed.id, light: 'red' })])
    );
  });
});

describe('a drop folder', () => {
  test('takes complete files, moves them to processed/ or failed/ with the reason beside', async () => {
    const folder = path.join(dropRoot, 'feedco');
    fs.mkdirSync(folder);
    fs.writeFileSync(
      path.join(folder, 'one.json'),
      JSON.stringify(ninjsItem('urn:drop:1', 'Dropped story'))
    );
    fs.writeFileSync(path.join(folder, 'broken.json'), '{"uri": "urn:drop:2"');
    fs.writeFileSync(path.join(folder, 'notes.doc'), 'not copy');
    fs.writeFileSync(path.join(folder, 'upload.json.part'), 'still arriving');
    const feed = await createFeed({ kind: 'folder', folder: 'feedco' });

    // First look: sizes noted, nothing taken (a file may still be growing).
    const first = await pollNow(feed.id);
    expect(first.body.meta.result).toMatchObject({
      status: 'ok',
      items: 0,
      files: { processed: 0, failed: 0, waiting: 3 },
    });
    fs.appendFileSync(path.join(folder, 'one.json'), ' ');

    // Second look: the unchanged files are complete; the one that grew waits for another look.
    const second = await pollNow(feed.id);
    expect(second.body.meta.result.files).toEqual({ processed: 0, failed: 2, waiting: 1 });
    const third = await pollNow(feed.id);
    expect(third.body.meta.result).toMatchObject({
      new: 1,
      files: { processed: 1, failed: 0, waiting: 0 },
    });

    expect(fs.readdirSync(path.join(folder, 'processed'))).toEqual(['one.json']);
    expect(fs.readdirSync(path.join(folder, 'failed')).sort()).toEqual([
      'broken.json',
      'broken.json.reason.txt',
      'notes.doc',
      'notes.doc.reason.txt',
    ]);
    expect(fs.readFileSync(path.join(folder, 'failed', 'notes.doc.reason.txt'), 'utf8')).toMatch(
      /Not a wire file/u
    );
    expect(fs.readFileSync(path.join(folder, 'failed', 'broken.json.reason.txt'), 'utf8')).toMatch(
      /JSON/u
    );
    expect(fs.existsSync(path.join(folder, 'upload.json.part'))).toBe(true);
    expect(await itemsWithGuid('urn:drop:1')).toHaveLength(1);
  });

  test('processed/ or failed/ as links, and reason files planted as links, are never followed', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-outside-'));
    fs.writeFileSync(path.join(outside, 'app.conf'), 'KEEP');
    const folder = path.join(dropRoot, 'planted');
    fs.mkdirSync(path.join(folder, 'failed'), { recursive: true });
    fs.symlinkSync(
      path.join(outside, 'app.conf'),
      path.join(folder, 'failed', 'bad.xml.reason.txt')
    );
    fs.symlinkSync(outside, path.join(folder, 'processed'));
    fs.writeFileSync(path.join(folder, 'bad.xml'), '<notG2/>');
    fs.writeFileSync(
      path.join(folder, 'good.json'),
      JSON.stringify(ninjsItem('urn:drop:planted', 'Planted'))
    );
    fs.symlinkSync(path.join(outside, 'app.conf'), path.join(folder, 'link.txt'));
    const feed = await createFeed({ kind: 'folder', folder: 'planted' });
    await pollNow(feed.id);
    const res = await pollNow(feed.id);
    // The bad file failed beside the planted link, which was left alone.
    expect(fs.readFileSync(path.join(outside, 'app.conf'), 'utf8')).toBe('KEEP');
    expect(
      fs.readdirSync(path.join(folder, 'failed')).some((n) => /-bad\.xml\.reason\.txt$/u.test(n))
    ).toBe(true);
    // processed/ is a link: the good file stays where it was, and the poll says why.
    expect(res.body.meta.result).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/processed\/ in the drop folder is not a folder of its own/u),
    });
    expect(fs.readdirSync(outside)).toEqual(['app.conf']);
    fs.rmSync(outside, { recursive: true, force: true });
  });

  test('a folder that leads out of the root through a link is refused when polled', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'SECRET');
    fs.symlinkSync(outside, path.join(dropRoot, 'escape'));
    const feed = await createFeed({ kind: 'folder', folder: 'escape' });
    const res = await pollNow(feed.id);
    expect(res.body.meta.result).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/leads out of the drop-folder root/u),
    });
    expect(fs.existsSync(path.join(outside, 'secret.txt'))).toBe(true);
    fs.rmSync(outside, { recursive: true, force: true });
  });
});

describe('what the Content Manager and the document service may not do', () => {
  test('feeds are not read or written through documents: stored secrets stay on the server', async () => {
    const feed = await createFeed({
      kind: 'rss',
      url: 'http://a.example/secret-feed',
      credentials: { type: 'bearer', token: 'cm-secret' },
    });
    const admin = await createAdminSession(newsroom);
    const base = '/content-manager/collection-types/plugin::newsroom.feed';
    for (const res of [
      await newsroom.http().get(base).set(admin.auth),
      await newsroom.http().get(`${base}/${feed.id}`).set(admin.auth),
      await newsroom.http().post(base).set(admin.auth).send({ name: 'CM feed', kind: 'rss' }),
    ]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(JSON.stringify(res.body)).not.toMatch(/v1:|cm-secret/u);
    }
    await expect(newsroom.strapi.documents('plugin::newsroom.feed').findMany({})).rejects.toThrow(
      /managed on the Feeds page/u
    );
  });

  test("an agency's code cannot change: it is its identity on the wire", async () => {
    const admin = await createAdminSession(newsroom);
    const agency = await newsroom.strapi.db
      .query('plugin::newsroom.agency')
      .findOne({ where: { id: otherAgencyId } });
    const res = await newsroom
      .http()
      .put(`/content-manager/collection-types/plugin::newsroom.agency/${agency.documentId}`)
      .set(admin.auth)
      .send({ name: agency.name, code: 'FEEDCO2' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/code is its identity/u);
    // Other fields still save; the code sent back unchanged is no change.
    const renamed = await newsroom
      .http()
      .put(`/content-manager/collection-types/plugin::newsroom.agency/${agency.documentId}`)
      .set(admin.auth)
      .send({ name: 'Other Co', code: agency.code });
    expect(renamed.status).toBe(200);
    await expect(
      newsroom.strapi.db
        .query('plugin::newsroom.agency')
        .update({ where: { id: otherAgencyId }, data: { code: 'X' } })
    ).rejects.toThrow(/code is its identity/u);
  });
});

describe('who speaks for an agency', () => {
  test('a feed whose agencies were deleted speaks for none: its items are refused', async () => {
    const orphanAgency = await newsroom.strapi
      .plugin('newsroom')
      .service('agencies')
      .findOrCreate('GONECO');
    server.route('/orphan.json', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify([ninjsItem('urn:anyco:orphan-1', 'Anyone', { copyrightholder: 'ANYCO' })])
      );
    });
    const feed = await createFeed({
      kind: 'ninjs',
      url: `${server.url}/orphan.json`,
      agencies: [orphanAgency.id],
    });
    await newsroom.strapi.db
      .query('plugin::newsroom.agency')
      .delete({ where: { id: orphanAgency.id } });
    const res = await pollNow(feed.id);
    expect(res.body.meta.result.refused).toEqual([
      { item: 'item 1', message: expect.stringMatching(/speaks for no agency/u) },
    ]);
    expect(await itemsWithGuid('urn:anyco:orphan-1')).toHaveLength(0);
  });

  test('ingest tokens are set through the feeds API only', async () => {
    const documentId = (
      await newsroom.strapi.db.query('plugin::newsroom.agency').findOne({ where: { id: agencyId } })
    ).documentId;
    await expect(
      newsroom.strapi
        .documents('plugin::newsroom.agency')
        .update({ documentId, data: { ingestTokens: [1] } as never })
    ).rejects.toThrow(/set on the Feeds page/u);
    const editorTry = await newsroom
      .http()
      .put(`/newsroom/agencies/${agencyId}/ingest-tokens`)
      .set(editor.auth)
      .send({ ingestTokens: [] });
    expect(editorTry.status).toBe(403);
    const unknown = await newsroom
      .http()
      .put(`/newsroom/agencies/${agencyId}/ingest-tokens`)
      .set(chief.auth)
      .send({ ingestTokens: [987654] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toMatch(/No API token has id 987654/u);
  });
});
