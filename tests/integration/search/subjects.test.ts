import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { contentManager } from '../../helpers/content-manager';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { postWire } from '../../helpers/wire';
import { workflow } from '../../helpers/workflow';

/**
 * Subjects end to end: agency codes kept from the wire to the taken article, editors picking
 * from the IPTC vocabulary in the Content Manager, and delivery's filter, JSON, ninjs and RSS.
 */
const ARTICLE = 'plugin::newsroom.article';

let newsroom: Newsroom;
let chief: AdminSession;
let documentId: string;

beforeAll(async () => {
  newsroom = await startNewsroom();
  const admin = await createAdminSession(newsroom);
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  const token = await createApiToken(newsroom, admin);
  const res = await postWire(
    newsroom,
    token,
    JSON.stringify({
      uri: 'urn:test:subjects',
      type: 'text',
      language: 'en',
      versioncreated: new Date().toISOString(),
      urgency: 3,
      headlines: [{ role: 'main', value: 'Central bank holds rates' }],
      bodies: [{ role: 'main', contenttype: 'text/html', value: '<p>Rates stay put.</p>' }],
      subjects: [
        { name: 'monetary policy', uri: 'http://cv.iptc.org/newscodes/mediatopic/20000350' },
        { name: 'No such topic', uri: 'http://cv.iptc.org/newscodes/mediatopic/99999999' },
      ],
    }),
    'application/json',
    { agency: 'TASS' }
  );
  expect(res.status).toBe(201);
  const taken = await newsroom
    .http()
    .post(`/newsroom/wire-items/${res.body.data.id}/take`)
    .set(chief.auth);
  documentId = taken.body.data.article.documentId;
});
afterAll(() => newsroom?.stop());

const cm = () => contentManager(newsroom, chief, ARTICLE);
const draft = () =>
  newsroom.strapi.db.query(ARTICLE).findOne({ where: { documentId, publishedAt: null } });

test('the taken article keeps the agency’s known subjects and urgency', async () => {
  expect(await draft()).toMatchObject({
    urgency: 3,
    subjects: [{ code: 'medtop:20000350', name: expect.any(String) }],
  });
});

test('the picker searches the vocabulary, with IPTC’s credit', async () => {
  const res = await newsroom
    .http()
    .get('/newsroom/subjects')
    .query({ q: 'diplomacy' })
    .set(chief.auth);
  expect(res.status).toBe(200);
  expect(res.body.data).toContainEqual(
    expect.objectContaining({ code: 'medtop:20000639', name: 'diplomacy' })
  );
  expect(res.body.meta.attribution).toMatch(/IPTC/u);
  expect((await newsroom.http().get('/newsroom/subjects').query({ q: 'x' })).status).toBe(401);
});

test('editors set subjects in the Content Manager: known topics get IPTC’s name, unknown ones are refused', async () => {
  const saved = await cm().update(documentId, {
    subjects: [
      { code: 'medtop:20000639', name: 'whatever the form said' },
      { code: 'tassrubric:economy', name: 'Economy' },
    ],
  });
  expect(saved.status).toBe(200);
  expect((await draft()).subjects).toEqual([
    { code: 'medtop:20000639', name: 'diplomacy' },
    { code: 'tassrubric:economy', name: 'Economy' },
  ]);
  for (const subjects of [
    [{ code: 'medtop:99999999' }],
    [{ code: 'not a code' }],
    'medtop',
    [{}],
  ]) {
    const refused = await cm().update(documentId, { subjects });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/subject/iu);
  }
  expect((await draft()).subjects).toHaveLength(2);
});

test('delivery: filter by a parent topic, subjects in JSON, ninjs and RSS', async () => {
  await workflow(newsroom, chief).run(documentId, 'submit', 'approve', 'publish');
  const list = (subject: string) =>
    newsroom.http().get('/api/newsroom/articles').query({ subject });
  // diplomacy is under international relations, under politics.
  expect((await list('medtop:11000000')).body.data).toHaveLength(1);
  expect((await list('medtop:20000638')).body.data).toHaveLength(1);
  expect((await list('tassrubric:economy')).body.data).toHaveLength(1);
  expect((await list('medtop:04000000')).body.data).toHaveLength(0);
  expect((await list('bad code')).status).toBe(400);

  const [summary] = (await list('medtop:11000000')).body.data;
  const detail = await newsroom.http().get(`/api/newsroom/articles/${summary.slug}`);
  expect(detail.body.data).toMatchObject({
    language: 'en',
    urgency: 3,
    subjects: [
      { code: 'medtop:20000639', name: 'diplomacy' },
      { code: 'tassrubric:economy', name: 'Economy' },
    ],
  });
  const ninjs = await newsroom.http().get(`/api/newsroom/articles/${summary.slug}?format=ninjs`);
  expect(ninjs.body.subjects).toContainEqual(
    expect.objectContaining({
      name: 'diplomacy',
      uri: 'http://cv.iptc.org/newscodes/mediatopic/20000639',
    })
  );
  expect(ninjs.body.language).toBe('en');
  const rss = await newsroom.http().get('/api/newsroom/feed.xml');
  expect(rss.text).toContain(
    '<category domain="http://cv.iptc.org/newscodes/mediatopic/">diplomacy</category>'
  );
});
