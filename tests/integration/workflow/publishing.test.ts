import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { articleIn, createArticle, draftRow, publishedRow } from '../../helpers/articles';
import { contentManager } from '../../helpers/content-manager';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { workflow } from '../../helpers/workflow';

const ARTICLE = 'plugin::newsroom.article';

let newsroom: Newsroom;
let chief: AdminSession;
let wireItemId: number;

beforeAll(async () => {
  newsroom = await startNewsroom();
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  const { item } = await newsroom.strapi
    .plugin('newsroom')
    .service('wire-ingest')
    .ingest({
      payload: Buffer.from('Port reopens\n\nThe port reopened on Monday.'),
      contentType: 'text/plain',
      agency: 'TASS',
    });
  wireItemId = item.id;
});
afterAll(() => newsroom?.stop());

describe('the rights guard', () => {
  test('refuses to publish a wire-sourced article without attribution or a photo without credit, listing each problem', async () => {
    const documentId = await articleIn(newsroom, chief, 'approved', {
      wireItem: wireItemId,
      leadPhoto: { caption: 'The port' },
      gallery: [{ caption: 'Cranes', creditLine: 'TASS' }, { caption: 'Ships' }],
    });
    const res = await workflow(newsroom, chief).transition(documentId, {
      action: 'publish',
      expectedVersion: 2,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.problems).toEqual([
      'The article is based on wire copy but has no attribution line',
      'The lead photo has no credit line',
      'Gallery photo 2 has no credit line',
    ]);
    expect(res.body.error.message).toBe(
      `Cannot publish: ${res.body.error.details.problems.join('; ')}`
    );
    expect(await publishedRow(newsroom, documentId)).toBeNull();

    const scheduled = await workflow(newsroom, chief).transition(documentId, {
      action: 'schedule',
      expectedVersion: 2,
      at: '2031-01-01T00:00:00Z',
    });
    expect(scheduled.status).toBe(422);

    const panel = await workflow(newsroom, chief).state(documentId);
    expect(panel.body.data.problems).toHaveLength(3);
    expect(panel.body.data.allowedActions).toEqual(['schedule', 'publish']);

    // Fixed by the Chief Editor in the Content Manager: they may approve, so the article stays approved.
    const fixed = await contentManager(newsroom, chief, ARTICLE).update(documentId, {
      attribution: { line: 'Based on materials from TASS' },
      leadPhoto: { caption: 'The port', creditLine: 'TASS' },
      gallery: [
        { caption: 'Cranes', creditLine: 'TASS' },
        { caption: 'Ships', creditLine: 'Reuters' },
      ],
    });
    expect(fixed.status).toBe(200);
    // A save moves the version on: publishing what was seen before it is stale.
    expect(
      (
        await workflow(newsroom, chief).transition(documentId, {
          action: 'publish',
          expectedVersion: 2,
        })
      ).status
    ).toBe(409);
    const ok = await workflow(newsroom, chief).transition(documentId, {
      action: 'publish',
      expectedVersion: 3,
    });
    expect(ok.status).toBe(200);
    expect((await publishedRow(newsroom, documentId)).workflowState).toBe('published');
  });

  test('an article written in the newsroom (not from the wire) needs no attribution', async () => {
    const documentId = await articleIn(newsroom, chief, 'approved');
    expect(
      (
        await workflow(newsroom, chief).transition(documentId, {
          action: 'publish',
          expectedVersion: 2,
        })
      ).status
    ).toBe(200);
  });
});

describe('corrections and kills', () => {
  test('pending edits stay off the published version until a correction publishes them with its note', async () => {
    const documentId = await articleIn(newsroom, chief, 'published', {
      headline: 'Minister resigns',
    });
    await newsroom.strapi
      .documents(ARTICLE)
      .update({ documentId, data: { headline: 'Deputy minister resigns' } as never });
    expect((await publishedRow(newsroom, documentId)).headline).toBe('Minister resigns');

    await workflow(newsroom, chief).run(documentId, {
      action: 'correct',
      note: 'It was the deputy minister who resigned',
    });
    const live = await publishedRow(newsroom, documentId);
    expect(live.headline).toBe('Deputy minister resigns');
    expect(live.workflowState).toBe('published');
    expect(live.corrections.map((c: { note: string }) => c.note)).toEqual([
      'It was the deputy minister who resigned',
    ]);
    expect(live.slug).toBe((await draftRow(newsroom, documentId)).slug);

    await workflow(newsroom, chief).run(documentId, {
      action: 'correct',
      note: 'Spelling of the name',
    });
    expect(
      (await publishedRow(newsroom, documentId)).corrections.map((c: { note: string }) => c.note)
    ).toEqual(['It was the deputy minister who resigned', 'Spelling of the name']);
  });

  test('kill takes the published version down and keeps the notice', async () => {
    const documentId = await articleIn(newsroom, chief, 'published');
    await workflow(newsroom, chief).run(documentId, { action: 'kill', note: 'Legal: do not use' });
    expect(await publishedRow(newsroom, documentId)).toBeNull();
    expect(await draftRow(newsroom, documentId)).toMatchObject({
      workflowState: 'killed',
      killNotice: 'Legal: do not use',
    });
  });
});

describe('embargoes', () => {
  const future = (ms: number) => new Date(Date.now() + ms).toISOString();

  test('must lie in the future when set', async () => {
    const articles = contentManager(newsroom, chief, ARTICLE);
    const documentId = await createArticle(newsroom);
    const past = await articles.update(documentId, { embargoUntil: '2020-01-01T00:00:00.000Z' });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toBe('embargoUntil must be in the future');
    const created = await articles.create({
      headline: 'Embargoed from the start',
      embargoUntil: '2020-01-01T00:00:00.000Z',
    });
    expect(created.status).toBe(400);
  });

  test('publishing before the embargo schedules the article for the embargo time, and it stays unpublished', async () => {
    const embargo = future(3600_000);
    const documentId = await createArticle(newsroom, { embargoUntil: embargo });
    await workflow(newsroom, chief).run(documentId, 'submit', 'approve', 'publish');
    const draft = await draftRow(newsroom, documentId);
    expect(draft.workflowState).toBe('scheduled');
    expect(new Date(draft.scheduledAt).toISOString()).toBe(embargo);
    expect(await publishedRow(newsroom, documentId)).toBeNull();

    // Not combined with a schedule: the embargo cannot change while it drives the schedule.
    const change = await contentManager(newsroom, chief, ARTICLE).update(documentId, {
      embargoUntil: future(7200_000),
    });
    expect(change.status).toBe(400);
  });

  test('cannot be combined with a schedule, nor set once published', async () => {
    const scheduled = await articleIn(newsroom, chief, 'scheduled');
    const res = await contentManager(newsroom, chief, ARTICLE).update(scheduled, {
      embargoUntil: future(3600_000),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'The article is scheduled; unschedule it before setting an embargo'
    );

    const embargoed = await createArticle(newsroom, { embargoUntil: future(3600_000) });
    await workflow(newsroom, chief).run(embargoed, 'submit', 'approve');
    const schedule = await workflow(newsroom, chief).transition(embargoed, {
      action: 'schedule',
      expectedVersion: 2,
      at: future(600_000),
    });
    expect(schedule.status).toBe(400);
    expect(schedule.body.error.message).toBe(
      'An embargoed article is published when its embargo lifts; it cannot also be scheduled'
    );

    const published = await articleIn(newsroom, chief, 'published');
    const late = await contentManager(newsroom, chief, ARTICLE).update(published, {
      embargoUntil: future(3600_000),
    });
    expect(late.status).toBe(400);
    expect(late.body.error.message).toBe(
      'An embargo cannot be set on an article that has been published'
    );
  });
});

describe('nothing bypasses the workflow', () => {
  test("the Content Manager's Publish, bulk Publish and Unpublish are refused", async () => {
    const articles = contentManager(newsroom, chief, ARTICLE);
    const approved = await articleIn(newsroom, chief, 'approved');
    expect((await articles.publish(approved)).status).toBe(403);
    const bulk = await newsroom
      .http()
      .post(`/content-manager/collection-types/${ARTICLE}/actions/bulkPublish`)
      .set(chief.auth)
      .send({ documentIds: [approved] });
    expect(bulk.status).toBeGreaterThanOrEqual(400);
    expect(await publishedRow(newsroom, approved)).toBeNull();

    const published = await articleIn(newsroom, chief, 'published');
    expect((await articles.unpublish(published)).status).toBe(403);
    expect(await publishedRow(newsroom, published)).not.toBeNull();
  });

  test('workflow fields sent by the Content Manager or the document service are ignored', async () => {
    const documentId = await articleIn(newsroom, chief, 'draft');
    const res = await contentManager(newsroom, chief, ARTICLE).update(documentId, {
      workflowState: 'published',
      workflowVersion: 99,
      headline: 'Edited',
    });
    expect(res.status).toBe(200);
    // The save moved the version on by one, as every save does; the 99 sent was dropped.
    expect(await draftRow(newsroom, documentId)).toMatchObject({
      workflowState: 'draft',
      workflowVersion: 1,
      headline: 'Edited',
    });

    await newsroom.strapi
      .documents(ARTICLE)
      .update({ documentId, data: { workflowState: 'approved', killNotice: 'x' } as never });
    expect(await draftRow(newsroom, documentId)).toMatchObject({
      workflowState: 'draft',
      killNotice: null,
    });

    const created = await newsroom.strapi.documents(ARTICLE).create({
      data: {
        headline: 'Born published?',
        workflowState: 'published',
        workflowVersion: 7,
      } as never,
    });
    expect(created).toMatchObject({ workflowState: 'draft', workflowVersion: 0 });
    await expect(
      newsroom.strapi.documents(ARTICLE).publish({ documentId: created.documentId })
    ).rejects.toThrow(/only through the newsroom workflow/);
  });
});

describe('editing in the Content Manager', () => {
  test('Editors can edit any article and Authors their own, in every locale', async () => {
    const editor = await createAdminSession(newsroom, 'strapi-editor');
    const author = await createAdminSession(newsroom, 'strapi-author');
    const documentId = await createArticle(newsroom);
    const edited = await contentManager(newsroom, editor, ARTICLE).update(documentId, {
      standfirst: 'Edited by the desk',
    });
    expect(edited.status).toBe(200);
    const own = await contentManager(newsroom, author, ARTICLE).create({
      headline: 'Written by the author',
    });
    expect(own.status).toBe(201);
    expect(
      (
        await contentManager(newsroom, author, ARTICLE).update(own.body.data.documentId, {
          standfirst: 'Mine',
        })
      ).status
    ).toBe(200);
  });
});

describe('concurrency', () => {
  test('50 concurrent transitions from one version: one succeeds, 49 get 409, one event', async () => {
    const documentId = await articleIn(newsroom, chief, 'draft');
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        workflow(newsroom, chief).transition(documentId, { action: 'submit', expectedVersion: 0 })
      )
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const history = await workflow(newsroom, chief).history(documentId);
    expect(history.body.data).toHaveLength(1);
    expect(await draftRow(newsroom, documentId)).toMatchObject({
      workflowState: 'in_review',
      workflowVersion: 1,
    });
  });

  test('50 concurrent publishes: one published version, one event', async () => {
    const documentId = await articleIn(newsroom, chief, 'approved');
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        workflow(newsroom, chief).transition(documentId, { action: 'publish', expectedVersion: 2 })
      )
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(49);
    expect(
      await newsroom.strapi.db
        .query(ARTICLE)
        .count({ where: { documentId, publishedAt: { $notNull: true } } })
    ).toBe(1);
    const events = (await workflow(newsroom, chief).history(documentId)).body.data.filter(
      (e: { action: string }) => e.action === 'publish'
    );
    expect(events).toHaveLength(1);
  });
});
