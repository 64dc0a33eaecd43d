import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { articleIn, createArticle, draftRow } from '../../helpers/articles';
import { contentManager } from '../../helpers/content-manager';
import { lockApi } from '../../helpers/locks';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { photo } from '../../helpers/images';
import { uploadAsAdmin } from '../../helpers/uploads';
import { postWire } from '../../helpers/wire';
import { workflow } from '../../helpers/workflow';

/**
 * An article open in the Content Manager is locked to that user's tab. Everyone else sees
 * who holds it; the server refuses their saves, transitions and wire-update applies with 409
 * naming the holder. System writers pass. Editors may take a lock over; the history says so.
 */
const ARTICLE = 'plugin::newsroom.article';

let newsroom: Newsroom;
let anna: AdminSession; // an Editor: the holder
let chief: AdminSession; // a Chief Editor: everyone else, who may take over
let author: AdminSession; // an Author: may not take over
let token: string;

const rename = async (session: AdminSession, firstname: string, lastname: string) =>
  newsroom.strapi.db
    .query('admin::user')
    .update({ where: { id: session.id }, data: { firstname, lastname } });

beforeAll(async () => {
  newsroom = await startNewsroom();
  anna = await createAdminSession(newsroom, 'strapi-editor');
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  author = await createAdminSession(newsroom, 'strapi-author');
  await rename(anna, 'Anna', 'Petrova');
  await rename(chief, 'Oleg', 'Chief');
  token = await createApiToken(newsroom, await createAdminSession(newsroom));
});
afterAll(() => newsroom?.stop());

const cm = (session: AdminSession) => contentManager(newsroom, session, ARTICLE);

describe('taking and seeing a lock', () => {
  test('the first editor to open an article holds it; another sees who and since when', async () => {
    const documentId = await createArticle(newsroom);
    const annaTab = lockApi(newsroom, anna);
    const taken = await annaTab.keep(documentId);
    expect(taken.status).toBe(200);
    expect(taken.body.data).toMatchObject({
      mine: true,
      sameUser: false,
      canTakeOver: false,
      takenOver: null,
      lock: { documentId, locale: 'en', holder: { id: anna.id, name: 'Anna Petrova' } },
      heartbeatSeconds: 5,
      ttlSeconds: 60,
    });
    const since = Date.parse(taken.body.data.lock.since);
    expect(Math.abs(since - Date.now())).toBeLessThan(60_000);
    expect(Date.parse(taken.body.data.lock.expiresAt) - since).toBe(60_000);

    const other = await lockApi(newsroom, chief).keep(documentId);
    expect(other.status).toBe(200);
    expect(other.body.data).toMatchObject({
      mine: false,
      sameUser: false,
      canTakeOver: true,
      lock: { holder: { id: anna.id, name: 'Anna Petrova' }, since: taken.body.data.lock.since },
    });
    // Her second tab is told it is hers, open elsewhere, and may take it here.
    const second = await lockApi(newsroom, anna).keep(documentId);
    expect(second.body.data).toMatchObject({ mine: false, sameUser: true, canTakeOver: true });
    // The heartbeat keeps it hers; the session never shows in an answer.
    const beat = await annaTab.keep(documentId);
    expect(beat.body.data.mine).toBe(true);
    expect(JSON.stringify(beat.body)).not.toContain(annaTab.session);
  });

  test('a lock is per locale of the article', async () => {
    const documentId = await createArticle(newsroom);
    await lockApi(newsroom, anna).keep(documentId);
    const russian = lockApi(newsroom, chief, undefined, 'ru');
    // No Russian version yet: nothing to lock.
    expect((await russian.keep(documentId)).status).toBe(404);
  });
});

describe('while someone holds the lock', () => {
  test("others' saves, transitions, discards and deletes are refused with 409 naming the holder; the holder's pass", async () => {
    const documentId = await articleIn(newsroom, chief, 'in_review');
    await lockApi(newsroom, anna).keep(documentId);

    const save = await cm(chief).update(documentId, { headline: 'Chief rewrites it' });
    expect(save.status).toBe(409);
    expect(save.body.error.message).toContain('Anna Petrova is editing this article');
    expect(save.body.error.details.lock.holder).toEqual({ id: anna.id, name: 'Anna Petrova' });

    const state = (await workflow(newsroom, chief).state(documentId)).body.data;
    const move = await workflow(newsroom, chief).transition(documentId, {
      action: 'return',
      expectedVersion: state.workflowVersion,
      note: 'Needs work',
    });
    expect(move.status).toBe(409);
    expect(move.body.error.message).toContain('Anna Petrova');
    expect((await cm(chief).delete(documentId)).status).toBe(409);
    expect(await draftRow(newsroom, documentId)).toMatchObject({
      headline: expect.not.stringContaining('Chief'),
      workflowState: 'in_review',
    });

    // The holder works as usual.
    expect((await cm(anna).update(documentId, { standfirst: 'Anna edits' })).status).toBe(200);
    await workflow(newsroom, anna).run(documentId, { action: 'return', note: 'Back to me' });
    expect((await draftRow(newsroom, documentId)).workflowState).toBe('draft');
  });

  test("another editor's wire-update apply is refused; the holder's goes through", async () => {
    const story = (version: string, headline: string) =>
      JSON.stringify({
        uri: 'urn:test:locked-update',
        version,
        type: 'text',
        language: 'en',
        headlines: [{ role: 'main', value: headline }],
        bodies: [{ role: 'main', contenttype: 'text/html', value: `<p>${headline}.</p>` }],
      });
    const v1 = await postWire(
      newsroom,
      token,
      story('1', 'Talks set for Monday'),
      'application/json',
      {
        agency: 'AP',
      }
    );
    const taken = await newsroom
      .http()
      .post(`/newsroom/wire-items/${v1.body.data.id}/take`)
      .set(anna.auth);
    const { documentId } = taken.body.data.article;
    await postWire(newsroom, token, story('2', 'Talks moved to Tuesday'), 'application/json', {
      agency: 'AP',
    });
    await lockApi(newsroom, anna).keep(documentId);
    const apply = (session: AdminSession) =>
      newsroom
        .http()
        .post(`/newsroom/articles/${documentId}/wire-update`)
        .set(session.auth)
        .send({ action: 'apply' });
    const refused = await apply(chief);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('Anna Petrova');
    expect((await draftRow(newsroom, documentId)).headline).toBe('Talks set for Monday');
    expect((await apply(anna)).status).toBe(200);
    expect((await draftRow(newsroom, documentId)).headline).toBe('Talks moved to Tuesday');
  });

  test('system writers pass, and their saves are on the record the holder is shown', async () => {
    const scheduled = await articleIn(newsroom, chief, 'scheduled');
    const annaTab = lockApi(newsroom, anna);
    const opened = await annaTab.keep(scheduled);
    const loadedAt = opened.body.data.contentVersion;

    // The scheduler publishes on time, whoever has the article open.
    const published = await newsroom.strapi
      .plugin('newsroom')
      .service('workflow')
      .publishDue(new Date(Date.now() + 2 * 3600_000));
    expect(published).toBeGreaterThanOrEqual(1);
    expect((await draftRow(newsroom, scheduled)).workflowState).toBe('published');

    // Server code with no request (a script, a worker) is not an editor: it passes the lock.
    await newsroom.strapi.documents(ARTICLE).update({
      documentId: scheduled,
      data: { standfirst: 'Filled in by a script' } as never,
    });

    // Anna's tab learns of the script's save, and her form's save is refused as stale.
    const beat = await annaTab.keep(scheduled, loadedAt);
    expect(beat.body.data.editsSince).toEqual([
      expect.objectContaining({ actorName: 'Server code (no user)', fields: ['standfirst'] }),
    ]);
    const stale = await cm(anna).update(scheduled, {
      standfirst: 'Anna types over it',
      contentVersion: loadedAt,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain('Server code (no user)');
  });

  test('an agency kill is applied to a story someone has open', async () => {
    const ninjs = JSON.stringify({
      uri: 'urn:test:locked-kill',
      version: '1',
      type: 'text',
      language: 'en',
      headlines: [{ role: 'main', value: 'Story to be killed' }],
      bodies: [{ role: 'main', contenttype: 'text/html', value: '<p>Body.</p>' }],
    });
    const item = await postWire(newsroom, token, ninjs, 'application/json', { agency: 'AP' });
    const taken = await newsroom
      .http()
      .post(`/newsroom/wire-items/${item.body.data.id}/take`)
      .set(chief.auth);
    const { documentId } = taken.body.data.article;
    await cm(chief).update(documentId, { attribution: { line: 'AP' } });
    await workflow(newsroom, chief).run(documentId, 'submit', 'approve', 'publish');
    await lockApi(newsroom, anna).keep(documentId);
    const kill = await postWire(
      newsroom,
      token,
      JSON.stringify({ ...JSON.parse(ninjs), version: '2', pubstatus: 'canceled' }),
      'application/json',
      { agency: 'AP' }
    );
    expect(kill.status).toBeLessThan(300);
    expect((await draftRow(newsroom, documentId)).workflowState).toBe('killed');
  });
});

describe('records an open article shows', () => {
  test('another editor cannot change or delete, in the Media Library, a photo of the article someone has open', async () => {
    // Someone with the Media Library's rights (the super admin here) other than the holder.
    const librarian = await createAdminSession(newsroom);
    const up = await uploadAsAdmin(newsroom, librarian.auth, await photo(640, 480), 'lead.jpg');
    expect(up.status).toBe(201);
    const fileId = up.body[0].id;
    const documentId = await createArticle(newsroom, {
      leadPhoto: { image: fileId, caption: 'Leaders meet', creditLine: 'AP Photo' },
    });
    await lockApi(newsroom, anna).keep(documentId);
    const alt = await newsroom
      .http()
      .post(`/upload?id=${fileId}`)
      .set(librarian.auth)
      .field('fileInfo', JSON.stringify({ alternativeText: 'Changed under the lock' }));
    expect(alt.status).toBe(409);
    expect(alt.body.error.message).toContain('Anna Petrova is editing this article');
    const removed = await newsroom.http().delete(`/upload/files/${fileId}`).set(librarian.auth);
    expect(removed.status).toBe(409);
    const bulk = await newsroom
      .http()
      .post('/upload/actions/bulk-delete')
      .set(librarian.auth)
      .send({ fileIds: [fileId] });
    expect(bulk.status).toBe(409);
    const row = await newsroom.strapi.db.query(ARTICLE).findOne({
      where: { documentId, publishedAt: null },
      populate: { leadPhoto: { populate: { image: true } } },
    });
    expect(row.leadPhoto.image).toMatchObject({ id: fileId, alternativeText: null });
    // The holder may.
    const own = await newsroom
      .http()
      .post(`/upload?id=${fileId}`)
      .set(anna.auth)
      .field('fileInfo', JSON.stringify({ alternativeText: 'Leaders at the table' }));
    expect(own.status).toBe(200);
  });

  test('a save naming another article in its data changes only the article it addresses', async () => {
    const mine = (await cm(author).create({ headline: 'The author’s draft' })).body.data.documentId;
    const theirs = await createArticle(newsroom, { headline: 'Locked story' });
    await lockApi(newsroom, anna).keep(theirs);
    const res = await cm(author).update(mine, {
      headline: 'Moved into the other story?',
      documentId: theirs,
      id: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body.data.documentId).toBe(mine);
    expect(await newsroom.strapi.db.query(ARTICLE).count({ where: { documentId: theirs } })).toBe(
      1
    );
    expect(await draftRow(newsroom, theirs)).toMatchObject({
      headline: 'Locked story',
      locale: 'en',
    });
    expect(await draftRow(newsroom, mine)).toMatchObject({
      headline: 'Moved into the other story?',
      locale: 'en',
    });
  });
});

describe('taking over', () => {
  test('an editor takes over after confirming; the history records it and the former holder learns it at once', async () => {
    const documentId = await createArticle(newsroom);
    const annaTab = lockApi(newsroom, anna);
    await annaTab.keep(documentId);

    const byAuthor = await lockApi(newsroom, author).takeOver(documentId);
    expect(byAuthor.status).toBe(403);

    const chiefTab = lockApi(newsroom, chief);
    const over = await chiefTab.takeOver(documentId);
    expect(over.status).toBe(200);
    expect(over.body.data).toMatchObject({
      mine: true,
      lock: { holder: { id: chief.id, name: 'Oleg Chief' } },
    });

    const history = await workflow(newsroom, chief).history(documentId);
    expect(history.body.data[0]).toMatchObject({
      action: 'take-over-lock',
      actorName: 'Oleg Chief',
      note: expect.stringContaining('Took over editing from Anna Petrova'),
    });

    // Anna's next heartbeat is told, and does not take the lock back.
    const told = await annaTab.keep(documentId);
    expect(told.body.data).toMatchObject({
      mine: false,
      takenOver: { by: 'Oleg Chief' },
      lock: { holder: { id: chief.id } },
    });
    const save = await cm(anna).update(documentId, { headline: 'Anna saves anyway' });
    expect(save.status).toBe(409);
    expect(save.body.error.message).toContain('Oleg Chief is editing this article');
  });

  test('the same user moves the lock to another tab without the permission', async () => {
    const documentId = await createArticle(newsroom, {});
    const first = lockApi(newsroom, author);
    // Authors edit their own articles: make this one the author's.
    const own = await cm(author).create({ headline: 'The author’s own' });
    const ownId = own.body.data.documentId;
    await first.keep(ownId);
    const second = lockApi(newsroom, author);
    expect((await second.keep(ownId)).body.data).toMatchObject({
      mine: false,
      sameUser: true,
      canTakeOver: true,
    });
    expect((await second.takeOver(ownId)).body.data.mine).toBe(true);
    expect((await first.keep(ownId)).body.data.takenOver).not.toBeNull();
    // An Author may not lock someone else's article (the Content Manager's own condition).
    expect((await first.keep(documentId)).status).toBe(403);
  });
});

describe('letting go', () => {
  test('the holder releases; anyone else releasing changes nothing', async () => {
    const documentId = await createArticle(newsroom);
    const annaTab = lockApi(newsroom, anna);
    await annaTab.keep(documentId);
    const notMine = await lockApi(newsroom, chief).release(documentId);
    expect(notMine.body.data).toEqual({ released: false });
    expect((await lockApi(newsroom, chief).state(documentId)).body.data.lock.holder.id).toBe(
      anna.id
    );
    expect((await annaTab.release(documentId)).body.data).toEqual({ released: true });
    expect((await lockApi(newsroom, chief).state(documentId)).body.data.lock).toBeNull();
    expect((await lockApi(newsroom, chief).keep(documentId)).body.data.mine).toBe(true);
  });

  test('a silent lock lapses: once its time has passed, anyone may take it', async () => {
    const documentId = await createArticle(newsroom);
    await lockApi(newsroom, anna).keep(documentId);
    // A laptop closed a minute ago: its last heartbeat renewed the lock until now.
    await newsroom.strapi.db.query('plugin::newsroom.edit-lock').updateMany({
      where: { articleDocumentId: documentId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await lockApi(newsroom, chief).state(documentId)).body.data.lock).toBeNull();
    expect((await cm(chief).update(documentId, { headline: 'Free to edit' })).status).toBe(200);
    expect((await lockApi(newsroom, chief).keep(documentId)).body.data.mine).toBe(true);
  });
});

describe('lists show locks', () => {
  test('the board card and the inbox row of a story someone has open carry a lock badge', async () => {
    const item = await postWire(
      newsroom,
      token,
      JSON.stringify({
        uri: 'urn:test:locked-card',
        version: '1',
        type: 'text',
        language: 'en',
        headlines: [{ role: 'main', value: 'Locked card story' }],
        bodies: [{ role: 'main', contenttype: 'text/html', value: '<p>Body.</p>' }],
      }),
      'application/json',
      { agency: 'AP' }
    );
    const taken = await newsroom
      .http()
      .post(`/newsroom/wire-items/${item.body.data.id}/take`)
      .set(anna.auth);
    const { documentId } = taken.body.data.article;
    const before = await newsroom.http().get('/newsroom/board').set(chief.auth);
    const card = (body: { data: Array<{ cards: Array<{ documentId: string; lock: unknown }> }> }) =>
      body.data.flatMap((c) => c.cards).find((c) => c.documentId === documentId);
    expect(card(before.body)?.lock).toBeNull();

    const opened = await lockApi(newsroom, anna).keep(documentId);
    const board = await newsroom.http().get('/newsroom/board').set(chief.auth);
    expect(card(board.body)?.lock).toEqual({
      holderName: 'Anna Petrova',
      since: opened.body.data.lock.since,
    });
    const inbox = await newsroom.http().get('/newsroom/wire-items').set(chief.auth);
    const row = inbox.body.data.find((i: { id: number }) => i.id === item.body.data.id);
    expect(row.articleLock).toEqual({
      holderName: 'Anna Petrova',
      since: opened.body.data.lock.since,
    });
  });
});

describe('bad requests', () => {
  test('each names its problem', async () => {
    const documentId = await createArticle(newsroom);
    const post = (body: unknown) =>
      newsroom
        .http()
        .post(`/newsroom/articles/${documentId}/lock`)
        .set(anna.auth)
        .send(body as object);
    const cases: Array<[unknown, RegExp]> = [
      [{}, /session is required/],
      [{ session: 'short' }, /session must be 8 to 64/],
      [{ session: 'a'.repeat(65) }, /session must be 8 to 64/],
      [{ session: 'abcdefgh', since: -1 }, /since must be a content version/],
      [{ session: 'abcdefgh', holder: 1 }, /unknown|holder/i],
    ];
    for (const [body, message] of cases) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    expect(
      (await newsroom.http().delete(`/newsroom/articles/${documentId}/lock`).set(anna.auth)).status
    ).toBe(400);
    expect((await lockApi(newsroom, anna).keep('no-such-article')).status).toBe(404);
    expect(
      (
        await newsroom
          .http()
          .post(`/newsroom/articles/${documentId}/lock`)
          .send({ session: 'abcdefgh' })
      ).status
    ).toBe(401);
  });
});
