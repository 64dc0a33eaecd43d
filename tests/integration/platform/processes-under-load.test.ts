import type { ChildProcess } from 'child_process';
// autocannon ships no types of its own here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<{
  statusCodeStats: Record<string, { count: number }>;
  errors: number;
  requests: { total: number };
}>;
import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { articleIn } from '../../helpers/articles';
import { ninjsItem } from '../../helpers/feed-server';
import { photo } from '../../helpers/images';
import { startProcess, stopProcess } from '../../helpers/newsroom-processes';
import {
  startRoundRobinProxy,
  throughProxy,
  type RoundRobinProxy,
} from '../../helpers/round-robin-proxy';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { uploadAsAdmin } from '../../helpers/uploads';
import { postWire } from '../../helpers/wire';
import { waitFor } from '../../helpers/wait';
import { workflow } from '../../helpers/workflow';

/**
 * Two Strapi processes on one PostgreSQL database behind a round-robin proxy, as a deployment
 * runs them, loaded on delivery and admin routes while their schedulers publish, their rendition
 * workers render and an agency feed ingests through the same proxy: no answer is a 5xx, no
 * article is published twice, no rendition job and no wire item is lost or doubled.
 * (Two processes writing one SQLite file refuse each other's transactions: several processes
 * are a PostgreSQL deployment.)
 */
const onPostgres = (process.env.DATABASE_CLIENT ?? 'sqlite') === 'postgres';
const ARTICLE = 'plugin::newsroom.article';
const EVENT = 'plugin::newsroom.workflow-event';
const SCHEDULED = 12;
const PHOTOS = 6;
const WIRE_ITEMS = 30;
const LOAD_SECONDS = 8;

let newsroom: Newsroom;
let chief: AdminSession;
let processes: Array<ChildProcess & { url?: string }> = [];
let proxy: RoundRobinProxy | undefined;
let proxyUrl: string;

beforeAll(async () => {
  if (!onPostgres) return;
  // This instance sets up and checks the database; the two processes serve and work.
  newsroom = await startNewsroom({ env: { NEWSROOM_IMAGE_WORKER: 'false' } });
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  const env = {
    NEWSROOM_PROCESS_LISTEN: 'true',
    CRON_ENABLED: 'true',
    NEWSROOM_SCHEDULER_TICK: '1',
    NEWSROOM_IMAGE_WORKER: 'true',
    NEWSROOM_IMAGE_WORKER_TICK: '1',
  };
  processes = await Promise.all([startProcess(env), startProcess(env)]);
  proxy = await startRoundRobinProxy(processes.map((p) => p.url!));
  proxyUrl = proxy.url;
}, 180_000);
afterAll(async () => {
  await proxy?.stop();
  await Promise.all(processes.map(stopProcess));
  await newsroom?.stop();
});

(onPostgres ? test : test.skip)(
  'under load, two processes publish once, render every job and ingest every item once',
  async () => {
    const viaProxy = throughProxy(newsroom, proxy!);
    const admin = await createAdminSession(newsroom);
    const ingestToken = await createApiToken(newsroom, admin, 'custom', [
      'plugin::newsroom.wire.ingest',
    ]);
    // Stories due a few seconds into the load, scheduled through the proxy.
    const at = new Date(Date.now() + 6000).toISOString();
    const scheduled: string[] = [];
    for (let i = 0; i < SCHEDULED; i += 1) {
      const documentId = await articleIn(newsroom, chief, 'approved', {
        headline: `Scheduled under load ${i}`,
      });
      await workflow(viaProxy, chief).run(documentId, { action: 'schedule', at });
      scheduled.push(documentId);
    }
    const published = await articleIn(newsroom, chief, 'published');
    const slug = (
      await newsroom.strapi.db
        .query(ARTICLE)
        .findOne({ where: { documentId: published, publishedAt: { $notNull: true } } })
    ).slug;

    const load = (path: string, headers: Record<string, string> = {}) =>
      autocannon({
        url: `${proxyUrl}${path}`,
        duration: LOAD_SECONDS,
        connections: 4,
        headers,
      });
    const loads = Promise.all([
      load('/api/newsroom/articles?pageSize=20'),
      load(`/api/newsroom/articles/${slug}`),
      load('/newsroom/desk/counts', chief.auth),
    ]);
    // Meanwhile: photos uploaded (their renditions rendered by either worker) and wire ingested.
    const uploads = Promise.all(
      Array.from({ length: PHOTOS }, async (_, i) => {
        const res = await uploadAsAdmin(viaProxy, admin.auth, await photo(1600, 1000), `p${i}.jpg`);
        expect(res.status).toBe(201);
        return res.body[0].id as number;
      })
    );
    const ingest = (async () => {
      for (let i = 0; i < WIRE_ITEMS; i += 1) {
        const item = ninjsItem(`urn:load:${i}`, `Wire under load ${i}`);
        const res = await postWire(
          viaProxy,
          ingestToken,
          JSON.stringify(item),
          'application/json',
          {
            agency: 'TASS',
          }
        );
        expect(res.status).toBe(201);
      }
    })();
    const [results, photoIds] = await Promise.all([loads, uploads, ingest]);

    // No 5xx anywhere: not under load, not to the uploads or the feed.
    for (const result of results) {
      expect(result.errors).toBe(0);
      expect(Object.keys(result.statusCodeStats).filter((s) => Number(s) >= 500)).toEqual([]);
      expect(result.requests.total).toBeGreaterThan(0);
    }
    expect([...proxy!.answered.keys()].filter((status) => status >= 500)).toEqual([]);

    // Each due story published once, by one scheduler.
    const allPublished = await waitFor(
      async () =>
        (await newsroom.strapi.db.query(ARTICLE).count({
          where: { documentId: { $in: scheduled }, publishedAt: { $notNull: true } },
        })) === SCHEDULED,
      30_000
    );
    expect(allPublished).toBe(true);
    for (const documentId of scheduled) {
      const events = await newsroom.strapi.db
        .query(EVENT)
        .findMany({ where: { articleDocumentId: documentId, toState: 'published' } });
      expect(events).toHaveLength(1);
      expect(
        await newsroom.strapi.db
          .query(ARTICLE)
          .count({ where: { documentId, publishedAt: { $notNull: true } } })
      ).toBe(1);
    }

    // Every photo rendered, none failed or left waiting.
    const files = newsroom.strapi.db.query('plugin::upload.file');
    const rendered = await waitFor(async () => {
      const rows = await files.findMany({ where: { id: { $in: photoIds } } });
      return rows.every((row) => row.formats && '16x9_1024_avif' in row.formats);
    }, 60_000);
    expect(rendered).toBe(true);
    const queue = await (
      newsroom.strapi.plugin('newsroom').service('renditions') as {
        queue: () => Promise<{ pending: number; running: number; failed: number }>;
      }
    ).queue();
    expect(queue).toMatchObject({ pending: 0, running: 0, failed: 0 });

    // Every wire item stored once.
    const items = await newsroom.strapi.db
      .query('plugin::newsroom.wire-item')
      .findMany({ where: { agencyGuid: { $startsWith: 'urn:load:' } }, select: ['agencyGuid'] });
    expect(items.map((item) => item.agencyGuid).sort()).toEqual(
      Array.from({ length: WIRE_ITEMS }, (_, i) => `urn:load:${i}`).sort()
    );
  },
  180_000
);
