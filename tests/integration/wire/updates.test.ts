import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { postWire } from '../../helpers/wire';

let newsroom: Newsroom;
let editor: AdminSession;
let token: string;

const story = (version: string, headline: string, paragraph: string) =>
  JSON.stringify({
    uri: 'urn:test:update-1',
    version,
    type: 'text',
    language: 'en',
    versioncreated: '2026-11-27T10:00:00Z',
    headlines: [{ role: 'main', value: headline }],
    bodies: [{ role: 'main', contenttype: 'text/html', value: `<p>${paragraph}</p>` }],
  });

beforeAll(async () => {
  newsroom = await startNewsroom();
  editor = await createAdminSession(newsroom, 'strapi-editor');
  token = await createApiToken(newsroom, await createAdminSession(newsroom));
});
afterAll(() => newsroom?.stop());

const panel = (documentId: string) =>
  newsroom.http().get(`/newsroom/articles/${documentId}/workflow`).set(editor.auth);
const update = (documentId: string, action: string) =>
  newsroom
    .http()
    .post(`/newsroom/articles/${documentId}/wire-update`)
    .set(editor.auth)
    .send({ action });

describe('a newer agency version of a taken story', () => {
  test('shows on the article with its diff, and applying it replaces the draft copy', async () => {
    const v1 = await postWire(
      newsroom,
      token,
      story('1', 'Talks set for Monday', 'Leaders will meet on Monday.'),
      'application/json',
      { agency: 'AP' }
    );
    const taken = await newsroom
      .http()
      .post(`/newsroom/wire-items/${v1.body.data.id}/take`)
      .set(editor.auth);
    const { documentId } = taken.body.data.article;
    expect((await panel(documentId)).body.data.wireUpdate).toBeNull();
    expect((await update(documentId, 'apply')).status).toBe(409);

    const v2 = await postWire(
      newsroom,
      token,
      story('2', 'Talks moved to Tuesday', 'Leaders will meet on Tuesday.'),
      'application/json',
      { agency: 'AP' }
    );
    expect(v2.body.meta.outcome).toBe('updated');
    const flagged = (await panel(documentId)).body.data;
    expect(flagged.canApplyWireUpdate).toBe(true);
    expect(flagged.wireUpdate).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      diff: { headline: { from: 'Talks set for Monday', to: 'Talks moved to Tuesday' } },
    });

    expect((await update(documentId, 'merge')).status).toBe(400);
    const applied = await update(documentId, 'apply');
    expect(applied.status).toBe(200);
    const draft = await newsroom.strapi.db
      .query('plugin::newsroom.article')
      .findOne({ where: { documentId, publishedAt: null }, populate: ['wireItem'] });
    expect(draft).toMatchObject({ headline: 'Talks moved to Tuesday', wireUpdate: null });
    expect(draft.wireItem.id).toBe(v2.body.data.id);
    expect((await panel(documentId)).body.data.wireUpdate).toBeNull();
  });

  test("applying keeps the editor's subjects, adds the agency's new ones and takes its newer urgency", async () => {
    const topic = (id: string) => ({ uri: `http://cv.iptc.org/newscodes/mediatopic/${id}` });
    const classified = (version: string, subjects: string[], urgency: number) =>
      JSON.stringify({
        ...JSON.parse(story(version, `Summit, version ${version}`, 'Leaders met.')),
        uri: 'urn:test:update-classified',
        subjects: subjects.map(topic),
        urgency,
      });
    const v1 = await postWire(
      newsroom,
      token,
      classified('1', ['20000639'], 2),
      'application/json',
      { agency: 'AP' }
    );
    const taken = await newsroom
      .http()
      .post(`/newsroom/wire-items/${v1.body.data.id}/take`)
      .set(editor.auth);
    const { documentId, locale } = taken.body.data.article;
    // The editor files it under politics as well.
    await newsroom.strapi.documents('plugin::newsroom.article').update({
      documentId,
      locale,
      data: {
        subjects: [
          { code: 'medtop:20000639', name: 'diplomacy' },
          { code: 'medtop:11000000', name: 'politics' },
        ],
      } as never,
    });
    const v2 = await postWire(
      newsroom,
      token,
      classified('2', ['20000639', '04000000'], 5),
      'application/json',
      { agency: 'AP' }
    );
    expect(v2.body.meta.outcome).toBe('updated');
    expect((await update(documentId, 'apply')).status).toBe(200);
    const draft = await newsroom.strapi.db
      .query('plugin::newsroom.article')
      .findOne({ where: { documentId, publishedAt: null } });
    expect(draft.subjects.map((s: { code: string }) => s.code)).toEqual([
      'medtop:20000639',
      'medtop:11000000',
      'medtop:04000000',
    ]);
    expect(draft.urgency).toBe(5);
  });
});
