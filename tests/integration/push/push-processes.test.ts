import request from 'supertest';
import type { ChildProcess } from 'child_process';
import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { createArticle } from '../../helpers/articles';
import { startProcess, stopProcess } from '../../helpers/newsroom-processes';
import { startReceiver, type Receiver } from '../../helpers/receiver';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { workflow } from '../../helpers/workflow';

/**
 * Two Strapi processes on one database, both sending pushes, as behind a load balancer:
 * every delivery is sent exactly once, whichever process recorded it or claimed it.
 */
const SECRET = 'receiver-secret-0123456789';
const ARTICLES_PER_PROCESS = 8;

let newsroom: Newsroom;
let other: ChildProcess & { url?: string };
let chief: AdminSession;
let receiver: Receiver;

beforeAll(async () => {
  if ((process.env.DATABASE_CLIENT ?? 'sqlite') !== 'postgres') return;
  newsroom = await startNewsroom({
    env: {
      NEWSROOM_FEEDS_PRIVATE_ADDRESSES: 'true',
      NEWSROOM_PUSH_RETRY_BASE: '0.05',
      NEWSROOM_PUSH_RETRY_MAX: '0.2',
      NEWSROOM_PUSH_TICK: '1',
    },
  });
  other = await startProcess({ NEWSROOM_PROCESS_LISTEN: 'true' });
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  receiver = await startReceiver(SECRET);
}, 120_000);
afterAll(async () => {
  if (other) await stopProcess(other);
  await receiver?.stop();
  await newsroom?.stop();
});

// Two processes writing one SQLite file refuse each other's transactions ("database is
// locked"); several processes are a PostgreSQL deployment.
const onPostgres = (process.env.DATABASE_CLIENT ?? 'sqlite') === 'postgres';

(onPostgres ? test : test.skip)(
  'no delivery is sent twice, and none is lost',
  async () => {
    for (const path of ['/a', '/b']) {
      const res = await newsroom
        .http()
        .post('/newsroom/subscribers')
        .set(chief.auth)
        .send({ name: path, url: `${receiver.url}${path}`, secret: SECRET });
      expect(res.status).toBe(201);
    }
    // Some answers fail, so retries are claimed too, by either process.
    receiver.answer('/a', [500, 200, 500, 200, 500]);
    const viaOther = { ...newsroom, http: () => request(other.url!) } as Newsroom;
    const ids = await Promise.all(
      Array.from({ length: ARTICLES_PER_PROCESS * 2 }, (_, i) =>
        createArticle(newsroom, { headline: `Pushed story ${i}` })
      )
    );
    await Promise.all(
      ids.map((id, i) =>
        workflow(i % 2 ? viaOther : newsroom, chief).run(id, 'submit', 'approve', 'publish')
      )
    );
    const expected = ids.length * 2;
    const delivered = () => receiver.received.filter((r) => r.answered === 200);
    const until = Date.now() + 30_000;
    while (delivered().length < expected && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    // Time for any duplicate to arrive, past a worker tick of each process.
    await new Promise((r) => setTimeout(r, 2500));

    const keys = delivered().map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(expected);
    expect(new Set(keys).size).toBe(expected);
    expect(receiver.received.every((r) => r.signed)).toBe(true);
    const rows = await newsroom.strapi.db.query('plugin::newsroom.push-delivery').findMany({});
    expect(rows).toHaveLength(expected);
    expect(rows.every((r: { status: string }) => r.status === 'delivered')).toBe(true);
    // Each attempt recorded is one request received.
    const attempts = rows.reduce((sum: number, r: { attempts: number }) => sum + r.attempts, 0);
    expect(attempts).toBe(receiver.received.length);
  },
  90_000
);
