import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { articleIn, draftRow, publishedRow } from '../../helpers/articles';
import { contentManager } from '../../helpers/content-manager';
import { photo } from '../../helpers/images';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { uploadAsAdmin } from '../../helpers/uploads';
import { workflow } from '../../helpers/workflow';

/**
 * What a published or approved article shows from other records — its photos' files, its
 * agency, its rubric — cannot change under it, by any upload route or deletion: a new picture
 * is picked in the article's form, where the workflow sees it.
 */
const FILE = 'plugin::upload.file';
const ARTICLE = 'plugin::newsroom.article';

let newsroom: Newsroom;
let admin: AdminSession;
let chief: AdminSession;
let author: AdminSession;
let token: string;
let fileId: number;
let documentId: string;
let slug: string;

const jpeg = () => photo(160, 120);

beforeAll(async () => {
  newsroom = await startNewsroom();
  admin = await createAdminSession(newsroom);
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  author = await createAdminSession(newsroom, 'strapi-author');
  token = await createApiToken(newsroom, admin, 'full-access');
  const up = await uploadAsAdmin(newsroom, admin.auth, await jpeg(), 'port.jpg', 'image/jpeg', {
    alternativeText: 'The port at dawn',
  });
  fileId = up.body[0].id;
  const rubric = await newsroom.strapi.plugin('newsroom').service('rubrics').findOrCreate('World');
  const agency = await newsroom.strapi.plugin('newsroom').service('agencies').findOrCreate('TASS');
  documentId = await articleIn(newsroom, chief, 'published', {
    headline: 'The port reopens',
    rubric: rubric.id,
    attribution: { line: 'Based on materials from TASS', agency: agency.id },
    leadPhoto: { image: fileId, caption: 'The port', creditLine: 'TASS' },
    gallery: [{ image: fileId, caption: 'Again', creditLine: 'TASS' }],
  });
  slug = (await publishedRow(newsroom, documentId)).slug;
});
afterAll(() => newsroom?.stop());

const publicView = async () =>
  (await newsroom.http().get(`/api/newsroom/articles/${slug}`)).body.data;
const storedFile = () => newsroom.strapi.db.query(FILE).findOne({ where: { id: fileId } });

describe("a published article's photo file", () => {
  test('cannot be swapped in by linking an upload to its photo (Media Library, content API)', async () => {
    const before = await publicView();
    const photoIds = (
      await newsroom.strapi.db.query('newsroom.photo').findMany({ select: ['id'] })
    ).map((p: { id: number }) => p.id);
    for (const refId of photoIds) {
      const asAuthor = await newsroom
        .http()
        .post('/upload')
        .set(author.auth)
        .field('ref', 'newsroom.photo')
        .field('refId', String(refId))
        .field('field', 'image')
        .attach('files', await jpeg(), 'evil.jpg');
      expect(asAuthor.status).toBe(403);
      const asToken = await newsroom
        .http()
        .post('/api/upload')
        .set({ Authorization: `Bearer ${token}` })
        .field('ref', 'newsroom.photo')
        .field('refId', String(refId))
        .field('field', 'image')
        .attach('files', await jpeg(), 'evil.jpg');
      expect(asToken.status).toBe(403);
      expect(asToken.body.error.message).toMatch(/attached to newsroom records in their own forms/);
    }
    expect(await publicView()).toEqual(before);
  });

  test('cannot be replaced, given other alternative text or focal point, or deleted; its name may change', async () => {
    const before = await publicView();
    const replaced = await newsroom
      .http()
      .post('/upload')
      .query({ id: fileId })
      .set(admin.auth)
      .attach('files', await photo(400, 100), 'other.jpg');
    expect(replaced.status).toBe(409);
    expect(replaced.body.error.message).toMatch(
      new RegExp(`file ${fileId} is a photo of article ${documentId} \\(published\\)`)
    );
    const viaApi = await newsroom
      .http()
      .post('/api/upload')
      .query({ id: fileId })
      .set({ Authorization: `Bearer ${token}` })
      .attach('files', await photo(400, 100), 'other.jpg');
    expect(viaApi.status).toBe(409);

    const alt = await newsroom
      .http()
      .post('/upload')
      .query({ id: fileId })
      .set(admin.auth)
      .field('fileInfo', JSON.stringify({ alternativeText: 'Something else' }));
    expect(alt.status).toBe(409);
    const focus = await newsroom
      .http()
      .post('/upload')
      .query({ id: fileId })
      .set(admin.auth)
      .field('fileInfo', JSON.stringify({ focalPoint: { x: 1, y: 1 } }));
    expect(focus.status).toBe(409);
    const renamed = await newsroom
      .http()
      .post('/upload')
      .query({ id: fileId })
      .set(admin.auth)
      .field('fileInfo', JSON.stringify({ name: 'port-dawn.jpg' }));
    expect(renamed.status).toBe(200);

    expect((await newsroom.http().delete(`/upload/files/${fileId}`).set(admin.auth)).status).toBe(
      409
    );
    expect(
      (
        await newsroom
          .http()
          .delete(`/api/upload/files/${fileId}`)
          .set({ Authorization: `Bearer ${token}` })
      ).status
    ).toBe(409);
    await expect(newsroom.strapi.db.query(FILE).delete({ where: { id: fileId } })).rejects.toThrow(
      /photo of article/
    );

    expect(await storedFile()).toMatchObject({
      alternativeText: 'The port at dawn',
      name: 'port-dawn.jpg',
    });
    expect(await publicView()).toEqual(before);
  });

  test("an approved article's photo is held the same way; a draft's is the desk's to change", async () => {
    const held = (
      await uploadAsAdmin(newsroom, admin.auth, await jpeg(), 'approved.jpg', 'image/jpeg')
    ).body[0].id;
    await articleIn(newsroom, chief, 'approved', {
      leadPhoto: { image: held, caption: 'Held', creditLine: 'TASS' },
    });
    expect((await newsroom.http().delete(`/upload/files/${held}`).set(admin.auth)).status).toBe(
      409
    );

    const free = (
      await uploadAsAdmin(newsroom, admin.auth, await jpeg(), 'draft.jpg', 'image/jpeg')
    ).body[0].id;
    const draft = await articleIn(newsroom, chief, 'draft', {
      leadPhoto: { image: free, caption: 'Free', creditLine: 'TASS' },
    });
    const replaced = await newsroom
      .http()
      .post('/upload')
      .query({ id: free })
      .set(admin.auth)
      .attach('files', await photo(200, 100), 'better.jpg');
    expect(replaced.status).toBe(200);
    expect((await draftRow(newsroom, draft)).workflowState).toBe('draft');
  });
});

describe('a file changed under a story in review or with pending edits', () => {
  test('moves the story on: a review or correction taken on what was seen before is stale', async () => {
    const file = (
      await uploadAsAdmin(newsroom, admin.auth, await jpeg(), 'review.jpg', 'image/jpeg', {
        alternativeText: 'As seen',
      })
    ).body[0].id;
    const inReview = await articleIn(newsroom, chief, 'in_review', {
      leadPhoto: { image: file, caption: 'Review', creditLine: 'TASS' },
    });
    const seen = (await draftRow(newsroom, inReview)).workflowVersion;
    const changed = await newsroom
      .http()
      .post('/upload')
      .query({ id: file })
      .set(admin.auth)
      .field('fileInfo', JSON.stringify({ alternativeText: 'Not as seen' }));
    expect(changed.status).toBe(200);
    expect(
      (
        await workflow(newsroom, chief).transition(inReview, {
          action: 'approve',
          expectedVersion: seen,
        })
      ).status
    ).toBe(409);

    const other = (
      await uploadAsAdmin(newsroom, admin.auth, await jpeg(), 'pending.jpg', 'image/jpeg')
    ).body[0].id;
    const published = await articleIn(newsroom, chief, 'published');
    await contentManager(newsroom, chief, ARTICLE).update(published, {
      leadPhoto: { image: other, caption: 'Pending', creditLine: 'TASS' },
    });
    const before = (await draftRow(newsroom, published)).workflowVersion;
    expect(
      (
        await newsroom
          .http()
          .post('/upload')
          .query({ id: other })
          .set(admin.auth)
          .attach('files', await photo(300, 100), 'swap.jpg')
      ).status
    ).toBe(200);
    expect(
      (
        await workflow(newsroom, chief).transition(published, {
          action: 'correct',
          note: 'Photo',
          expectedVersion: before,
        })
      ).status
    ).toBe(409);
  });
});

describe('deleting several files at once', () => {
  test('checks every file before the first goes', async () => {
    const free = (await uploadAsAdmin(newsroom, admin.auth, await jpeg(), 'free.jpg', 'image/jpeg'))
      .body[0].id;
    const res = await newsroom
      .http()
      .post('/upload/actions/bulk-delete')
      .set(admin.auth)
      .send({ fileIds: [free, fileId] });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/Nothing was deleted/);
    expect(await newsroom.strapi.db.query(FILE).findOne({ where: { id: free } })).not.toBeNull();
  });
});

describe("a published article's agency and rubric", () => {
  test('keep what readers see of them while it names them; other fields and other records may change', async () => {
    const before = await publicView();
    const rubric = await newsroom.strapi.db
      .query('plugin::newsroom.rubric')
      .findOne({ where: { name: 'World' } });
    const agency = await newsroom.strapi.db
      .query('plugin::newsroom.agency')
      .findOne({ where: { code: 'TASS' } });
    const renamed = await contentManager(newsroom, admin, 'plugin::newsroom.rubric').update(
      rubric.documentId,
      { name: 'Propaganda' }
    );
    expect(renamed.status).toBe(409);
    expect(renamed.body.error.message).toBe(
      `The rubric's name cannot change: readers see it on article ${documentId} (published)`
    );
    expect(
      (
        await contentManager(newsroom, admin, 'plugin::newsroom.agency').update(agency.documentId, {
          usageTerms: 'Free for any use',
        })
      ).status
    ).toBe(409);
    expect(
      (
        await contentManager(newsroom, admin, 'plugin::newsroom.agency').update(agency.documentId, {
          defaultCredit: 'TASS photo desk',
        })
      ).status
    ).toBe(200);
    expect(await publicView()).toEqual(before);
  });

  test('an agency whose copy is on the wire is not deleted', async () => {
    const token = await createApiToken(newsroom, admin, 'custom', ['plugin::newsroom.wire.ingest']);
    await newsroom
      .http()
      .post('/api/newsroom/wire')
      .query({ agency: 'WIRED' })
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'text/plain')
      .send('Wired\n\nMoscow, 22 April. Text.\n');
    const agency = await newsroom.strapi.db
      .query('plugin::newsroom.agency')
      .findOne({ where: { code: 'WIRED' } });
    const res = await contentManager(newsroom, admin, 'plugin::newsroom.agency').delete(
      agency.documentId
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('The agency cannot be deleted: wire items it sent name it');
  });

  test('cannot be deleted while it names them', async () => {
    const before = await publicView();
    const rubric = await newsroom.strapi.db
      .query('plugin::newsroom.rubric')
      .findOne({ where: { name: 'World' } });
    const agency = await newsroom.strapi.db
      .query('plugin::newsroom.agency')
      .findOne({ where: { code: 'TASS' } });
    const rubricDelete = await contentManager(newsroom, admin, 'plugin::newsroom.rubric').delete(
      rubric.documentId
    );
    expect(rubricDelete.status).toBe(409);
    expect(rubricDelete.body.error.message).toBe(
      `The rubric cannot be deleted: article ${documentId} (published) names it`
    );
    expect(
      (await contentManager(newsroom, admin, 'plugin::newsroom.agency').delete(agency.documentId))
        .status
    ).toBe(409);
    expect(await publicView()).toEqual(before);

    const unused = await newsroom.strapi
      .plugin('newsroom')
      .service('rubrics')
      .findOrCreate('Unused');
    expect(
      (await contentManager(newsroom, admin, 'plugin::newsroom.rubric').delete(unused.documentId))
        .status
    ).toBe(200);
    expect(await newsroom.strapi.db.query(ARTICLE).count({ where: { documentId } })).toBe(2);
  });
});
