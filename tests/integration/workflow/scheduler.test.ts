import type { ChildProcess } from 'child_process';
import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { articleIn, createArticle, draftRow, publishedRow } from '../../helpers/articles';
import { contentManager } from '../../helpers/content-manager';
import { startProcess, stopProcess } from '../../helpers/newsroom-processes';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { waitFor } from '../../helpers/wait';
import { workflow } from '../../helpers/workflow';

const ARTICLE = 'plugin::newsroom.article';
const EVENT = 'plugin::newsroom.workflow-event';

let newsroom: Newsroom;
let chief: AdminSession;

beforeAll(async () => {
  // This instance does not run the scheduler; the processes started below do.
  newsroom = await startNewsroom();
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
});
afterAll(() => newsroom?.stop());

const start = () => startProcess({ CRON_ENABLED: 'true', NEWSROOM_SCHEDULER_TICK: '1' });

describe('the scheduler, in two Strapi processes sharing the database', () => {
  let processes: ChildProcess[] = [];
  afterAll(async () => {
    await Promise.all(processes.map(stopProcess));
  });

  test('publishes each due article exactly once, lifts embargoes, and sends back what fails the guard', async () => {
    const soon = () => new Date(Date.now() + 4000).toISOString();
    const scheduled: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const documentId = await articleIn(newsroom, chief, 'approved');
      await workflow(newsroom, chief).run(documentId, { action: 'schedule', at: soon() });
      scheduled.push(documentId);
    }
    const embargoed = await createArticle(newsroom, { embargoUntil: soon() });
    await workflow(newsroom, chief).run(embargoed, 'submit', 'approve', 'publish');
    expect((await draftRow(newsroom, embargoed)).workflowState).toBe('scheduled');

    // Credit removed after scheduling, by a Chief Editor (who may approve, so it stays scheduled):
    // the guard still holds at publication time.
    const blocked = await articleIn(newsroom, chief, 'approved');
    await workflow(newsroom, chief).run(blocked, { action: 'schedule', at: soon() });
    const edit = await contentManager(newsroom, chief, ARTICLE).update(blocked, {
      leadPhoto: { caption: 'No credit' },
    });
    expect(edit.status).toBe(200);
    expect((await draftRow(newsroom, blocked)).workflowState).toBe('scheduled');

    const later = await articleIn(newsroom, chief, 'approved');
    await workflow(newsroom, chief).run(later, {
      action: 'schedule',
      at: new Date(Date.now() + 3600_000).toISOString(),
    });

    // This process renders the public list now; it must notice what the other processes publish.
    const before = await newsroom.http().get('/api/newsroom/articles?pageSize=100');
    expect(before.body.data).toEqual([]);

    processes = await Promise.all([start(), start()]);
    const all = [...scheduled, embargoed];
    const done = await waitFor(async () => {
      const rows = await newsroom.strapi.db
        .query(ARTICLE)
        .count({ where: { documentId: { $in: all }, publishedAt: { $notNull: true } } });
      const blockedRow = await draftRow(newsroom, blocked);
      return rows === all.length && blockedRow.workflowState === 'approved';
    }, 30000);
    expect(done).toBe(true);

    for (const documentId of all) {
      const events = await newsroom.strapi.db
        .query(EVENT)
        .findMany({ where: { articleDocumentId: documentId, toState: 'published' } });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actorName: 'Scheduler (system)',
        actorId: null,
        fromState: 'scheduled',
        toState: 'published',
      });
      expect(await draftRow(newsroom, documentId)).toMatchObject({
        workflowState: 'published',
        scheduledAt: null,
      });
      expect((await publishedRow(newsroom, documentId)).workflowState).toBe('published');
    }
    const blockedEvents = await newsroom.strapi.db
      .query(EVENT)
      .findMany({ where: { articleDocumentId: blocked, action: 'unschedule' } });
    expect(blockedEvents).toHaveLength(1);
    expect(blockedEvents[0].note).toBe(
      'Scheduled publication blocked: The lead photo has no credit line'
    );
    expect(await publishedRow(newsroom, blocked)).toBeNull();

    expect((await draftRow(newsroom, later)).workflowState).toBe('scheduled');

    const after = await newsroom
      .http()
      .get('/api/newsroom/articles?pageSize=100')
      .set('If-None-Match', before.headers.etag);
    expect(after.status).toBe(200);
    expect(after.body.data.map((a: { documentId: string }) => a.documentId).sort()).toEqual(
      [...all].sort()
    );
    expect(await publishedRow(newsroom, later)).toBeNull();
  });
});
