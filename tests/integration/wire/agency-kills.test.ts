import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { draftRow } from '../../helpers/articles';
import { contentManager } from '../../helpers/content-manager';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { postWire } from '../../helpers/wire';
import { workflow } from '../../helpers/workflow';

/** An agency's kill or withhold reaches the story it names, whatever state the story is in. */
let newsroom: Newsroom;
let chief: AdminSession;
let token: string;
let counter = 0;

const ninjs = (uri: string, version: number, fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    uri,
    version: String(version),
    type: 'text',
    language: 'en',
    headlines: [{ role: 'main', value: `Harbour story ${uri}` }],
    bodies: [{ role: 'main', contenttype: 'text/plain', value: 'The harbour closed at dawn.' }],
    ...fields,
  });

const send = (body: string) =>
  postWire(newsroom, token, body, 'application/ninjs+json', { agency: 'KILLCO' });

/** A new story taken into a draft and brought to `steps`. */
const takenStory = async (...steps: Array<string | { action: string; note?: string }>) => {
  counter += 1;
  const uri = `urn:kill:${counter}`;
  const posted = await send(ninjs(uri, 1));
  const taken = await newsroom
    .http()
    .post(`/newsroom/wire-items/${posted.body.data.id}/take`)
    .set(chief.auth);
  const { documentId } = taken.body.data.article;
  await workflow(newsroom, chief).run(documentId, ...steps);
  return { uri, documentId };
};

beforeAll(async () => {
  newsroom = await startNewsroom();
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  token = await createApiToken(newsroom, await createAdminSession(newsroom));
});
afterAll(() => newsroom?.stop());

describe('an agency kill', () => {
  test('takes a published story down at once, with the agency notice, as the system', async () => {
    const { uri, documentId } = await takenStory('submit', 'approve', 'publish');
    const { slug } = await draftRow(newsroom, documentId);
    expect((await newsroom.http().get(`/api/newsroom/articles/${slug}`)).status).toBe(200);

    const kill = await send(
      ninjs(uri, 2, {
        pubstatus: 'canceled',
        bodies: [{ role: 'main', contenttype: 'text/plain', value: 'KILL: legal reasons.' }],
      })
    );
    expect(kill.status).toBe(201);
    expect(kill.body.meta.advisory).toEqual({
      status: 'canceled',
      flagged: [documentId],
      killed: [`${documentId}:en`],
    });

    const gone = await newsroom.http().get(`/api/newsroom/articles/${slug}`);
    expect(gone.status).toBe(410);
    expect(gone.body.error.message).toBe('KILL: legal reasons.');
    const [event] = (await workflow(newsroom, chief).history(documentId)).body.data;
    expect([event.action, event.actorName, event.note]).toEqual([
      'kill',
      'Agency kill (system)',
      'KILL: legal reasons.',
    ]);
    const items = await newsroom.strapi.db
      .query('plugin::newsroom.wire-item')
      .findMany({ where: { agencyGuid: uri }, orderBy: { agencyVersion: 'asc' } });
    expect(items.map((i: { agencyStatus: string }) => i.agencyStatus)).toEqual([
      'canceled',
      'canceled',
    ]);
  });

  test('sent as the same version it is still applied, never read as a duplicate', async () => {
    const { uri, documentId } = await takenStory('submit', 'approve', 'publish');
    const kill = await send(ninjs(uri, 1, { pubstatus: 'canceled' }));
    expect(kill.body.meta.outcome).toBe('duplicate');
    expect(kill.body.meta.advisory.killed).toEqual([`${documentId}:en`]);
    expect((await draftRow(newsroom, documentId)).workflowState).toBe('killed');
  });

  test('on a story not yet published: a loud flag that blocks publishing, which no content save clears', async () => {
    const { uri, documentId } = await takenStory('submit', 'approve');
    await send(
      ninjs(uri, 2, {
        pubstatus: 'canceled',
        bodies: [{ role: 'main', contenttype: 'text/plain', value: 'Withdrawn.' }],
      })
    );
    const panel = await workflow(newsroom, chief).state(documentId);
    expect(panel.body.data.agencyAlert).toMatchObject({
      status: 'canceled',
      notice: 'Withdrawn.',
      matchBy: 'guid',
    });
    expect(panel.body.data.problems).toContain('The agency has killed this story: Withdrawn.');
    const publish = await workflow(newsroom, chief).transition(documentId, {
      action: 'publish',
      expectedVersion: panel.body.data.workflowVersion,
    });
    expect(publish.status).toBe(422);

    await contentManager(newsroom, chief, 'plugin::newsroom.article').update(documentId, {
      agencyAlert: null,
    });
    // The kill arrived as a newer version, but its notice is not copy to apply to the draft.
    const apply = await newsroom
      .http()
      .post(`/newsroom/articles/${documentId}/wire-update`)
      .set(chief.auth)
      .send({ action: 'apply' });
    expect(apply.status).toBe(409);
    expect(apply.body.error.message).toMatch(/the agency's kill, not copy to apply/u);
    expect((await draftRow(newsroom, documentId)).agencyAlert).toMatchObject({
      status: 'canceled',
    });
  });
});

describe('an agency withhold', () => {
  test('blocks publishing until a newer usable version arrives', async () => {
    const { uri, documentId } = await takenStory('submit', 'approve');
    const held = await send(ninjs(uri, 2, { pubstatus: 'withheld', ednote: 'Legal review' }));
    expect(held.body.meta.advisory).toMatchObject({
      status: 'withheld',
      flagged: [documentId],
      killed: [],
    });
    expect((await workflow(newsroom, chief).state(documentId)).body.data.problems).toContain(
      'The agency has withheld this story: Legal review'
    );

    await send(ninjs(uri, 3));
    expect((await workflow(newsroom, chief).state(documentId)).body.data.agencyAlert).toBeNull();
  });
});

describe('a plain-text kill advisory', () => {
  test('flags the story it names by headline, and never kills it by itself', async () => {
    const { uri, documentId } = await takenStory('submit', 'approve', 'publish');
    const advisory = await postWire(
      newsroom,
      token,
      `KILL: Harbour story ${uri}\n\nThe story named the wrong harbour.`,
      'text/plain',
      {
        agency: 'KILLCO',
      }
    );
    expect(advisory.status).toBe(201);
    expect(advisory.body.meta.advisory).toEqual({
      status: 'canceled',
      flagged: [documentId],
      killed: [],
    });
    const draft = await draftRow(newsroom, documentId);
    expect(draft.workflowState).toBe('published');
    expect(draft.agencyAlert).toMatchObject({
      matchBy: 'headline',
      notice: 'The story named the wrong harbour.',
    });
  });
});

describe("an editor's decision on an agency kill", () => {
  test('only a Chief Editor clears it, only with a note, and the history records it', async () => {
    const { uri, documentId } = await takenStory('submit');
    await send(ninjs(uri, 2, { pubstatus: 'canceled' }));
    expect((await draftRow(newsroom, documentId)).agencyAlert).toMatchObject({
      status: 'canceled',
    });

    const clear = (session: AdminSession, body: Record<string, unknown>) =>
      newsroom
        .http()
        .post(`/newsroom/articles/${documentId}/agency-alert/clear`)
        .set(session.auth)
        .send(body);
    const editor = await createAdminSession(newsroom, 'strapi-editor');
    expect((await clear(editor, { note: 'Looks fine' })).status).toBe(403);
    const noNote = await clear(chief, { note: '   ' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.message).toMatch(/note is required/u);
    expect((await clear(chief, { note: 'x', extra: 1 })).status).toBe(400);
    expect((await draftRow(newsroom, documentId)).agencyAlert).not.toBeNull();

    const cleared = await clear(chief, {
      note: 'Agency confirmed by phone: the kill was sent in error',
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.data).toEqual({ documentId, cleared: ['en'] });
    expect((await draftRow(newsroom, documentId)).agencyAlert).toBeNull();
    const [event] = (await workflow(newsroom, chief).history(documentId)).body.data;
    expect(event).toMatchObject({
      action: 'clear-agency-alert',
      note: 'Agency kill cleared: Agency confirmed by phone: the kill was sent in error',
      fromState: 'in_review',
      toState: 'in_review',
    });
    expect((await clear(chief, { note: 'again' })).status).toBe(409);
    // The story can move on now.
    await workflow(newsroom, chief).run(documentId, 'approve', 'publish');
    expect((await draftRow(newsroom, documentId)).workflowState).toBe('published');
  });
});

describe('a story the agency killed or withheld before anyone took it', () => {
  test('cannot be taken, in any version; a newer usable version lifts a withhold', async () => {
    const killed = await send(ninjs('urn:kill:untaken-1', 1));
    await send(ninjs('urn:kill:untaken-1', 2, { pubstatus: 'canceled' }));
    const take = (id: number) =>
      newsroom.http().post(`/newsroom/wire-items/${id}/take`).set(chief.auth);
    const refused = await take(killed.body.data.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/killed this story; it cannot be taken/u);
    const list = await newsroom
      .http()
      .get('/newsroom/wire-items?agency=KILLCO&status=superseded')
      .set(chief.auth);
    expect(list.body.data.find((i: { id: number }) => i.id === killed.body.data.id)).toMatchObject({
      agencyStatus: 'canceled',
    });

    await send(ninjs('urn:kill:untaken-2', 1));
    const withheld = await send(ninjs('urn:kill:untaken-2', 2, { pubstatus: 'withheld' }));
    expect((await take(withheld.body.data.id)).body.error.message).toMatch(/withheld this story/u);
    const usable = await send(ninjs('urn:kill:untaken-2', 3));
    expect((await take(usable.body.data.id)).status).toBe(201);
  });
});

describe('a locale added after the kill', () => {
  test('carries the kill: it cannot be published past it', async () => {
    const admin = await createAdminSession(newsroom);
    await newsroom
      .http()
      .post('/i18n/locales')
      .set(admin.auth)
      .send({ name: 'Russian (ru)', code: 'ru', isDefault: false });
    const { uri, documentId } = await takenStory('submit');
    await send(ninjs(uri, 2, { pubstatus: 'canceled' }));
    const ru = await contentManager(newsroom, admin, 'plugin::newsroom.article').update(
      documentId,
      { headline: 'Гавань закрыта' },
      'ru'
    );
    expect(ru.status).toBe(200);
    const state = await workflow(newsroom, admin).state(documentId, 'ru');
    expect(state.body.data.agencyAlert).toMatchObject({ status: 'canceled' });
    expect(state.body.data.problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/The agency has killed this story/u)])
    );
    await workflow(newsroom, admin).run(documentId, { action: 'submit', locale: 'ru' });
    await workflow(newsroom, admin).run(documentId, { action: 'approve', locale: 'ru' });
    await expect(
      workflow(newsroom, admin).run(documentId, { action: 'publish', locale: 'ru' })
    ).rejects.toThrow(/422|agency has killed/u);
    const published = await newsroom.strapi.db
      .query('plugin::newsroom.article')
      .count({ where: { documentId, publishedAt: { $notNull: true } } });
    expect(published).toBe(0);
  });
});
