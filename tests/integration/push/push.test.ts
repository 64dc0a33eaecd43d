import type { DeliveryView } from '../../../shared/contracts/push';
import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { articleIn, createArticle } from '../../helpers/articles';
import { startReceiver, type Receiver } from '../../helpers/receiver';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { workflow } from '../../helpers/workflow';

/**
 * Push to subscribers: every publication, correction and kill is POSTed, signed, to each
 * subscriber that asked for it, from an outbox recorded with the change; failures are retried
 * with backoff, a kill overtakes nothing and is overtaken by nothing.
 */
const ARTICLE = 'plugin::newsroom.article';
const SECRET = 'receiver-secret-0123456789';

let newsroom: Newsroom;
let chief: AdminSession;
let receiver: Receiver;

beforeAll(async () => {
  newsroom = await startNewsroom({
    env: {
      // The receiver runs on 127.0.0.1: the feeds' policy must allow private addresses.
      NEWSROOM_FEEDS_PRIVATE_ADDRESSES: 'true',
      NEWSROOM_PUSH_RETRY_BASE: '0.05',
      NEWSROOM_PUSH_RETRY_MAX: '0.5',
      NEWSROOM_PUSH_MAX_ATTEMPTS: '5',
      NEWSROOM_PUSH_TICK: '1',
    },
  });
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  receiver = await startReceiver(SECRET);
});
afterAll(async () => {
  await receiver?.stop();
  await newsroom?.stop();
});

const api = () => ({
  create: (body: object) =>
    newsroom.http().post('/newsroom/subscribers').set(chief.auth).send(body),
  update: (id: number, body: object) =>
    newsroom.http().put(`/newsroom/subscribers/${id}`).set(chief.auth).send(body),
  list: () => newsroom.http().get('/newsroom/subscribers').set(chief.auth),
  deliveries: (query: Record<string, string | number> = {}) =>
    newsroom.http().get('/newsroom/push-deliveries').query(query).set(chief.auth),
  resend: (id: number) =>
    newsroom.http().post(`/newsroom/push-deliveries/${id}/resend`).set(chief.auth),
});

let seq = 0;
/** A subscriber of its own path on the receiver. */
const subscribe = async (body: Record<string, unknown> = {}) => {
  const path = `/hook-${(seq += 1)}`;
  const res = await api().create({
    name: `Partner ${seq}`,
    url: `${receiver.url}${path}`,
    secret: SECRET,
    ...body,
  });
  expect(res.status).toBe(201);
  return { id: res.body.data.id as number, path };
};

const published = async (headline: string, data: Record<string, unknown> = {}) => {
  const documentId = await articleIn(newsroom, chief, 'published', { headline, ...data });
  return documentId;
};

const deliveriesOf = async (subscriber: number) =>
  (await api().deliveries({ subscriber })).body.data as DeliveryView[];

/** Waits until the subscriber's deliveries all reach a final state. */
const settled = async (subscriber: number, count: number) => {
  const until = Date.now() + 20_000;
  for (;;) {
    const rows = await deliveriesOf(subscriber);
    if (rows.length >= count && rows.every((r) => !['pending', 'sending'].includes(r.status)))
      return rows;
    if (Date.now() > until) throw new Error(`deliveries not settled: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('delivery', () => {
  test('a publication is POSTed once, signed, with an idempotency key and the detail body', async () => {
    const { id, path } = await subscribe();
    const documentId = await published('Signed and sent');
    const [push] = await receiver.waitFor(path, 1);
    expect(push.signed).toBe(true);
    expect(push.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(push.headers['x-newsroom-event']).toBe('publish');
    expect(push.headers['idempotency-key']).toBe(`${documentId}:en:v1:s${id}`);
    const body = JSON.parse(push.body);
    expect(body).toMatchObject({
      event: 'publish',
      documentId,
      locale: 'en',
      version: 1,
      data: { headline: 'Signed and sent', documentId },
    });
    // Exactly what the detail route serves for that version.
    const row = await newsroom.strapi.db
      .query(ARTICLE)
      .findOne({ where: { documentId, publishedAt: { $notNull: true } } });
    const detail = await newsroom.http().get(`/api/newsroom/articles/${row.slug}`);
    expect(body.data).toEqual(detail.body.data);
    const [delivery] = await settled(id, 1);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200 });
    // A tampered body or another secret does not verify: the receiver's check checks.
    const { verifyPush } = await import('../../../server/src/push/domain/push-signature');
    const header = push.headers['x-newsroom-signature'] as string;
    expect(verifyPush(header, push.body.replace('Signed', 'Forged'), SECRET)).toBe(false);
    expect(verifyPush(header, push.body, 'another-secret-0123456789')).toBe(false);
  });

  test('a subscriber that fails three times and then accepts gets exactly one success, every attempt logged', async () => {
    const { id, path } = await subscribe();
    receiver.answer(path, [500, 503, 502]);
    await published('Fourth time lucky');
    const pushes = await receiver.waitFor(path, 4);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received.filter((r) => r.path === path).map((r) => r.answered)).toEqual([
      500, 503, 502, 200,
    ]);
    expect(new Set(pushes.map((p) => p.headers['idempotency-key'])).size).toBe(1);
    expect(pushes.every((p) => p.signed)).toBe(true);
    const [delivery] = await settled(id, 1);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 4, lastStatus: 200 });
    expect(delivery.log.map((a) => a.status)).toEqual([500, 503, 502, 200]);
    expect(delivery.log[0].error).toContain('Answered 500');
  });

  test('after the last attempt a delivery is marked failed', async () => {
    const { id, path } = await subscribe();
    receiver.answer(path, [500, 500, 500, 500, 500, 500]);
    await published('Never accepted');
    await receiver.waitFor(path, 5);
    const [delivery] = await settled(id, 1);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 5, lastStatus: 500 });
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received.filter((r) => r.path === path)).toHaveLength(5);
  });

  test('a kill pushes ninjs pubstatus canceled with the notice', async () => {
    const { path } = await subscribe({ format: 'ninjs', events: ['kill'] });
    const documentId = await published('To be withdrawn');
    await workflow(newsroom, chief).run(documentId, { action: 'kill', note: 'Legal reasons' });
    const [push] = await receiver.waitFor(path, 1);
    expect(push.signed).toBe(true);
    expect(push.headers['content-type']).toBe('application/ninjs+json; charset=utf-8');
    expect(push.headers['x-newsroom-event']).toBe('kill');
    const item = JSON.parse(push.body);
    expect(item).toMatchObject({
      pubstatus: 'canceled',
      version: '2',
      headlines: [{ role: 'main', value: 'To be withdrawn' }],
      descriptions: [{ role: 'summary', value: 'Legal reasons' }],
    });
    // Only the kill: this subscriber did not ask for publications.
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received.filter((r) => r.path === path)).toHaveLength(1);
  });

  test('a retried publish never arrives after the kill', async () => {
    const { id, path } = await subscribe();
    receiver.answer(path, Array(50).fill(503));
    const documentId = await published('Published, then killed');
    await receiver.waitFor(path, 2);
    await workflow(newsroom, chief).run(documentId, { action: 'kill', note: 'Withdrawn' });
    receiver.answer(path, []);
    const rows = await settled(id, 2);
    // The publication is dropped, unless an attempt of it was already on the wire when the kill
    // came: then the kill waited for that attempt's answer.
    expect(rows.map((r) => r.event)).toEqual(['kill', 'publish']);
    expect(rows[0].status).toBe('delivered');
    expect(['superseded', 'delivered']).toContain(rows[1].status);
    await new Promise((r) => setTimeout(r, 500));
    const events = receiver.received
      .filter((r) => r.path === path)
      .map((r) => `${r.headers['x-newsroom-event']}:${r.answered}`);
    const killAt = events.indexOf('kill:200');
    expect(killAt).toBeGreaterThan(0);
    expect(events.slice(killAt + 1)).toEqual([]);
    // A publication accepted at all was accepted before the kill.
    expect(events.filter((e) => e.startsWith('publish:2')).length).toBe(
      rows[1].status === 'delivered' ? 1 : 0
    );
  });

  test('a publication and its correction reach a subscriber in that order, retries included', async () => {
    const { id, path } = await subscribe();
    receiver.answer(path, [500]); // the publication needs a retry: the correction waits for it
    const documentId = await published('In order');
    await newsroom.strapi.documents(ARTICLE).update({
      documentId,
      data: { headline: 'In order, corrected' } as never,
    });
    await workflow(newsroom, chief).run(documentId, { action: 'correct', note: 'Headline' });
    await settled(id, 2);
    const events = receiver.received
      .filter((r) => r.path === path && r.answered === 200)
      .map((r) => r.headers['x-newsroom-event']);
    expect(events).toEqual(['publish', 'correct']);
  });

  test('filters: a rubric or agency subscriber hears only of its own', async () => {
    const rubrics = newsroom.strapi.plugin('newsroom').service('rubrics');
    const sport = await rubrics.findOrCreate('Sport');
    const world = await rubrics.findOrCreate('World');
    const agency = await newsroom.strapi
      .plugin('newsroom')
      .service('agencies')
      .findOrCreate('TASS');
    const bySport = await subscribe({ rubricSlug: sport.slug });
    const byTass = await subscribe({ agencyCode: 'tass' });
    await published('World story', { rubric: world.id });
    await published('Sport story', { rubric: sport.id });
    await published('Agency story', {
      attribution: { line: 'Based on materials from TASS', agency: agency.id },
    });
    const [sportPush] = await receiver.waitFor(bySport.path, 1);
    const [tassPush] = await receiver.waitFor(byTass.path, 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received.filter((r) => r.path === bySport.path)).toHaveLength(1);
    expect(receiver.received.filter((r) => r.path === byTass.path)).toHaveLength(1);
    expect(JSON.parse(sportPush.body).data.headline).toBe('Sport story');
    expect(JSON.parse(tassPush.body).data.headline).toBe('Agency story');
  });

  test('a disabled subscriber is sent nothing; nothing is queued for it', async () => {
    const { id } = await subscribe({ enabled: false });
    await published('Not for the disabled');
    expect(await deliveriesOf(id)).toEqual([]);
  });
});

describe('whoever has the story', () => {
  test('hears of its correction and its kill after it left their filter', async () => {
    const rubrics = newsroom.strapi.plugin('newsroom').service('rubrics');
    const culture = await rubrics.findOrCreate('Culture');
    const science = await rubrics.findOrCreate('Science');
    const { id, path } = await subscribe({ rubricSlug: culture.slug });
    const documentId = await published('Moved story', { rubric: culture.id });
    await receiver.waitFor(path, 1);
    await newsroom.strapi.documents(ARTICLE).update({
      documentId,
      data: { rubric: science.id } as never,
    });
    await workflow(newsroom, chief).run(documentId, { action: 'correct', note: 'Wrong desk' });
    // And the subscriber's filter changes too: the kill still reaches it.
    await api().update(id, { rubricSlug: 'nothing-like-it' });
    await workflow(newsroom, chief).run(documentId, { action: 'kill', note: 'Withdrawn' });
    const rows = await settled(id, 3);
    expect(rows.map((r) => [r.event, r.status])).toEqual([
      ['kill', 'delivered'],
      ['correct', 'delivered'],
      ['publish', 'delivered'],
    ]);
    // Another filter's subscriber that never had it hears nothing.
    const other = await subscribe({ rubricSlug: science.slug, events: ['kill'] });
    expect(await deliveriesOf(other.id)).toEqual([]);
  });

  test("one subscriber's backlog of retries holds back nobody else", async () => {
    const stuck = await subscribe();
    // 150 changes of one article wait behind its first, which is backing off for an hour.
    const deliveries = newsroom.strapi.db.query('plugin::newsroom.push-delivery');
    const common = {
      subscriberId: stuck.id,
      event: 'correct',
      articleDocumentId: 'stuckstory00000000000000',
      articleLocale: 'en',
      contentType: 'application/json',
      body: '{}',
      status: 'pending',
      attempts: 1,
      log: [],
    };
    await deliveries.create({
      data: {
        ...common,
        idempotencyKey: 'stuck-0',
        nextAttemptAt: new Date(Date.now() + 3600_000),
      },
    });
    for (let i = 1; i <= 150; i += 1)
      await deliveries.create({
        data: { ...common, idempotencyKey: `stuck-${i}`, nextAttemptAt: new Date() },
      });
    const healthy = await subscribe();
    await published('Not held back');
    const [push] = await receiver.waitFor(healthy.path, 1, 10_000);
    expect(JSON.parse(push.body).data.headline).toBe('Not held back');
    // The stuck subscriber gets the new story too (in its own time), and none of the backlog.
    const [own] = await receiver.waitFor(stuck.path, 1, 10_000);
    expect(JSON.parse(own.body).data.headline).toBe('Not held back');
    expect(receiver.received.filter((r) => r.path === stuck.path)).toHaveLength(1);
    await deliveries.deleteMany({ where: { articleDocumentId: 'stuckstory00000000000000' } });
  });

  test('a disabled subscriber’s waiting deliveries fail instead of retrying', async () => {
    const { id, path } = await subscribe();
    receiver.answer(path, Array(20).fill(503));
    await published('Then disabled');
    await receiver.waitFor(path, 1);
    await api().update(id, { enabled: false });
    const [delivery] = await settled(id, 1);
    expect(delivery.status).toBe('failed');
    expect(delivery.lastError).toContain('disabled');
    receiver.answer(path, []);
  });
});

describe('resend', () => {
  test('sends the latest change again with the same key; an older one is refused', async () => {
    const { id, path } = await subscribe();
    const documentId = await published('Resend me');
    await newsroom.strapi.documents(ARTICLE).update({
      documentId,
      data: { headline: 'Resend me, corrected' } as never,
    });
    await workflow(newsroom, chief).run(documentId, { action: 'correct', note: 'Typo' });
    const [correct, publish] = await settled(id, 2);
    const older = await api().resend(publish.id);
    expect(older.status).toBe(409);
    expect(older.body.error.message).toContain(`resend that one`);
    const again = await api().resend(correct.id);
    expect(again.status).toBe(200);
    const pushes = await receiver.waitFor(path, 3);
    expect(pushes[2].headers['idempotency-key']).toBe(pushes[1].headers['idempotency-key']);
    expect(pushes[2].body).toBe(pushes[1].body);
    expect((await api().resend(999_999)).status).toBe(404);
  });
});

describe('subscribers', () => {
  test('secrets are stored encrypted and never returned', async () => {
    const created = await api().create({
      name: 'Secretive',
      url: `${receiver.url}/secretive`,
      secret: 'a-very-private-secret-value',
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      hasSecret: true,
      events: ['publish', 'correct', 'kill'],
    });
    expect(JSON.stringify(created.body)).not.toContain('a-very-private-secret-value');
    const list = await api().list();
    expect(JSON.stringify(list.body)).not.toContain('a-very-private-secret-value');
    expect(list.body.data.every((s: object) => !('secret' in s))).toBe(true);
    const row = await newsroom.strapi.db
      .query('plugin::newsroom.subscriber')
      .findOne({ where: { id: created.body.data.id } });
    expect(row.secret).toBeTruthy();
    expect(row.secret).not.toContain('a-very-private-secret-value');
    // Changing other fields keeps the secret; the update answer does not show it either.
    const updated = await api().update(created.body.data.id, { name: 'Renamed' });
    expect(updated.body.data).toMatchObject({ name: 'Renamed', hasSecret: true });
    // Not through the Content Manager, whatever a role's content-type permissions say.
    const superAdmin = await createAdminSession(newsroom);
    for (const user of [chief, superAdmin])
      for (const uid of ['plugin::newsroom.subscriber', 'plugin::newsroom.push-delivery']) {
        const res = await newsroom
          .http()
          .get(`/content-manager/collection-types/${uid}`)
          .set(user.auth);
        expect({ uid, status: res.status }).toEqual({ uid, status: 403 });
        expect(res.text).not.toContain('v1:');
      }
    // Not through GraphQL or the generic REST routes either.
    for (const url of ['/api/subscribers', '/api/newsroom/subscribers'])
      expect([403, 404, 405]).toContain((await newsroom.http().get(url)).status);
  });

  test('bad input is refused by name, and nothing is stored', async () => {
    const before = (await api().list()).body.data.length;
    const cases: Array<[object, string]> = [
      [{ url: `${receiver.url}/x`, secret: SECRET }, 'name is required'],
      [{ name: 'x', secret: SECRET }, 'url is required'],
      [{ name: 'x', url: 'ftp://example.org/', secret: SECRET }, 'url must be an http(s) address'],
      [{ name: 'x', url: `${receiver.url}/x` }, 'secret is required'],
      [{ name: 'x', url: `${receiver.url}/x`, secret: 'short' }, 'at least 16 characters'],
      [
        { name: 'x', url: `${receiver.url}/x`, secret: SECRET, events: ['delete'] },
        'events may hold only',
      ],
      [{ name: 'x', url: `${receiver.url}/x`, secret: SECRET, events: [] }, 'at least one event'],
      [
        { name: 'x', url: `${receiver.url}/x`, secret: SECRET, format: 'xml' },
        'format must be one of',
      ],
      [{ name: 'x', url: `${receiver.url}/x`, secret: SECRET, extra: 1 }, 'Unknown field'],
      [{ name: 'x', url: 'https://example.org/a\u0000b', secret: SECRET }, 'NUL character'],
      [{ name: 'x', url: 'http://exa\tmple.org/', secret: SECRET }, 'control characters'],
      [{ name: 'x\u0000', url: `${receiver.url}/x`, secret: SECRET }, 'NUL character'],
    ];
    for (const [body, message] of cases) {
      const res = await api().create(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.message).toContain(message);
    }
    expect((await api().update(999_999, { name: 'y' })).status).toBe(404);
    // A URL is stored as it is connected to.
    const typed = await api().create({
      name: 'Typed',
      url: 'HTTP://Example.ORG:80/a/../b',
      secret: SECRET,
    });
    expect(typed.body.data.url).toBe('http://example.org/b');
    await newsroom.http().delete(`/newsroom/subscribers/${typed.body.data.id}`).set(chief.auth);
    expect(
      (await newsroom.http().put('/newsroom/subscribers/abc').set(chief.auth).send({})).status
    ).toBe(400);
    expect((await api().deliveries({ status: 'lost' })).status).toBe(400);
    expect((await api().list()).body.data.length).toBe(before);
  });

  test("subscriber URLs pass the feeds' address policy", async () => {
    const config = newsroom.strapi.config;
    config.set('plugin::newsroom.feeds.privateAddresses', false);
    try {
      for (const url of [
        'http://127.0.0.1:9/x',
        'http://[::1]/x',
        'http://10.0.0.1/x',
        'http://169.254.169.254/latest',
      ]) {
        const res = await api().create({ name: 'Inside', url, secret: SECRET });
        expect({ url, status: res.status }).toEqual({ url, status: 422 });
        expect(res.body.error.message).toContain('public addresses only');
      }
      // A name that resolves to a private address is refused when the push connects.
      const { id } = (
        await api().create({ name: 'Local name', url: 'http://localhost:9/x', secret: SECRET })
      ).body.data;
      await published('Not to localhost');
      const [delivery] = await (async () => {
        const until = Date.now() + 10_000;
        for (;;) {
          const rows = await deliveriesOf(id);
          if (rows[0]?.attempts >= 1) return rows;
          if (Date.now() > until) throw new Error('no attempt');
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      expect(delivery.lastError).toContain('public addresses only');
      expect(delivery.lastStatus).toBeNull();
    } finally {
      config.set('plugin::newsroom.feeds.privateAddresses', true);
    }
  });

  test('only those who may manage subscribers see or change them', async () => {
    for (const role of ['strapi-author', 'strapi-editor']) {
      const user = await createAdminSession(newsroom, role);
      expect((await newsroom.http().get('/newsroom/subscribers').set(user.auth)).status).toBe(403);
      expect((await newsroom.http().get('/newsroom/push-deliveries').set(user.auth)).status).toBe(
        403
      );
      expect(
        (
          await newsroom
            .http()
            .post('/newsroom/subscribers')
            .set(user.auth)
            .send({ name: 'x', url: `${receiver.url}/x`, secret: SECRET })
        ).status
      ).toBe(403);
    }
    expect((await newsroom.http().get('/newsroom/subscribers')).status).toBe(401);
  });

  test('a draft article never produces a push', async () => {
    const { id } = await subscribe({ events: ['publish', 'correct', 'kill', 'unpublish'] });
    const documentId = await createArticle(newsroom, { headline: 'Only a draft' });
    await workflow(newsroom, chief).run(documentId, 'submit', 'approve');
    await new Promise((r) => setTimeout(r, 200));
    expect(await deliveriesOf(id)).toEqual([]);
  });
});
