import { spawn, type ChildProcess } from 'child_process';
import path from 'path';
import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { photo } from '../../helpers/images';
import { startNewsroom, ROOT, type Newsroom } from '../../helpers/strapi';
import { uploadAsAdmin } from '../../helpers/uploads';

// This instance serves requests only; rendering happens in separate Strapi processes,
// which lets the test stop one mid-run as a crash or deployment would.
let newsroom: Newsroom;
let admin: AdminSession;
const children: ChildProcess[] = [];

const IMAGES = 8;

/** A Strapi process of the demo app on the same database and files, rendering with a changed plan. */
const startWorker = (): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn('node', [path.join(ROOT, 'tests', 'helpers', 'newsroom-process.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        CRON_ENABLED: 'true',
        NEWSROOM_IMAGE_WORKER: 'true',
        NEWSROOM_IMAGE_WORKER_TICK: '1',
        NEWSROOM_IMAGE_JOB_LEASE: '3',
        NEWSROOM_IMAGE_WIDTHS: '320,480',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code, signal) => reject(new Error(`worker exited with ${code ?? signal}`)));
  });

const progress = async () => {
  const res = await newsroom.http().get('/newsroom/renditions').set(admin.auth);
  expect(res.status).toBe(200);
  return res.body.data.run as {
    total: number;
    done: number;
    failed: number;
    pending: number;
    running: number;
    finished: boolean;
  };
};

const until = async <T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs: number
): Promise<T> => {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
};

beforeAll(async () => {
  newsroom = await startNewsroom({ env: { NEWSROOM_IMAGE_WORKER: 'false' } });
  admin = await createAdminSession(newsroom);
  for (let i = 0; i < IMAGES; i++) {
    const res = await uploadAsAdmin(
      newsroom,
      admin.auth,
      await photo(3000, 2000),
      `frame-${i}.jpg`
    );
    expect(res.status).toBe(201);
  }
});
afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await Promise.all(
    children.map((c) =>
      c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null
    )
  );
  await newsroom?.stop();
});

describe('regenerating every image after a plan change', () => {
  test('needs the regenerate permission', async () => {
    const author = await createAdminSession(newsroom, 'strapi-author');
    const res = await newsroom.http().post('/newsroom/renditions/regenerate').set(author.auth);
    expect(res.status).toBe(403);
    expect(
      (await newsroom.http().get('/newsroom/renditions').set(admin.auth)).body.data.run
    ).toBeNull();
  });

  test('reports progress, survives a worker killed mid-run, and finishes in the next one', async () => {
    const start = await newsroom.http().post('/newsroom/renditions/regenerate').set(admin.auth);
    expect(start.status).toBe(202);
    expect(start.body.data).toMatchObject({ total: IMAGES, done: 0, finished: false });
    expect(
      (await newsroom.http().post('/newsroom/renditions/regenerate').set(admin.auth)).status
    ).toBe(409);

    const first = await startWorker();
    const partway = await until(progress, (p) => p.done >= 2, 90_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect(partway.done).toBeGreaterThanOrEqual(2);
    const interrupted = await progress();
    expect(interrupted.finished).toBe(false);
    expect(interrupted.done).toBeLessThan(IMAGES);

    await startWorker();
    const done = await until(progress, (p) => p.finished, 120_000);
    expect(done).toMatchObject({
      total: IMAGES,
      done: IMAGES,
      failed: 0,
      pending: 0,
      running: 0,
      finished: true,
    });

    const files = await newsroom.strapi.db.query('plugin::upload.file').findMany({ where: {} });
    expect(files).toHaveLength(IMAGES);
    for (const file of files) {
      const keys = Object.keys(file.formats);
      expect(keys).toEqual(
        expect.arrayContaining([
          'original_480_avif',
          '16x9_480_webp',
          '1x1_320_jpeg',
          'thumbnail',
          'large',
        ])
      );
      expect(keys.filter((k) => /_(640|1024|1600|2048)_/u.test(k))).toEqual([]);
    }
  });
});
