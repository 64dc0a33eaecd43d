import crypto from 'crypto';
import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { createArticle, draftRow } from '../../helpers/articles';
import { contentManager } from '../../helpers/content-manager';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { workflow } from '../../helpers/workflow';

/**
 * Every publication, correction, kill and scheduled publication stores what the public routes
 * then served; nobody changes or deletes it afterwards, whatever path they take.
 */
const ARTICLE = 'plugin::newsroom.article';
const VERSION = 'plugin::newsroom.published-version';

let newsroom: Newsroom;
let chief: AdminSession;
let author: AdminSession;

beforeAll(async () => {
  newsroom = await startNewsroom();
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  author = await createAdminSession(newsroom, 'strapi-author');
});
afterAll(() => newsroom?.stop());

/** JSON with sorted keys, written here as a consumer would, to recompute a snapshot's hash. */
const sortedJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${sortedJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
};

const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

const versionsOf = (documentId: string, session = chief, path = '') =>
  newsroom.http().get(`/newsroom/articles/${documentId}/versions${path}`).set(session.auth);

const publicJson = (slug: string) => newsroom.http().get(`/api/newsroom/articles/${slug}`);
const publicNinjs = (slug: string) =>
  newsroom.http().get(`/api/newsroom/articles/${slug}`).query({ format: 'ninjs' });

/** A story published, corrected twice and killed, with what readers were served after each step. */
const lifeOfAStory = async () => {
  const documentId = await createArticle(newsroom, {
    headline: 'Talks begin in Moscow',
    body: [{ subhead: null, text: paragraph('The talks began in Moscow on Monday.') }],
    byline: 'Anna Petrova',
  });
  const flow = workflow(newsroom, chief);
  const cm = contentManager(newsroom, chief, ARTICLE);
  const served: Array<{ json: unknown; ninjs: unknown }> = [];
  const capture = async () => {
    const { slug } = await draftRow(newsroom, documentId);
    served.push({ json: (await publicJson(slug)).body, ninjs: (await publicNinjs(slug)).body });
  };
  await flow.run(documentId, 'submit', 'approve', 'publish');
  await capture();
  await cm.update(documentId, {
    body: [{ subhead: null, text: paragraph('The talks began in Sochi on Monday.') }],
  });
  await flow.run(documentId, { action: 'correct', note: 'The talks are in Sochi, not Moscow' });
  await capture();
  await cm.update(documentId, { headline: 'Talks begin in Sochi, officials say' });
  await flow.run(documentId, { action: 'correct', note: 'Headline names the place' });
  await capture();
  // Pending edits never published: the kill's record must not carry them.
  await cm.update(documentId, { headline: 'SECRET draft headline, never published' });
  await flow.run(documentId, { action: 'kill', note: 'Withdrawn: the talks were called off' });
  return { documentId, served };
};

describe('the archive of a story', () => {
  let story: Awaited<ReturnType<typeof lifeOfAStory>>;
  beforeAll(async () => {
    story = await lifeOfAStory();
  });

  test('holds one snapshot per publication, correction and kill, newest first, with actor and time', async () => {
    const res = await versionsOf(story.documentId);
    expect(res.status).toBe(200);
    expect(
      res.body.data.map((v: { number: number; action: string }) => [v.number, v.action])
    ).toEqual([
      [4, 'kill'],
      [3, 'correct'],
      [2, 'correct'],
      [1, 'publish'],
    ]);
    for (const version of res.body.data) {
      expect(version.actorId).toBe(chief.id);
      expect(version.actorName).toBe('Test newsroom-chief-editor');
      expect(Math.abs(Date.parse(version.at) - Date.now())).toBeLessThan(120_000);
      expect(version.contentHash).toMatch(/^[0-9a-f]{64}$/u);
    }
    expect(new Set(res.body.data.map((v: { contentHash: string }) => v.contentHash)).size).toBe(4);
  });

  test('each snapshot is exactly what the public routes served, and the ninjs version is its number', async () => {
    for (const [index, served] of story.served.entries()) {
      const number = index + 1;
      const snapshot = (await versionsOf(story.documentId, chief, `/${number}`)).body.data;
      expect(snapshot.delivery).toEqual(served.json);
      expect(snapshot.ninjs).toEqual(served.ninjs);
      expect((served.ninjs as { version: string }).version).toBe(String(number));
      expect((served.json as { data: { version: number } }).data.version).toBe(number);
      // SHA-256 of the delivery JSON, the HTML and the ninjs, JSON with sorted keys, newline-joined.
      const hash = crypto
        .createHash('sha256')
        .update(sortedJson(snapshot.delivery))
        .update('\n')
        .update(snapshot.html)
        .update('\n')
        .update(sortedJson(snapshot.ninjs))
        .digest('hex');
      expect(snapshot.contentHash).toBe(hash);
      expect(snapshot.html).toContain('<h1>Talks begin in');
    }
    const second = (await versionsOf(story.documentId, chief, '/2')).body.data;
    expect(second.html).toContain('The talks began in Sochi on Monday.');
    expect(second.html).toContain('The talks are in Sochi, not Moscow');
  });

  test('the kill is archived as readers saw it: the 410 notice, and a canceled ninjs item', async () => {
    const killed = (await versionsOf(story.documentId, chief, '/4')).body.data;
    expect(killed.delivery).toEqual({
      data: null,
      error: expect.objectContaining({
        status: 410,
        message: 'Withdrawn: the talks were called off',
      }),
    });
    const { slug } = await draftRow(newsroom, story.documentId);
    const gone = await publicJson(slug);
    expect(gone.status).toBe(410);
    expect(killed.delivery).toEqual(gone.body);
    expect(killed.ninjs).toMatchObject({
      version: '4',
      pubstatus: 'canceled',
      uri: (story.served[0].ninjs as { uri: string }).uri,
    });
    expect(killed.html).toContain('Withdrawn: the talks were called off');
    // Named by what readers last saw, not by the working copy's unpublished edits.
    expect(killed.headline).toBe('Talks begin in Sochi, officials say');
    expect(JSON.stringify(killed)).not.toContain('SECRET');
  });

  test('diffs two snapshots word by word, field by field', async () => {
    const first = await versionsOf(story.documentId, chief, '/1/diff/2');
    expect(first.status).toBe(200);
    const field = (diff: { fields: Array<{ field: string; parts?: unknown }> }, name: string) =>
      diff.fields.find((f) => f.field === name);
    expect(field(first.body.data, 'body')).toEqual({
      field: 'body',
      changed: true,
      parts: [
        { op: 'equal', text: 'The talks began in ' },
        { op: 'delete', text: 'Moscow' },
        { op: 'insert', text: 'Sochi' },
        { op: 'equal', text: ' on Monday.' },
      ],
    });
    expect(field(first.body.data, 'headline')).toMatchObject({ changed: false });
    expect(field(first.body.data, 'corrections')?.parts).toEqual([
      {
        op: 'insert',
        text: expect.stringMatching(/^\d{4}-\d{2}-\d{2}: The talks are in Sochi, not Moscow$/u),
      },
    ]);

    // Correction 2 against the first publication.
    const across = (await versionsOf(story.documentId, chief, '/1/diff/3')).body.data;
    expect(field(across, 'headline')?.parts).toEqual([
      { op: 'equal', text: 'Talks begin in ' },
      { op: 'delete', text: 'Moscow' },
      { op: 'insert', text: 'Sochi, officials say' },
    ]);
    const killed = (await versionsOf(story.documentId, chief, '/3/diff/4')).body.data;
    expect(field(killed, 'notice')?.parts).toEqual([
      { op: 'insert', text: 'Withdrawn: the talks were called off' },
    ]);
    expect(field(killed, 'body')?.parts).toEqual([
      { op: 'delete', text: 'The talks began in Sochi on Monday.' },
    ]);
  });

  test('bad numbers are refused by name; a number with no snapshot is a 404', async () => {
    expect((await versionsOf(story.documentId, chief, '/abc')).status).toBe(400);
    expect((await versionsOf(story.documentId, chief, '/0')).body.error.message).toMatch(
      /number must be a published version number/u
    );
    expect((await versionsOf(story.documentId, chief, '/1/diff/x')).status).toBe(400);
    expect((await versionsOf(story.documentId, chief, '/9')).status).toBe(404);
    const unknown = await versionsOf(story.documentId, chief, '?populate=*');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Unknown query parameter: populate/u);
    expect((await versionsOf('no-such-article')).status).toBe(404);
  });
});

describe('a scheduled publication', () => {
  test('is archived as the scheduler served it', async () => {
    const documentId = await createArticle(newsroom, { headline: 'Scheduled story' });
    await workflow(newsroom, chief).run(documentId, 'submit', 'approve', {
      action: 'schedule',
      at: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect((await versionsOf(documentId)).body.data).toEqual([]);
    await newsroom.strapi
      .plugin('newsroom')
      .service('workflow')
      .publishDue(new Date(Date.now() + 2 * 3600_000));
    const [only] = (await versionsOf(documentId)).body.data;
    expect(only).toMatchObject({
      number: 1,
      action: 'scheduled-publish',
      actorId: null,
      actorName: 'Scheduler (system)',
      headline: 'Scheduled story',
    });
    const { slug } = await draftRow(newsroom, documentId);
    expect((await publicNinjs(slug)).body.version).toBe('1');
  });
});

describe('articles published before the archive existed', () => {
  test('are archived at startup as served, and report that number', async () => {
    const documentId = await createArticle(newsroom, { headline: 'Published long ago' });
    await workflow(newsroom, chief).run(documentId, 'submit', 'approve', 'publish');
    // As an older version of the plugin left it: no snapshot number on the rows.
    const { strapi } = newsroom;
    const meta = strapi.db.metadata.get(ARTICLE);
    const column =
      (meta.attributes.publicVersion as { columnName?: string }).columnName ?? 'public_version';
    const documentColumn =
      (meta.attributes.documentId as { columnName?: string }).columnName ?? 'document_id';
    await strapi.db
      .connection(meta.tableName)
      .where(documentColumn, documentId)
      .update({ [column]: null });

    // Two processes starting at once: the article is archived once.
    const archive = strapi.plugin('newsroom').service('archive');
    const runs = await Promise.all([archive.archiveUnarchived(), archive.archiveUnarchived()]);
    expect(runs.reduce((a: number, b: number) => a + b, 0)).toBe(1);
    expect(await strapi.db.query(VERSION).count({ where: { articleDocumentId: documentId } })).toBe(
      2
    );
    const [latest] = (await versionsOf(documentId)).body.data;
    expect(latest).toMatchObject({
      number: 2,
      action: 'publish',
      actorName: 'Archived at upgrade (system)',
    });
    const { slug } = await draftRow(newsroom, documentId);
    expect((await publicNinjs(slug)).body.version).toBe('2');
    expect(await strapi.plugin('newsroom').service('archive').archiveUnarchived()).toBe(0);
  });
});

describe('nobody changes or deletes a snapshot', () => {
  let documentId: string;
  let snapshot: { id: number; documentId: string; headline: string };
  const stored = () => newsroom.strapi.db.query(VERSION).findOne({ where: { id: snapshot.id } });

  beforeAll(async () => {
    documentId = await createArticle(newsroom, { headline: 'The record' });
    await workflow(newsroom, chief).run(documentId, 'submit', 'approve', 'publish');
    snapshot = await newsroom.strapi.db
      .query(VERSION)
      .findOne({ where: { articleDocumentId: documentId } });
  });

  test('not through the document service, the query engine or SQL', async () => {
    const { strapi } = newsroom;
    const attempts: Array<[string, () => Promise<unknown>]> = [
      [
        'documents().update',
        () =>
          strapi
            .documents(VERSION)
            .update({ documentId: snapshot.documentId, data: { headline: 'x' } as never }),
      ],
      [
        'documents().delete',
        () => strapi.documents(VERSION).delete({ documentId: snapshot.documentId }),
      ],
      [
        'documents().create',
        () =>
          strapi
            .documents(VERSION)
            .create({ data: { ...snapshot, id: undefined, number: 99 } as never }),
      ],
      [
        'db.query().update',
        () =>
          strapi.db.query(VERSION).update({ where: { id: snapshot.id }, data: { headline: 'x' } }),
      ],
      [
        'db.query().updateMany',
        () => strapi.db.query(VERSION).updateMany({ where: {}, data: { headline: 'x' } }),
      ],
      ['db.query().delete', () => strapi.db.query(VERSION).delete({ where: { id: snapshot.id } })],
      ['db.query().deleteMany', () => strapi.db.query(VERSION).deleteMany({ where: {} })],
      [
        'db.query().create',
        () =>
          strapi.db.query(VERSION).create({
            data: {
              articleDocumentId: documentId,
              articleLocale: 'en',
              number: 2,
              action: 'publish',
              at: new Date(),
              contentHash: 'f'.repeat(64),
            },
          }),
      ],
    ];
    const table = strapi.db.metadata.get(VERSION).tableName;
    attempts.push(
      [
        'SQL UPDATE',
        () => strapi.db.connection(table).where({ id: snapshot.id }).update({ headline: 'x' }),
      ],
      ['SQL DELETE', () => strapi.db.connection(table).where({ id: snapshot.id }).del()]
    );
    if (strapi.db.dialect.client === 'postgres')
      attempts.push(['SQL TRUNCATE', () => strapi.db.connection.raw('TRUNCATE ??', [table])]);
    for (const [name, attempt] of attempts) {
      const outcome = await attempt().then(
        () => 'done',
        (error: Error) => error.message
      );
      expect({ name, outcome }).toEqual({
        name,
        outcome: expect.stringMatching(/legal record|never changed or deleted/u),
      });
      expect({ name, row: await stored() }).toEqual({
        name,
        row: expect.objectContaining({ headline: 'The record' }),
      });
    }
    expect(await strapi.db.query(VERSION).count({ where: { articleDocumentId: documentId } })).toBe(
      1
    );
  });

  test('not through the Content Manager, GraphQL or the admin API, even as super admin', async () => {
    const admin = await createAdminSession(newsroom);
    const base = `/content-manager/collection-types/${VERSION}`;
    const requests = [
      newsroom.http().get(base).set(admin.auth),
      newsroom.http().put(`${base}/${snapshot.documentId}`).set(admin.auth).send({ headline: 'x' }),
      newsroom.http().delete(`${base}/${snapshot.documentId}`).set(admin.auth),
      newsroom
        .http()
        .post(`${base}/actions/bulkDelete`)
        .set(admin.auth)
        .send({ documentIds: [snapshot.documentId] }),
      newsroom.http().put(`/newsroom/articles/${documentId}/versions/1`).set(admin.auth).send({}),
      newsroom.http().delete(`/newsroom/articles/${documentId}/versions/1`).set(admin.auth),
    ];
    for (const res of await Promise.all(requests)) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    const token = await createApiToken(newsroom, admin);
    const graphql = await newsroom
      .http()
      .post('/graphql')
      .set('Authorization', `Bearer ${token}`)
      .send({ query: '{ publishedVersions { headline } }' });
    expect(graphql.body.errors?.[0]?.message).toMatch(/Cannot query field/u);
    const mutation = await newsroom
      .http()
      .post('/graphql')
      .set('Authorization', `Bearer ${token}`)
      .send({
        query: `mutation { deletePublishedVersion(documentId: "${snapshot.documentId}") { documentId } }`,
      });
    expect(mutation.body.errors?.[0]?.message).toMatch(/Cannot query field/u);
    expect(await stored()).toMatchObject({ headline: 'The record' });
  });

  test('a published article is never deleted, so its record always has its story', async () => {
    const res = await contentManager(newsroom, chief, ARTICLE).delete(documentId);
    expect(res.status).toBe(403);
    await expect(newsroom.strapi.documents(ARTICLE).delete({ documentId })).rejects.toThrow(
      /cannot be deleted|workflow/u
    );
    expect(await stored()).toMatchObject({ headline: 'The record' });
  });
});

describe('who may read the archive', () => {
  test('its own permission, and the Content Manager read rule on the article', async () => {
    const theirs = await createArticle(newsroom, { headline: 'Not the author’s' });
    await workflow(newsroom, chief).run(theirs, 'submit', 'approve', 'publish');
    // Authors read the versions of their own articles only.
    expect((await versionsOf(theirs, author)).status).toBe(403);
    const own = await contentManager(newsroom, author, ARTICLE).create({
      headline: 'The author’s',
    });
    expect((await versionsOf(own.body.data.documentId, author)).status).toBe(200);

    // A role without "Read published versions" is refused, whatever else it may do.
    const { strapi } = newsroom;
    const editorRole = await strapi.db
      .query('admin::role')
      .findOne({ where: { code: 'strapi-editor' } });
    const editor = await createAdminSession(newsroom, 'strapi-editor');
    expect((await versionsOf(theirs, editor)).status).toBe(200);
    await strapi.db.query('admin::permission').deleteMany({
      where: { role: editorRole.id, action: 'plugin::newsroom.versions.read' },
    });
    const refused = await versionsOf(theirs, editor);
    expect(refused.status).toBe(403);
  });
});
