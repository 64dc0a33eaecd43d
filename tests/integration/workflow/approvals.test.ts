import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { draftRow, publishedRow } from '../../helpers/articles';
import { contentManager } from '../../helpers/content-manager';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { workflow } from '../../helpers/workflow';
import { postWire } from '../../helpers/wire';

/**
 * An approval covers the text that was approved: what readers get is always a text that
 * someone allowed to approve (or correct) saw. The newsroom routes honour the Content
 * Manager's conditions, and agency copy is written by the ingest alone.
 */
const ARTICLE = 'plugin::newsroom.article';
const WIRE_ITEM = 'plugin::newsroom.wire-item';
const EVENT = 'plugin::newsroom.workflow-event';

let newsroom: Newsroom;
let chief: AdminSession;
let editor: AdminSession;
let author: AdminSession;
let otherAuthor: AdminSession;

beforeAll(async () => {
  newsroom = await startNewsroom();
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  editor = await createAdminSession(newsroom, 'strapi-editor');
  author = await createAdminSession(newsroom, 'strapi-author');
  otherAuthor = await createAdminSession(newsroom, 'strapi-author');
});
afterAll(() => newsroom?.stop());

const inHours = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
const events = (documentId: string) =>
  newsroom.strapi.db
    .query(EVENT)
    .findMany({ where: { articleDocumentId: documentId }, orderBy: [{ id: 'asc' }] });

/** An Author's own article, submitted by them and approved by an Editor. */
const approvedOwnArticle = async (headline: string) => {
  const created = await contentManager(newsroom, author, ARTICLE).create({ headline });
  expect(created.status).toBe(201);
  const { documentId } = created.body.data;
  await workflow(newsroom, author).run(documentId, 'submit');
  await workflow(newsroom, editor).run(documentId, 'approve');
  return documentId as string;
};

describe('edits after approval', () => {
  test("an Author's edit sends the approved article back to review, and the history and board say why", async () => {
    const documentId = await approvedOwnArticle('Approved headline');
    const before = await draftRow(newsroom, documentId);
    const res = await contentManager(newsroom, author, ARTICLE).update(documentId, {
      headline: 'Changed after approval',
    });
    expect(res.status).toBe(200);

    const after = await draftRow(newsroom, documentId);
    expect(after).toMatchObject({
      workflowState: 'in_review',
      workflowVersion: before.workflowVersion + 1,
      approvedDigest: null,
    });
    const last = (await events(documentId)).at(-1);
    expect(last).toMatchObject({
      action: 'reopen',
      fromState: 'approved',
      toState: 'in_review',
      actorId: author.id,
    });
    expect(last.note).toBe(
      'Edited after approval by Test strapi-author, who may not approve; it needs approval again'
    );

    const board = await newsroom.http().get('/newsroom/board').set(chief.auth);
    const card = board.body.data
      .find((c: { state: string }) => c.state === 'in_review')
      .cards.find((c: { documentId: string }) => c.documentId === documentId);
    expect(card.lastMove).toMatchObject({ action: 'reopen', note: last.note });
    const history = await newsroom
      .http()
      .get(`/newsroom/articles/${documentId}/history`)
      .set(author.auth);
    expect(history.body.data[0]).toMatchObject({ action: 'reopen', note: last.note });

    // The Chief Editor cannot publish it as it stands: it is in review again.
    const publish = await workflow(newsroom, chief).transition(documentId, {
      action: 'publish',
      expectedVersion: after.workflowVersion,
    });
    expect(publish.status).toBe(409);
  });

  test('an approval covers the text its approver saw: a save in between makes the approval stale', async () => {
    const created = await contentManager(newsroom, author, ARTICLE).create({
      headline: 'What the Editor read',
    });
    const { documentId } = created.body.data;
    await workflow(newsroom, author).run(documentId, 'submit');
    const seen = (await workflow(newsroom, editor).state(documentId)).body.data.workflowVersion;
    await contentManager(newsroom, author, ARTICLE).update(documentId, {
      headline: 'What the Editor never read',
    });

    const stale = await workflow(newsroom, editor).transition(documentId, {
      action: 'approve',
      expectedVersion: seen,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/has changed since you saw it/);
    expect((await draftRow(newsroom, documentId)).workflowState).toBe('in_review');

    const current = (await workflow(newsroom, editor).state(documentId)).body.data.workflowVersion;
    expect(
      (
        await workflow(newsroom, editor).transition(documentId, {
          action: 'approve',
          expectedVersion: current,
        })
      ).status
    ).toBe(200);
    await workflow(newsroom, chief).run(documentId, 'publish');
    expect((await publishedRow(newsroom, documentId)).headline).toBe('What the Editor never read');
  });

  test('a save that changes nothing keeps the approval', async () => {
    const documentId = await approvedOwnArticle('Unchanged headline');
    const res = await contentManager(newsroom, author, ARTICLE).update(documentId, {
      headline: 'Unchanged headline',
    });
    expect(res.status).toBe(200);
    expect((await draftRow(newsroom, documentId)).workflowState).toBe('approved');
  });

  test("an Author's edit to a scheduled article cancels the schedule; the scheduler publishes nothing", async () => {
    const documentId = await approvedOwnArticle('Scheduled headline');
    await workflow(newsroom, chief).run(documentId, { action: 'schedule', at: inHours(1) });
    await contentManager(newsroom, author, ARTICLE).update(documentId, {
      standfirst: 'A line nobody approved',
    });
    expect(await draftRow(newsroom, documentId)).toMatchObject({
      workflowState: 'in_review',
      scheduledAt: null,
    });
    await newsroom.strapi
      .plugin('newsroom')
      .service('workflow')
      .publishDue(new Date(Date.now() + 2 * 3600_000));
    expect(await publishedRow(newsroom, documentId)).toBeNull();
    expect((await events(documentId)).at(-1).note).toMatch(/its schedule is cancelled/);
  });

  test('an edit by someone who may approve keeps the state, and is recorded', async () => {
    const documentId = await approvedOwnArticle('Editor will touch this');
    await workflow(newsroom, chief).run(documentId, { action: 'schedule', at: inHours(1) });
    const res = await contentManager(newsroom, editor, ARTICLE).update(documentId, {
      headline: 'Editor touched this',
    });
    expect(res.status).toBe(200);
    expect((await draftRow(newsroom, documentId)).workflowState).toBe('scheduled');
    expect((await events(documentId)).at(-1)).toMatchObject({
      action: 'edit',
      fromState: 'scheduled',
      toState: 'scheduled',
      actorId: editor.id,
    });

    await newsroom.strapi
      .plugin('newsroom')
      .service('workflow')
      .publishDue(new Date(Date.now() + 2 * 3600_000));
    expect((await publishedRow(newsroom, documentId)).headline).toBe('Editor touched this');
  });

  test('an agency update applied by an Author needs a new approval', async () => {
    const token = await createApiToken(newsroom, await createAdminSession(newsroom), 'custom', [
      'plugin::newsroom.wire.ingest',
    ]);
    const item = (version: string, headline: string) =>
      JSON.stringify({
        uri: 'urn:test:approval-1',
        version,
        type: 'text',
        language: 'en',
        headlines: [{ role: 'main', value: headline }],
        bodies: [{ role: 'main', contenttype: 'text/html', value: '<p>Body.</p>' }],
      });
    const v1 = await postWire(newsroom, token, item('1', 'Agency v1'), 'application/json', {
      agency: 'AP',
    });
    const taken = await newsroom
      .http()
      .post(`/newsroom/wire-items/${v1.body.data.id}/take`)
      .set(author.auth);
    const { documentId } = taken.body.data.article;
    await contentManager(newsroom, author, ARTICLE).update(documentId, {
      attribution: { line: 'Based on materials from AP' },
    });
    await workflow(newsroom, author).run(documentId, 'submit');
    await workflow(newsroom, editor).run(documentId, 'approve');
    await postWire(newsroom, token, item('2', 'Agency v2'), 'application/json', { agency: 'AP' });

    const applied = await newsroom
      .http()
      .post(`/newsroom/articles/${documentId}/wire-update`)
      .set(author.auth)
      .send({ action: 'apply' });
    expect(applied.status).toBe(200);
    expect(await draftRow(newsroom, documentId)).toMatchObject({
      headline: 'Agency v2',
      workflowState: 'in_review',
    });
  });

  test('a text changed past every check is caught when it would go out: publish and the scheduler both refuse it', async () => {
    const published = await approvedOwnArticle('Approved, then tampered');
    await newsroom.strapi.db.query(ARTICLE).updateMany({
      where: { documentId: published, publishedAt: null },
      data: { headline: 'Tampered in the database' },
    });
    const version = (await draftRow(newsroom, published)).workflowVersion;
    const res = await workflow(newsroom, chief).transition(published, {
      action: 'publish',
      expectedVersion: version,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/changed after approval/);
    expect(await draftRow(newsroom, published)).toMatchObject({ workflowState: 'in_review' });
    expect(await publishedRow(newsroom, published)).toBeNull();

    const scheduled = await approvedOwnArticle('Scheduled, then tampered');
    await workflow(newsroom, chief).run(scheduled, { action: 'schedule', at: inHours(1) });
    await newsroom.strapi.db.query(ARTICLE).updateMany({
      where: { documentId: scheduled, publishedAt: null },
      data: { standfirst: 'Tampered' },
    });
    await newsroom.strapi
      .plugin('newsroom')
      .service('workflow')
      .publishDue(new Date(Date.now() + 2 * 3600_000));
    expect(await publishedRow(newsroom, scheduled)).toBeNull();
    expect(await draftRow(newsroom, scheduled)).toMatchObject({ workflowState: 'in_review' });
  });
});

describe('what readers get was vouched for', () => {
  /** A small deterministic generator, so a failure can be replayed. */
  const random = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };

  test('through a random mix of edits and actions by Authors, Editors and the Chief Editor, the public text is always one that someone allowed to approve saw', async () => {
    const next = random(20261128);
    const documentId = (
      await contentManager(newsroom, author, ARTICLE).create({ headline: 'Round 0' })
    ).body.data.documentId as string;
    const vouched = new Set<string>();
    const current = async () => (await draftRow(newsroom, documentId)).headline as string;
    const transition = async (session: AdminSession, action: string, extra: object = {}) => {
      const version = (await draftRow(newsroom, documentId)).workflowVersion;
      return workflow(newsroom, session).transition(documentId, {
        action,
        expectedVersion: version,
        ...extra,
      });
    };
    for (let round = 1; round <= 40; round += 1) {
      const step = Math.floor(next() * 7);
      if (step === 0)
        await contentManager(newsroom, author, ARTICLE).update(documentId, {
          headline: `Author round ${round}`,
        });
      if (step === 1) {
        await contentManager(newsroom, editor, ARTICLE).update(documentId, {
          headline: `Editor round ${round}`,
        });
        const state = (await draftRow(newsroom, documentId)).workflowState;
        if (state === 'approved' || state === 'scheduled') vouched.add(await current());
      }
      if (step === 2) await transition(author, 'submit');
      if (step === 3 && (await transition(editor, 'approve')).status === 200)
        vouched.add(await current());
      if (step === 4) await transition(chief, 'publish');
      if (step === 5 && (await transition(chief, 'schedule', { at: inHours(1) })).status === 200) {
        await newsroom.strapi
          .plugin('newsroom')
          .service('workflow')
          .publishDue(new Date(Date.now() + 2 * 3600_000));
      }
      if (step === 6) {
        const text = await current();
        if ((await transition(chief, 'correct', { note: `Round ${round}` })).status === 200)
          vouched.add(text);
      }
      const published = await publishedRow(newsroom, documentId);
      if (published) expect(vouched).toContain(published.headline);
    }
  });
});

describe("the newsroom routes honour the Content Manager's conditions", () => {
  test("an Author limited to their own articles cannot read, move or update someone else's by its id", async () => {
    const theirs = (
      await contentManager(newsroom, otherAuthor, ARTICLE).create({ headline: 'Theirs' })
    ).body.data.documentId;
    const before = await draftRow(newsroom, theirs);
    const base = `/newsroom/articles/${theirs}`;
    expect((await newsroom.http().get(`${base}/workflow`).set(author.auth)).status).toBe(403);
    expect((await newsroom.http().get(`${base}/history`).set(author.auth)).status).toBe(403);
    const moved = await newsroom
      .http()
      .post(`${base}/transition`)
      .set(author.auth)
      .send({ action: 'submit', expectedVersion: before.workflowVersion });
    expect(moved.status).toBe(403);
    expect(moved.body.error.message).toBe('You are not allowed to change this article');
    expect(
      (
        await newsroom
          .http()
          .post(`${base}/wire-update`)
          .set(author.auth)
          .send({ action: 'dismiss' })
      ).status
    ).toBe(403);
    expect(await draftRow(newsroom, theirs)).toMatchObject({
      workflowState: 'draft',
      workflowVersion: before.workflowVersion,
    });

    // Their own owner may.
    expect(
      (
        await newsroom
          .http()
          .post(`${base}/transition`)
          .set(otherAuthor.auth)
          .send({ action: 'submit', expectedVersion: before.workflowVersion })
      ).status
    ).toBe(200);
  });
});

describe('agency copy is immutable', () => {
  let itemId: number;
  let documentId: string;
  const STORY = 'Moscow, 22 April. Leaders met.';

  beforeAll(async () => {
    const token = await createApiToken(newsroom, await createAdminSession(newsroom), 'custom', [
      'plugin::newsroom.wire.ingest',
    ]);
    const res = await postWire(
      newsroom,
      token,
      `Real agency headline\n\n${STORY}\n`,
      'text/plain; charset=utf-8',
      { agency: 'TASS' }
    );
    itemId = res.body.data.id;
    documentId = res.body.data.documentId;
  });

  const stored = () => newsroom.strapi.db.query(WIRE_ITEM).findOne({ where: { id: itemId } });

  test('the Content Manager cannot create, edit or delete wire items', async () => {
    const before = await stored();
    // A super admin, so that nothing but the newsroom's own rule stands in the way.
    const items = contentManager(newsroom, await createAdminSession(newsroom), WIRE_ITEM);
    const edit = await items.update(documentId, {
      headline: 'Fabricated',
      rawPayload: 'Fabricated',
      story: { headline: 'Fabricated', sections: [] },
    });
    expect(edit.status).toBe(403);
    expect(edit.body.error.message).toBe(
      'Wire items are agency copy as received: only the wire ingest writes them'
    );
    expect(
      (
        await items.create({
          headline: 'Fabricated',
          format: 'text',
          receivedAt: new Date().toISOString(),
          rawPayload: 'x',
          contentHash: 'x',
        })
      ).status
    ).toBe(403);
    expect((await items.delete(documentId)).status).toBe(403);
    expect(await stored()).toEqual(before);
  });

  test('raw queries cannot delete agency copy or the history', async () => {
    await expect(
      newsroom.strapi.db.query(WIRE_ITEM).delete({ where: { id: itemId } })
    ).rejects.toThrow(/only the wire ingest/);
    await expect(
      newsroom.strapi.db.query(WIRE_ITEM).deleteMany({ where: { id: { $gt: 0 } } })
    ).rejects.toThrow(/only the wire ingest/);
    await expect(
      newsroom.strapi.db.query(EVENT).deleteMany({ where: { id: { $gt: 0 } } })
    ).rejects.toThrow(/append-only/);
    expect(await stored()).not.toBeNull();
    expect(await newsroom.strapi.db.query(EVENT).count({})).toBeGreaterThan(0);
  });

  test('no writer but the ingest changes agency copy, while the inbox still takes it', async () => {
    await expect(
      newsroom.strapi
        .documents(WIRE_ITEM)
        .update({ documentId, data: { headline: 'Fabricated' } as never })
    ).rejects.toThrow(/only the wire ingest/);
    await expect(
      newsroom.strapi.db.query(WIRE_ITEM).update({
        where: { id: itemId },
        data: { story: { headline: 'Fabricated', sections: [] } },
      })
    ).rejects.toThrow(/only the wire ingest/);
    const taken = await newsroom
      .http()
      .post(`/newsroom/wire-items/${itemId}/take`)
      .set(editor.auth);
    expect(taken.status).toBe(201);
    expect((await stored()).headline).toBe('Real agency headline');
  });
});
