import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { articleIn, createArticle } from '../../helpers/articles';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { workflow } from '../../helpers/workflow';

interface Change {
  eventId: number;
  documentId: string;
  action: string;
  from: string;
  to: string;
  changesPublic: boolean;
  actor: { name: string };
}

let newsroom: Newsroom;
let chief: AdminSession;
const seen: Array<Change & { eventStored: boolean; readsPublished: boolean }> = [];
let stop: () => void;

const workflowService = () => newsroom.strapi.plugin('newsroom').service('workflow');

beforeAll(async () => {
  newsroom = await startNewsroom();
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  stop = workflowService().afterChange(async (change: Change) => {
    // Runs after the commit: what the transition wrote is there for any reader.
    const event = await newsroom.strapi.db
      .query('plugin::newsroom.workflow-event')
      .findOne({ where: { id: change.eventId } });
    const published = await newsroom.strapi.db
      .query('plugin::newsroom.article')
      .count({ where: { documentId: change.documentId, publishedAt: { $notNull: true } } });
    seen.push({
      ...change,
      eventStored: event?.action === change.action,
      readsPublished: published > 0,
    });
  });
});
afterAll(async () => {
  stop?.();
  await newsroom?.stop();
});

// Listeners run after the commit, off the request: wait for what is expected (never longer than
// 10 s), or a fixed while where nothing should come.
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
const until = async (done: () => boolean) => {
  for (const started = Date.now(); !done() && Date.now() - started < 10_000; ) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
const changesOf = (documentId: string) => seen.filter((c) => c.documentId === documentId);

describe('after a workflow change', () => {
  test('each committed action is announced once, after its commit, saying whether readers see a change', async () => {
    const documentId = await articleIn(newsroom, chief, 'published');
    await until(() => changesOf(documentId).length >= 3);
    const changes = changesOf(documentId);
    expect(changes.map((c) => [c.action, c.from, c.to, c.changesPublic])).toEqual([
      ['submit', 'draft', 'in_review', false],
      ['approve', 'in_review', 'approved', false],
      ['publish', 'approved', 'published', true],
    ]);
    expect(changes.every((c) => c.eventStored)).toBe(true);
    expect(changes[2].readsPublished).toBe(true);
    expect(changes[2].actor.name).toBeTruthy();

    await workflow(newsroom, chief).run(documentId, { action: 'kill', note: 'Withdrawn' });
    await until(() => changesOf(documentId).length >= 4);
    const kill = changesOf(documentId)[3];
    expect([kill.action, kill.to, kill.changesPublic, kill.readsPublished]).toEqual([
      'kill',
      'killed',
      true,
      false,
    ]);
  });

  test('a refused action announces nothing', async () => {
    const documentId = await createArticle(newsroom);
    const stale = await workflow(newsroom, chief).transition(documentId, {
      action: 'submit',
      expectedVersion: 7,
    });
    expect(stale.status).toBe(409);
    const wrongState = await workflow(newsroom, chief).transition(documentId, {
      action: 'publish',
      expectedVersion: 0,
    });
    expect(wrongState.status).toBe(409);
    await settle();
    expect(changesOf(documentId)).toEqual([]);
  });

  test('a failing listener is logged; the action stands and the other listeners still run', async () => {
    const calls: string[] = [];
    const stopFailing = workflowService().afterChange(() => {
      throw new Error('listener down');
    });
    const stopOther = workflowService().afterChange((change: Change) => {
      calls.push(change.action);
    });
    try {
      const documentId = await createArticle(newsroom);
      const res = await workflow(newsroom, chief).transition(documentId, {
        action: 'submit',
        expectedVersion: 0,
      });
      expect(res.status).toBe(200);
      await until(() => calls.length >= 1 && changesOf(documentId).length >= 1);
      await settle();
      expect(calls).toEqual(['submit']);
      expect(changesOf(documentId)).toHaveLength(1);
    } finally {
      stopFailing();
      stopOther();
    }
  });
});

describe('the delivery cache', () => {
  test('keeps its answers through changes readers cannot see, and forgets them when a publication commits', async () => {
    const cache = newsroom.strapi.plugin('newsroom').service('delivery-cache');
    const first = await articleIn(newsroom, chief, 'published');
    expect((await newsroom.http().get('/api/newsroom/articles')).status).toBe(200);
    expect(cache.size).toBeGreaterThan(0);

    const listed = await newsroom.http().get('/api/newsroom/articles');
    const etag = listed.headers.etag;
    const { generation } = await cache.state();
    // Review work on another article changes nothing public: the same generation, still cached.
    await articleIn(newsroom, chief, 'approved');
    await settle();
    expect((await cache.state()).generation).toBe(generation);
    expect(cache.size).toBeGreaterThan(0);
    expect(
      (await newsroom.http().get('/api/newsroom/articles').set('If-None-Match', etag)).status
    ).toBe(304);

    await workflow(newsroom, chief).run(first, { action: 'correct', note: 'Fixed a name' });
    await until(() => changesOf(first).some((c) => c.action === 'correct'));
    await settle();
    expect(cache.size).toBe(0);
    expect((await cache.state()).generation).not.toBe(generation);
    const after = await newsroom.http().get('/api/newsroom/articles');
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
  });

  // Two writers on PostgreSQL: a correction takes its new row's id, a publication takes a higher
  // one and commits first; then the correction commits. The newest id does not move, the
  // count does not either; the generation must still. (SQLite has one writer at a time.)
  const onPostgres = (process.env.DATABASE_CLIENT ?? 'sqlite') === 'postgres';
  (onPostgres ? test : test.skip)(
    'a published row committed after a later one still changes the generation other processes read',
    async () => {
      const cache = newsroom.strapi.plugin('newsroom').service('delivery-cache');
      const meta = newsroom.strapi.db.metadata.get('plugin::newsroom.article');
      const column = (name: string) =>
        (meta.attributes[name] as { columnName?: string }).columnName ?? name;
      const knex = newsroom.strapi.db.connection;
      const row = (documentId: string) => ({
        [column('documentId')]: documentId,
        [column('locale')]: 'en',
        [column('headline')]: documentId,
        [column('workflowState')]: 'published',
        [column('workflowVersion')]: 1,
        [column('publishedAt')]: new Date(),
        [column('createdAt')]: new Date(),
        [column('updatedAt')]: new Date(),
      });
      // Straight to the table, as Strapi's publish writes it, past the plugin's own holds.
      await knex(meta.tableName).insert(row('race-corrected'));
      const slow = await knex.transaction();
      try {
        // The correction replaces the published row: the old one goes, a new one comes.
        await slow(meta.tableName).where(column('documentId'), 'race-corrected').delete();
        await slow(meta.tableName).insert(row('race-corrected'));
        await knex(meta.tableName).insert(row('race-published'));
        const { generation } = await cache.state();
        await slow.commit();
        expect((await cache.state()).generation).not.toBe(generation);
      } finally {
        if (!slow.isCompleted()) await slow.rollback();
        await knex(meta.tableName)
          .whereIn(column('documentId'), ['race-corrected', 'race-published'])
          .delete();
      }
    }
  );
});
