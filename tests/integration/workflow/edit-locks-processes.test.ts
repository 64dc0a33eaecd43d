import request from 'supertest';
import type { ChildProcess } from 'child_process';
import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { createArticle, draftRow } from '../../helpers/articles';
import { tabSession } from '../../helpers/locks';
import { startProcess, stopProcess } from '../../helpers/newsroom-processes';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';

/**
 * Two Strapi processes on one database, as behind a load balancer: a lock taken through one
 * holds in the other, heartbeats may reach either, and a takeover or a lapse is seen by both.
 */
const ARTICLE = 'plugin::newsroom.article';
const TTL_SECONDS = 3;

let newsroom: Newsroom;
let other: ChildProcess & { url?: string };
let anna: AdminSession;
let chief: AdminSession;

beforeAll(async () => {
  newsroom = await startNewsroom({
    env: { NEWSROOM_LOCK_TTL: String(TTL_SECONDS), NEWSROOM_LOCK_HEARTBEAT: '1' },
  });
  other = await startProcess({ NEWSROOM_PROCESS_LISTEN: 'true' });
  anna = await createAdminSession(newsroom, 'strapi-editor');
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  await newsroom.strapi.db
    .query('admin::user')
    .update({ where: { id: anna.id }, data: { firstname: 'Anna', lastname: 'Petrova' } });
}, 120_000);
afterAll(async () => {
  if (other) await stopProcess(other);
  await newsroom?.stop();
});

/** One process of the two: this test's own, or the other one. */
const at = (which: 'one' | 'two') => (which === 'one' ? newsroom.http() : request(other.url!));

const keep = (which: 'one' | 'two', user: AdminSession, session: string, documentId: string) =>
  at(which).post(`/newsroom/articles/${documentId}/lock`).set(user.auth).send({ session });

test('a lock taken through one process holds in the other', async () => {
  const documentId = await createArticle(newsroom, { headline: 'Shared desk' });
  const annaTab = tabSession();
  expect((await keep('one', anna, annaTab, documentId)).body.data.mine).toBe(true);

  const seen = await keep('two', chief, tabSession(), documentId);
  expect(seen.body.data).toMatchObject({ mine: false, lock: { holder: { name: 'Anna Petrova' } } });
  const version = (await draftRow(newsroom, documentId)).contentVersion;
  const save = await at('two')
    .put(`/content-manager/collection-types/${ARTICLE}/${documentId}`)
    .set(chief.auth)
    .send({ headline: 'Through the other process', contentVersion: version });
  expect(save.status).toBe(409);
  expect(save.body.error.message).toContain('Anna Petrova is editing this article');
  // Her heartbeat may reach either process.
  expect((await keep('two', anna, annaTab, documentId)).body.data.mine).toBe(true);
});

test('a takeover in one process reaches the holder through the other', async () => {
  const documentId = await createArticle(newsroom);
  const annaTab = tabSession();
  await keep('one', anna, annaTab, documentId);
  const over = await at('two')
    .post(`/newsroom/articles/${documentId}/lock/take-over`)
    .set(chief.auth)
    .send({ session: tabSession() });
  expect(over.body.data.mine).toBe(true);
  const told = await keep('one', anna, annaTab, documentId);
  expect(told.body.data).toMatchObject({
    mine: false,
    takenOver: { by: 'Test newsroom-chief-editor' },
  });
});

test('a lock whose heartbeat stopped lapses for both processes', async () => {
  const documentId = await createArticle(newsroom);
  await keep('two', anna, tabSession(), documentId);
  expect((await keep('one', chief, tabSession(), documentId)).body.data.mine).toBe(false);
  await new Promise((resolve) => setTimeout(resolve, TTL_SECONDS * 1000 + 500));
  const chiefTab = tabSession();
  expect((await keep('one', chief, chiefTab, documentId)).body.data.mine).toBe(true);
  expect((await keep('two', anna, tabSession(), documentId)).body.data).toMatchObject({
    mine: false,
    lock: { holder: { id: chief.id } },
  });
});

test('of many tabs opening a free article through both processes at once, exactly one holds it', async () => {
  const documentId = await createArticle(newsroom);
  const tabs = Array.from({ length: 10 }, (_, i) => ({
    which: (i % 2 ? 'one' : 'two') as 'one' | 'two',
    user: i % 3 ? anna : chief,
    session: tabSession(),
  }));
  const answers = await Promise.all(tabs.map((t) => keep(t.which, t.user, t.session, documentId)));
  expect(answers.every((a) => a.status === 200)).toBe(true);
  expect(answers.filter((a) => a.body.data.mine)).toHaveLength(1);
  const holder = answers.find((a) => a.body.data.mine)!.body.data.lock.holder.id;
  expect(answers.every((a) => a.body.data.lock.holder.id === holder)).toBe(true);
});
