import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { articleIn, createArticle, draftRow } from '../../helpers/articles';
import { contentManager } from '../../helpers/content-manager';
import { lockApi } from '../../helpers/locks';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';

/**
 * Every content save moves the article's content version on; a save made on an older version
 * is refused with 409 and what changed since, for the Content Manager, a second tab of the
 * same user, and `strapi.documents()` writers alike.
 */
const ARTICLE = 'plugin::newsroom.article';

let newsroom: Newsroom;
let editor: AdminSession;

beforeAll(async () => {
  newsroom = await startNewsroom();
  editor = await createAdminSession(newsroom, 'strapi-editor');
  await newsroom.strapi.db
    .query('admin::user')
    .update({ where: { id: editor.id }, data: { firstname: 'Anna', lastname: 'Petrova' } });
});
afterAll(() => newsroom?.stop());

const cm = () => contentManager(newsroom, editor, ARTICLE);
const loaded = async (documentId: string) =>
  (await cm().find(documentId)).body.data.contentVersion as number;

describe('a save made on an older version', () => {
  test('two tabs of one editor: the second save is refused with who changed what, and nothing of it is stored', async () => {
    const documentId = await createArticle(newsroom, { headline: 'Talks in Moscow' });
    const version = await loaded(documentId);
    expect(version).toBe(0);

    const first = await cm().update(documentId, {
      headline: 'Talks in Sochi',
      contentVersion: version,
    });
    expect(first.status).toBe(200);
    expect(first.body.data.contentVersion).toBe(version + 1);

    const second = await cm().update(documentId, {
      headline: 'Talks in Kazan',
      standfirst: 'Typed in the other tab',
      contentVersion: version,
    });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(
      /^The article changed since you opened it: Anna Petrova saved it at \d\d:\d\d UTC, changing headline \(your version 0, now 1\)/u
    );
    expect(second.body.error.details).toEqual({
      yourVersion: 0,
      currentVersion: 1,
      edits: [
        { version: 1, actorName: 'Anna Petrova', at: expect.any(String), fields: ['headline'] },
      ],
    });
    expect(await draftRow(newsroom, documentId)).toMatchObject({
      headline: 'Talks in Sochi',
      standfirst: null,
      contentVersion: 1,
    });
    // The lock API tells an open tab the same, before it saves.
    const told = await lockApi(newsroom, editor).state(documentId, 0);
    expect(told.body.data).toMatchObject({
      contentVersion: 1,
      editsSince: [{ version: 1, fields: ['headline'] }],
    });
  });

  test('the Content Manager must name its version when it changes something', async () => {
    const documentId = await createArticle(newsroom);
    const unnamed = await cm().update(documentId, {
      headline: 'No version',
      contentVersion: undefined,
    });
    expect(unnamed.status).toBe(428);
    expect(unnamed.body.error.message).toMatch(/must name the content version/u);
    for (const bad of ['abc', -1, 1.5, { v: 1 }]) {
      const res = await cm().update(documentId, { headline: 'Bad', contentVersion: bad });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/contentVersion must be/u);
    }
    expect((await draftRow(newsroom, documentId)).contentVersion).toBe(0);
  });

  test("the version is the server's: not set on create, never ahead of the stored one, recognised on any spelling of the route", async () => {
    const created = await cm().create({ headline: 'Fresh', contentVersion: 2147483647 });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;
    expect((await draftRow(newsroom, documentId)).contentVersion).toBe(0);
    for (const ahead of [5, 2147483647]) {
      const res = await cm().update(documentId, { headline: 'Ahead', contentVersion: ahead });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/newer than the article's/u);
    }
    const huge = await cm().update(documentId, { headline: 'Huge', contentVersion: 99999999999 });
    expect(huge.status).toBe(400);
    // The router matches paths whatever their case; so does the rule.
    const shouting = await newsroom
      .http()
      .put(`/CONTENT-MANAGER/collection-types/${ARTICLE}/${documentId}`)
      .set(editor.auth)
      .send({ headline: 'No version, loudly' });
    expect(shouting.status).toBe(428);
    expect((await draftRow(newsroom, documentId)).headline).toBe('Fresh');
  });

  test('document service writers: checked when they name a version, moved on either way', async () => {
    const documentId = await createArticle(newsroom);
    const documents = newsroom.strapi.documents(ARTICLE);
    await documents.update({ documentId, data: { standfirst: 'By a script' } as never });
    expect((await draftRow(newsroom, documentId)).contentVersion).toBe(1);
    await expect(
      documents.update({
        documentId,
        data: { standfirst: 'Stale script', contentVersion: 0 } as never,
      })
    ).rejects.toThrow(/changed since you opened it: Server code \(no user\) saved it/u);
    await documents.update({
      documentId,
      data: { standfirst: 'Current', contentVersion: 1 } as never,
    });
    expect(await draftRow(newsroom, documentId)).toMatchObject({
      standfirst: 'Current',
      contentVersion: 2,
    });
  });

  test('of two saves on the same version sent at once, exactly one is stored', async () => {
    const documentId = await createArticle(newsroom);
    const saves = await Promise.all(
      ['One', 'Two', 'Three', 'Four'].map((headline) =>
        cm().update(documentId, { headline, contentVersion: 0 })
      )
    );
    const statuses = saves.map((s) => s.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409]);
    const winner = saves.find((s) => s.status === 200)!.body.data.headline;
    expect(await draftRow(newsroom, documentId)).toMatchObject({
      headline: winner,
      contentVersion: 1,
    });
  });

  test('discarding pending edits of a published article makes open forms stale too', async () => {
    const chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
    const documentId = await articleIn(newsroom, chief, 'published');
    const chiefCm = contentManager(newsroom, chief, ARTICLE);
    expect((await chiefCm.update(documentId, { standfirst: 'Pending edit' })).status).toBe(200);
    const version = (await draftRow(newsroom, documentId)).contentVersion;
    expect((await chiefCm.discard(documentId)).status).toBe(200);
    const after = await draftRow(newsroom, documentId);
    expect(after).toMatchObject({
      standfirst: null,
      contentVersion: version + 1,
      workflowState: 'published',
    });
    const stale = await chiefCm.update(documentId, {
      standfirst: 'Old form',
      contentVersion: version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/discarded the pending edits/u);
  });
});
