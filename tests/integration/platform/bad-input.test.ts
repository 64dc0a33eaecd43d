import fs from 'fs';
import path from 'path';
import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { articleIn, draftRow } from '../../helpers/articles';
import { contentManager } from '../../helpers/content-manager';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { postWire } from '../../helpers/wire';

/**
 * Bad input gets a 4xx naming the problem on SQLite and PostgreSQL alike: text the database
 * cannot hold, numbers it cannot store, addresses spelled to slip past a check, a request that
 * names two locales, outdated agency copy.
 */
const ARTICLE = 'plugin::newsroom.article';

let newsroom: Newsroom;
let admin: AdminSession;
let editor: AdminSession;
let token: string;

beforeAll(async () => {
  newsroom = await startNewsroom();
  admin = await createAdminSession(newsroom);
  editor = await createAdminSession(newsroom, 'strapi-editor');
  token = await createApiToken(newsroom, admin, 'custom', ['plugin::newsroom.wire.ingest']);
});
afterAll(() => newsroom?.stop());

const ninjs = (fields: Record<string, unknown>) =>
  JSON.stringify({
    uri: 'urn:test:input',
    version: '1',
    type: 'text',
    headlines: [{ role: 'main', value: 'Input test' }],
    ...fields,
  });

describe('wire copy the database could not hold', () => {
  test.each([
    [
      'a version past 32 bits',
      ninjs({ version: '99999999999' }),
      422,
      /version must be a whole number from 0 to 2147483647/,
    ],
    ['a version of 1e300', ninjs({ version: '1e300' }), 422, /version must be a whole number/],
    [
      'a guid of 1,200 characters',
      ninjs({ uri: `urn:${'x'.repeat(1200)}` }),
      422,
      /guid is 1204 characters long; the limit is 1000/,
    ],
    [
      'a NUL character escaped in JSON',
      ninjs({ headlines: [{ role: 'main', value: 'Bad\\u0000headline' }] }).replace(
        '\\\\u0000',
        '\\u0000'
      ),
      400,
      /NUL character/,
    ],
  ])('%s is refused with %i', async (_what, body, status, message) => {
    const res = await postWire(newsroom, token, body, 'application/json', { agency: 'AP' });
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
  });

  test('a headline longer than the listing column is kept whole in the story', async () => {
    const headline = `Long ${'headline '.repeat(40)}`.trim();
    const res = await postWire(
      newsroom,
      token,
      `${headline}\n\nMoscow, 22 April. Text.\n`,
      'text/plain',
      { agency: 'TASS' }
    );
    expect(res.status).toBe(201);
    expect(res.body.data.headline).toBe(headline.slice(0, 255));
    expect(res.body.data.story.headline).toBe(headline);
  });

  test('an article headline over 255 characters is a 400 naming it, not a database fault', async () => {
    const res = await contentManager(newsroom, admin, ARTICLE).create({
      headline: 'h'.repeat(280),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toMatch(/headline/);
  });

  test.each([
    [
      'an image block in the body',
      {
        headline: 'Pictures',
        body: [
          {
            text: [
              {
                type: 'image',
                image: { url: '/uploads/x.jpg' },
                children: [{ type: 'text', text: '' }],
              },
            ],
          },
        ],
      },
      /Images go in the lead photo or the gallery/,
    ],
    [
      'a photo file id past 32 bits',
      { headline: 'Huge id', leadPhoto: { image: 2 ** 40, caption: 'x', creditLine: 'y' } },
      /./,
    ],
  ])('%s is a 4xx', async (_what, data, message) => {
    const res = await contentManager(newsroom, admin, ARTICLE).create(data);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.message).toMatch(message);
  });

  test('a rubric slug over 255 characters is a 400', async () => {
    const res = await contentManager(newsroom, admin, 'plugin::newsroom.rubric').create({
      name: 'Long slug',
      slug: 's'.repeat(300),
    });
    expect(res.status).toBe(400);
  });

  test('a NUL character in a kill notice or a locale is a 400, and nothing moves', async () => {
    const documentId = await articleIn(newsroom, admin, 'published');
    const version = (await draftRow(newsroom, documentId)).workflowVersion;
    const transition = (body: object) =>
      newsroom
        .http()
        .post(`/newsroom/articles/${documentId}/transition`)
        .set(admin.auth)
        .send(body);
    expect(
      (await transition({ action: 'kill', note: 'Legal\u0000', expectedVersion: version })).status
    ).toBe(400);
    expect(
      (
        await transition({
          action: 'kill',
          note: 'Legal',
          expectedVersion: version,
          locale: '\u0000',
        })
      ).status
    ).toBe(400);
    expect(
      (
        await newsroom
          .http()
          .post(`/newsroom/articles/${documentId}/wire-update`)
          .set(admin.auth)
          .send({ action: 'dismiss', locale: '\u0000' })
      ).status
    ).toBe(400);
    expect((await draftRow(newsroom, documentId)).workflowState).toBe('published');
  });

  test("a NUL character in the Content Manager's filters on a newsroom type is a 400", async () => {
    const res = await newsroom
      .http()
      .get('/content-manager/collection-types/plugin::newsroom.article')
      .query({ 'filters[headline][$eq]': '\u0000' })
      .set(admin.auth);
    expect(res.status).toBe(400);
  });

  test('a NUL character in article data is a 400', async () => {
    const res = await contentManager(newsroom, admin, ARTICLE).create({
      headline: 'Bad\u0000headline',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/NUL character/);
  });
});

describe('addresses and parameters', () => {
  test.each([
    '/api/newsroom/articles/%00',
    '/api/newsroom/articles?rubric=%00',
    '/api/newsroom/articles?tag=%00',
    '/api/newsroom/articles?locale=%00',
    '/api/newsroom/feed.xml?rubric=%00',
    '/api/newsroom/articles/%E0%A4%A',
  ])('GET %s is a 400', async (url) => {
    const res = await newsroom.http().get(url);
    expect(res.status).toBe(400);
  });

  test.each([
    '/newsroom/board?locale=%00',
    '/newsroom/articles/%00/workflow',
    '/newsroom/wire-items/%00',
  ])('GET %s (admin) is a 400', async (url) => {
    expect((await newsroom.http().get(url).set(admin.auth)).status).toBe(400);
  });

  test('a wire item id past 32 bits is a 400', async () => {
    const res = await newsroom
      .http()
      .post('/newsroom/wire-items/99999999999999999999/take')
      .set(editor.auth);
    expect(res.status).toBe(400);
  });

  test('a request naming two locales is refused; the locale checked is the locale acted on', async () => {
    const documentId = await articleIn(newsroom, admin, 'draft');
    const res = await newsroom
      .http()
      .post(`/newsroom/articles/${documentId}/transition`)
      .query({ locale: 'en' })
      .set(admin.auth)
      .send({ action: 'submit', expectedVersion: 0, locale: 'ru' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('The query names locale "en" and the body "ru"; name one');
    expect((await draftRow(newsroom, documentId)).workflowState).toBe('draft');
  });

  test('a story that reached readers keeps its record: no raw deletion takes a killed one', async () => {
    const killed = await articleIn(newsroom, admin, 'killed');
    await expect(
      newsroom.strapi.db.query(ARTICLE).deleteMany({ where: { documentId: killed } })
    ).rejects.toThrow(/only through the newsroom workflow/);
    expect(await draftRow(newsroom, killed)).not.toBeNull();
  });

  test('a partial (Range) request for an uploaded page is a download too', async () => {
    fs.writeFileSync(
      path.join(newsroom.publicDir, 'uploads', 'ranged.html'),
      '<script>alert(1)</script>'
    );
    const res = await newsroom.http().get('/uploads/ranged.html').set('Range', 'bytes=0-');
    expect([200, 206]).toContain(res.status);
    expect(res.headers['content-disposition']).toBe('attachment');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
  });

  test("every spelling of an uploaded page's address is served as a download", async () => {
    fs.writeFileSync(
      path.join(newsroom.publicDir, 'uploads', 'legacy_abc.html'),
      '<script>alert(1)</script>'
    );
    for (const url of [
      '/uploads/legacy_abc.html',
      '/%75ploads/legacy_abc.html',
      '/uploads%2flegacy_abc.html',
      '/./uploads/legacy_abc.html',
      '/uploads/legacy_abc.HTML',
    ]) {
      const res = await newsroom.http().get(url);
      if (res.status !== 200) continue;
      expect({
        url,
        type: res.headers['content-type'],
        disposition: res.headers['content-disposition'],
      }).toEqual({
        url,
        type: 'application/octet-stream',
        disposition: 'attachment',
      });
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    }
  });
});

describe('outdated agency copy', () => {
  test('a superseded version cannot be taken; the answer names the newest', async () => {
    const item = (version: string, headline: string) =>
      ninjs({
        uri: 'urn:test:casualties',
        version,
        headlines: [{ role: 'main', value: headline }],
      });
    const v1 = await postWire(
      newsroom,
      token,
      item('1', 'Casualty figure 500'),
      'application/json',
      { agency: 'AP' }
    );
    const v2 = await postWire(
      newsroom,
      token,
      item('2', 'Casualty figure corrected to 50'),
      'application/json',
      { agency: 'AP' }
    );
    const res = await newsroom
      .http()
      .post(`/newsroom/wire-items/${v1.body.data.id}/take`)
      .set(editor.auth);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      `Wire item ${v1.body.data.id} is version 1, and the agency has sent a newer one (version 2, wire item ${v2.body.data.id}); take the newest`
    );
    expect(
      (await newsroom.http().post(`/newsroom/wire-items/${v2.body.data.id}/take`).set(editor.auth))
        .status
    ).toBe(201);
  });

  test('series labels a slug cannot spell stay apart', async () => {
    for (const label of ['国际', '体育']) {
      const item = await postWire(
        newsroom,
        token,
        `Label ${label}\n\nMoscow, 22 April. Paragraph.\n\n${label}\n`,
        'text/plain',
        { agency: 'TASS' }
      );
      expect(
        (
          await newsroom
            .http()
            .post(`/newsroom/wire-items/${item.body.data.id}/take`)
            .set(editor.auth)
        ).status
      ).toBe(201);
    }
    const names = (
      await newsroom.strapi.db
        .query('plugin::newsroom.rubric')
        .findMany({ where: { name: { $in: ['国际', '体育'] } } })
    ).map((r: { name: string }) => r.name);
    expect(names.sort()).toEqual(['体育', '国际'].sort());
  });

  test('a series label differing from a rubric only in case goes to that rubric', async () => {
    await newsroom.strapi.plugin('newsroom').service('rubrics').findOrCreate('World');
    const copy = 'Label case\n\nMoscow, 22 April. Paragraph.\n\nWORLD\n';
    const item = await postWire(newsroom, token, copy, 'text/plain', { agency: 'TASS' });
    const taken = await newsroom
      .http()
      .post(`/newsroom/wire-items/${item.body.data.id}/take`)
      .set(editor.auth);
    expect(taken.status).toBe(201);
    expect(
      await newsroom.strapi.db.query('plugin::newsroom.rubric').count({ where: { slug: 'world' } })
    ).toBe(1);
  });
});
