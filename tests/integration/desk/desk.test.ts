import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { articleIn } from '../../helpers/articles';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { postWire } from '../../helpers/wire';
import { workflow } from '../../helpers/workflow';

/**
 * The editor's desk as three roles see it: an Author (reads only their own stories, may not
 * approve), an Editor (approves) and a Chief Editor (schedules).
 */
let newsroom: Newsroom;
let author: AdminSession;
let editor: AdminSession;
let chief: AdminSession;
let token: string;

const ninjs = (
  uri: string,
  version: string,
  headline: string,
  extra: Record<string, unknown> = {}
) =>
  JSON.stringify({
    uri,
    version,
    type: 'text',
    language: 'en',
    versioncreated: new Date().toISOString(),
    headlines: [{ role: 'main', value: headline }],
    bodies: [{ role: 'main', contenttype: 'text/html', value: `<p>${headline}.</p>` }],
    ...extra,
  });

const desk = async (session: AdminSession, query: Record<string, string> = {}) => {
  const res = await newsroom.http().get('/newsroom/desk').query(query).set(session.auth);
  expect(res.status).toBe(200);
  return res.body as {
    data: {
      wire: { items: Array<{ id: number; flagged: boolean }>; newCount: number } | null;
      mine: Array<{ documentId: string; workflowState: string }>;
      review: { items: Array<{ documentId: string }>; count: number } | null;
      due: Array<{ kind: string; story: { documentId: string } }>;
      alerts: {
        wireUpdates: Array<{ documentId: string }>;
        agencyAlerts: Array<{ documentId: string }>;
        blocked: Array<{ documentId: string }>;
      };
    };
    meta: { locale: string; counts: { newWire: number | null; waitingForMe: number } };
  };
};
const ids = (list: Array<{ documentId: string }>) => list.map((s) => s.documentId);

beforeAll(async () => {
  newsroom = await startNewsroom();
  const admin = await createAdminSession(newsroom);
  author = await createAdminSession(newsroom, 'strapi-author');
  editor = await createAdminSession(newsroom, 'strapi-editor');
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  token = await createApiToken(newsroom, admin);
});
afterAll(() => newsroom?.stop());

describe('the desk', () => {
  let plain: number;
  let urgent: number;
  let taken: string;

  test('incoming wire: urgent items first, then the newest; counted for the menu', async () => {
    urgent = (
      await postWire(
        newsroom,
        token,
        ninjs('urn:desk:flash', '1', 'Flash: quake', { urgency: 1 }),
        'application/json',
        { agency: 'AP' }
      )
    ).body.data.id;
    plain = (
      await postWire(
        newsroom,
        token,
        ninjs('urn:desk:plain', '1', 'Harvest begins'),
        'application/json',
        { agency: 'AP' }
      )
    ).body.data.id;
    const seen = await desk(editor);
    expect(seen.data.wire!.items.map((i) => [i.id, i.flagged])).toEqual([
      [urgent, true],
      [plain, false],
    ]);
    expect(seen.data.wire!.newCount).toBe(2);
    expect(seen.meta.counts.newWire).toBe(2);
  });

  test("an Author's story: theirs on their desk, in the Editor's review queue, never the Author's queue", async () => {
    const res = await newsroom.http().post(`/newsroom/wire-items/${plain}/take`).set(author.auth);
    taken = res.body.data.article.documentId;
    // Taken and not moved yet: already theirs.
    expect(ids((await desk(author)).data.mine)).toEqual([taken]);
    expect(ids((await desk(editor)).data.mine)).toEqual([]);
    await workflow(newsroom, author).run(taken, 'submit');

    const mine = await desk(author);
    expect(ids(mine.data.mine)).toEqual([taken]);
    expect(mine.data.review).toBeNull();
    expect(mine.meta.counts.waitingForMe).toBe(0);

    const review = await desk(editor);
    expect(ids(review.data.review!.items)).toContain(taken);
    expect(review.data.review!.count).toBe(1);
    expect(review.meta.counts.waitingForMe).toBe(1);
    expect(ids(review.data.mine)).toEqual([]);
  });

  test('a story sent back waits for its author', async () => {
    await workflow(newsroom, editor).run(taken, { action: 'return', note: 'Add a source' });
    const back = await desk(author);
    expect(back.data.mine.map((s) => [s.documentId, s.workflowState])).toEqual([[taken, 'draft']]);
    expect(back.meta.counts.waitingForMe).toBe(1);
    // The menu's counts, read on their own, say the same.
    const counts = await newsroom.http().get('/newsroom/desk/counts').set(author.auth);
    expect(counts.status).toBe(200);
    expect(counts.body.data).toEqual(back.meta.counts);
    expect(ids((await desk(editor)).data.mine)).toEqual([taken]);
  });

  test('due next: scheduled stories and embargoes lifting soon, only those the user may read', async () => {
    const scheduled = await articleIn(newsroom, chief, 'scheduled');
    const embargoed = await articleIn(newsroom, chief, 'approved', {
      embargoUntil: new Date(Date.now() + 2 * 3600_000).toISOString(),
    });
    const later = await articleIn(newsroom, chief, 'approved', {
      embargoUntil: new Date(Date.now() + 72 * 3600_000).toISOString(),
    });
    const due = (await desk(chief)).data.due;
    expect(due.map((d) => [d.story.documentId, d.kind])).toEqual([
      [scheduled, 'scheduled'],
      [embargoed, 'embargo'],
    ]);
    expect(ids(due.map((d) => d.story))).not.toContain(later);
    // The Author reads only their own stories: none of these.
    expect((await desk(author)).data.due).toEqual([]);
  });

  test('alerts: a newer agency version of a taken story', async () => {
    const v2 = await postWire(
      newsroom,
      token,
      ninjs('urn:desk:plain', '2', 'Harvest begins early'),
      'application/json',
      { agency: 'AP' }
    );
    expect(v2.body.meta.outcome).toBe('updated');
    expect(ids((await desk(author)).data.alerts.wireUpdates)).toEqual([taken]);
  });

  test('the desk needs the newsroom; bad input is refused naming it', async () => {
    expect((await newsroom.http().get('/newsroom/desk')).status).toBe(401);
    const bad = await newsroom
      .http()
      .get('/newsroom/desk')
      .query({ locale: 'x'.repeat(40) })
      .set(chief.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/locale/u);
    for (const [query, message] of [
      [{ locale: '' }, /locale must be a locale code/u],
      [{ locale: 'zz' }, /locale zz is not one of this newsroom's locales/u],
    ] as const) {
      const res = await newsroom.http().get('/newsroom/desk').query(query).set(chief.auth);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      const counts = await newsroom
        .http()
        .get('/newsroom/desk/counts')
        .query(query)
        .set(chief.auth);
      expect(counts.status).toBe(400);
    }
  });

  test('a role that may not read a field the desk or the board shows gets neither, told why', async () => {
    const { strapi } = newsroom;
    const role = await strapi.service('admin::role').create({
      name: `No embargo readers ${Date.now()}`,
      description: 'Reads articles, but not their embargo',
    });
    const fields = Object.keys(strapi.getModel('plugin::newsroom.article').attributes).filter(
      (field) => field !== 'embargoUntil'
    );
    await strapi.service('admin::role').assignPermissions(role.id, [
      {
        action: 'plugin::content-manager.explorer.read',
        subject: 'plugin::newsroom.article',
        properties: { fields, locales: ['en'] },
        conditions: [],
      },
      { action: 'plugin::newsroom.read', subject: null, properties: {}, conditions: [] },
    ]);
    const reader = await createAdminSession(newsroom, role.code);
    for (const [path, list] of [
      ['/newsroom/desk', 'The desk'],
      ['/newsroom/desk/counts', 'The desk'],
      ['/newsroom/board', 'The board'],
    ]) {
      const res = await newsroom.http().get(path).set(reader.auth);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        new RegExp(`^${list} needs read access to .*embargoUntil`, 'u')
      );
    }
  });
});

describe('the filters pick what they name', () => {
  test('agencies and rubrics by name or code, bounded, for anyone in the newsroom', async () => {
    const rubrics = newsroom.strapi.plugin('newsroom').service('rubrics');
    await rubrics.findOrCreate('World news');
    await rubrics.findOrCreate('Sport');
    const agencies = await newsroom
      .http()
      .get('/newsroom/agencies')
      .query({ q: 'a' })
      .set(author.auth);
    expect(agencies.status).toBe(200);
    expect(agencies.body.data).toContainEqual({ code: 'AP', name: expect.any(String) });
    const world = await newsroom
      .http()
      .get('/newsroom/rubrics')
      .query({ q: 'WORLD' })
      .set(author.auth);
    expect(world.body.data).toEqual([{ slug: 'world-news', name: 'World news' }]);
    const all = await newsroom.http().get('/newsroom/rubrics').set(author.auth);
    expect(all.body.data.map((r: { name: string }) => r.name)).toEqual(['Sport', 'World news']);

    const bad = await newsroom
      .http()
      .get('/newsroom/rubrics')
      .query({ limit: 500 })
      .set(author.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/limit/u);
    // Text given twice or as a list, numbers not in digits: a 400 naming the parameter.
    for (const [query, message] of [
      ['q[]=x', 'q must be given once, as text'],
      ['q=a&q=b', 'q must be given once, as text'],
      ['q[a]=x', 'q must be given once, as text'],
      ['limit=0x10', 'limit must be a whole number from 1 to 50'],
      ['limit=1e1', 'limit must be a whole number from 1 to 50'],
      [`q=${'%20'.repeat(101)}`, 'q must be at most 100 characters'],
    ]) {
      for (const path of ['/newsroom/rubrics', '/newsroom/agencies']) {
        const res = await newsroom.http().get(`${path}?${query}`).set(author.auth);
        expect([path, query, res.status, res.body.error?.message]).toEqual([
          path,
          query,
          400,
          message,
        ]);
      }
    }
    expect((await newsroom.http().get('/newsroom/agencies')).status).toBe(401);

    // In the newsroom, but reading neither the wire, nor articles, nor the lists themselves.
    const { strapi } = newsroom;
    const role = await strapi.service('admin::role').create({
      name: `Newsroom visitors ${Date.now()}`,
      description: 'Opens the Newsroom menu, reads nothing in it',
    });
    await strapi
      .service('admin::role')
      .assignPermissions(role.id, [
        { action: 'plugin::newsroom.read', subject: null, properties: {}, conditions: [] },
      ]);
    const visitor = await createAdminSession(newsroom, role.code);
    for (const [path, message] of [
      ['/newsroom/agencies', 'You are not allowed to read agencies'],
      ['/newsroom/rubrics', 'You are not allowed to read rubrics'],
    ]) {
      const res = await newsroom.http().get(path).set(visitor.auth);
      expect([res.status, res.body.error?.message]).toEqual([403, message]);
    }
  });
});
