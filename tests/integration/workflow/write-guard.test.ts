import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { articleIn, createArticle, draftRow, publishedRow } from '../../helpers/articles';
import { contentManager } from '../../helpers/content-manager';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { workflow } from '../../helpers/workflow';

/**
 * Every document action on articles is decided by the write guard: copies start as new
 * drafts, nothing is published or unpublished but by the workflow, and published versions
 * are held in the database against the paths the document service does not see.
 */
const ARTICLE = 'plugin::newsroom.article';

let newsroom: Newsroom;
let chief: AdminSession;
let author: AdminSession;

beforeAll(async () => {
  newsroom = await startNewsroom();
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  author = await createAdminSession(newsroom, 'strapi-author');
});
afterAll(() => newsroom?.stop());

const articles = (session: AdminSession) => contentManager(newsroom, session, ARTICLE);
const count = () => newsroom.strapi.db.query(ARTICLE).count({});
const PAST = '2020-01-01T00:00:00.000Z';
const inHours = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

/** What an attacker sends along with a duplicate: every workflow-owned field, set to go out. */
const FORGED = {
  workflowState: 'scheduled',
  workflowVersion: 41,
  scheduledAt: PAST,
  firstPublishedAt: PAST,
  killNotice: 'forged',
  corrections: [{ date: PAST, note: 'forged' }],
  wireUpdate: { forged: true },
  approvedDigest: 'forged',
};

const expectNewDraft = async (documentId: string) => {
  const copy = await draftRow(newsroom, documentId);
  expect(copy).toMatchObject({
    workflowState: 'draft',
    workflowVersion: 0,
    scheduledAt: null,
    firstPublishedAt: null,
    killNotice: null,
    wireUpdate: null,
    approvedDigest: null,
  });
  expect(copy.corrections).toEqual([]);
  expect(await publishedRow(newsroom, documentId)).toBeNull();
  return copy;
};

describe("the Content Manager's duplicate", () => {
  test("an Author's copy of their scheduled article is a new draft, whatever the request and the source say; the scheduler leaves it alone", async () => {
    const created = await articles(author).create({ headline: 'Talks in Moscow' });
    expect(created.status).toBe(201);
    const source = created.body.data.documentId;
    await workflow(newsroom, chief).run(source, 'submit', 'approve', {
      action: 'schedule',
      at: inHours(1),
    });

    const res = await articles(author).clone(source, {
      headline: 'Talks in Moscow (copy)',
      ...FORGED,
    });
    expect(res.status).toBe(200);
    const copy = await expectNewDraft(res.body.data.documentId);
    expect(copy.headline).toBe('Talks in Moscow (copy)');
    expect(copy.slug).not.toBe((await draftRow(newsroom, source)).slug);

    // Even a scheduler run far in the future publishes the source, never the copy.
    await newsroom.strapi
      .plugin('newsroom')
      .service('workflow')
      .publishDue(new Date(Date.now() + 365 * 86400_000));
    expect(await publishedRow(newsroom, source)).not.toBeNull();
    expect(await publishedRow(newsroom, copy.documentId)).toBeNull();
  });

  test('a copy of a killed, corrected article carries no kill notice, corrections or publication', async () => {
    const source = await articleIn(newsroom, chief, 'published');
    await workflow(newsroom, chief).run(
      source,
      { action: 'correct', note: 'Name spelled right' },
      { action: 'kill', note: 'Legal' }
    );
    const res = await articles(chief).clone(source, {});
    expect(res.status).toBe(200);
    await expectNewDraft(res.body.data.documentId);
  });

  test("a copy keeps its source's embargo: it may move it later, never earlier or away", async () => {
    const embargo = inHours(5);
    const created = await articles(author).create({
      headline: 'Embargoed figures',
      embargoUntil: embargo,
    });
    const source = created.body.data.documentId;

    const before = await count();
    for (const loosened of [null, inHours(1)]) {
      const res = await articles(author).clone(source, { embargoUntil: loosened });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/keeps its source's embargo/);
    }
    expect(await count()).toBe(before);

    const kept = await articles(author).clone(source, { headline: 'Figures, kept' });
    expect(
      new Date((await draftRow(newsroom, kept.body.data.documentId)).embargoUntil).toISOString()
    ).toBe(new Date(embargo).toISOString());
    const later = await articles(author).clone(source, { embargoUntil: inHours(9) });
    expect(later.status).toBe(200);
  });

  test("an Author cannot copy someone else's article", async () => {
    const theirs = await createArticle(newsroom, { headline: 'Not yours' });
    const before = await count();
    const res = await articles(author).clone(theirs, {});
    expect(res.status).toBe(403);
    expect(await count()).toBe(before);
  });

  test('the automatic duplicate never yields anything but a new draft', async () => {
    const source = await articleIn(newsroom, chief, 'approved');
    const before = await count();
    const res = await articles(chief).autoClone(source);
    if (res.status === 200) await expectNewDraft(res.body.data.documentId);
    else {
      expect(res.status).toBe(400);
      expect(await count()).toBe(before);
    }
  });
});

describe('publishing outside the workflow', () => {
  test('create, update and clone with status "published" are refused, and nothing is stored', async () => {
    const documents = newsroom.strapi.documents(ARTICLE);
    const before = await count();
    await expect(
      documents.create({ data: { headline: 'Straight out' } as never, status: 'published' })
    ).rejects.toThrow(/only through the newsroom workflow/);
    expect(await count()).toBe(before);

    const draft = await createArticle(newsroom, { headline: 'Waiting' });
    await expect(
      documents.update({
        documentId: draft,
        data: { headline: 'Out' } as never,
        status: 'published',
      })
    ).rejects.toThrow(/only through/);
    await expect(
      documents.clone({ documentId: draft, data: {} as never, status: 'published' } as never)
    ).rejects.toThrow(/only through/);
    expect(await publishedRow(newsroom, draft)).toBeNull();
    expect((await draftRow(newsroom, draft)).headline).toBe('Waiting');
  });

  test('an action Strapi may add later is refused, not passed through', async () => {
    const { articleWriteGuard } = jest.requireActual(
      '../../../server/src/workflow/write-guard'
    ) as typeof import('../../../server/src/workflow/write-guard');
    const guard = articleWriteGuard(newsroom.strapi);
    const next = jest.fn(async () => null);
    await expect(
      guard({ uid: ARTICLE, action: 'republishEverything', params: {} } as never, next)
    ).rejects.toThrow('Articles do not take the document action "republishEverything"');
    expect(next).not.toHaveBeenCalled();
  });
});

describe('discarding pending edits', () => {
  test('is refused for an article that was never published: Strapi would delete the draft', async () => {
    const draft = await articleIn(newsroom, chief, 'approved');
    // The Content Manager finds no published version to go back to; the document service is held by the guard.
    expect([403, 404]).toContain((await articles(chief).discard(draft)).status);
    await expect(
      newsroom.strapi.documents(ARTICLE).discardDraft({ documentId: draft })
    ).rejects.toThrow(
      "Only a published article's pending edits can be discarded (locale en is approved)"
    );
    expect(await draftRow(newsroom, draft)).toMatchObject({ workflowState: 'approved' });
  });

  test('brings back the published text without moving the workflow version backwards', async () => {
    const documentId = await articleIn(newsroom, chief, 'published', {
      headline: 'Published text',
    });
    await workflow(newsroom, chief).run(documentId, { action: 'correct', note: 'Tidied' });
    const edited = await articles(chief).update(documentId, { headline: 'Pending edit' });
    expect(edited.status).toBe(200);
    const before = await draftRow(newsroom, documentId);
    expect(before.workflowVersion).toBeGreaterThan(
      (await publishedRow(newsroom, documentId)).workflowVersion - 1
    );

    const res = await articles(chief).discard(documentId);
    expect(res.status).toBe(200);
    const after = await draftRow(newsroom, documentId);
    expect(after).toMatchObject({
      headline: 'Published text',
      workflowState: 'published',
      workflowVersion: before.workflowVersion,
    });
    const transition = await workflow(newsroom, chief).transition(documentId, {
      action: 'kill',
      note: 'Test',
      expectedVersion: before.workflowVersion,
    });
    expect(transition.status).toBe(200);
  });
});

describe('deleting', () => {
  test('a published article is killed, never deleted; a draft may go', async () => {
    const admin = await createAdminSession(newsroom, 'strapi-super-admin');
    const published = await articleIn(newsroom, chief, 'published');
    const res = await articles(admin).delete(published);
    expect(res.status).toBe(403);
    await expect(
      newsroom.strapi.documents(ARTICLE).delete({ documentId: published })
    ).rejects.toThrow(
      'A published article cannot be deleted (locale en is published); kill it through the workflow instead'
    );
    expect(await publishedRow(newsroom, published)).not.toBeNull();
    const slug = (await publishedRow(newsroom, published)).slug;
    expect((await newsroom.http().get(`/api/newsroom/articles/${slug}`)).status).toBe(200);

    const draft = await createArticle(newsroom, { headline: 'Never mind' });
    expect((await articles(admin).delete(draft)).status).toBe(200);
    expect(await draftRow(newsroom, draft)).toBeNull();
  });
});

describe('the paths the document service does not see', () => {
  let documentId: string;
  let slug: string;
  beforeAll(async () => {
    documentId = await articleIn(newsroom, chief, 'published', {
      headline: 'The public text',
      body: [{ text: [{ type: 'paragraph', children: [{ type: 'text', text: 'As approved.' }] }] }],
    });
    slug = (await publishedRow(newsroom, documentId)).slug;
  });

  const publicText = async () => (await newsroom.http().get(`/api/newsroom/articles/${slug}`)).text;

  test('updateComponents on the published version is refused', async () => {
    const published = await newsroom.strapi.db.query(ARTICLE).findOne({
      where: { documentId, publishedAt: { $notNull: true } },
      populate: { body: true },
    });
    const before = await publicText();
    await expect(
      newsroom.strapi.documents(ARTICLE).updateComponents(published, {
        body: [
          {
            id: published.body[0].id,
            text: [{ type: 'paragraph', children: [{ type: 'text', text: 'Swapped in.' }] }],
          },
        ],
      } as never)
    ).rejects.toThrow(/Published articles change only through the newsroom workflow/);
    expect(await publicText()).toBe(before);
    expect(before).toContain('As approved.');
  });

  test('raw queries cannot write, publish or delete a published version', async () => {
    const query = newsroom.strapi.db.query(ARTICLE);
    const before = await publicText();
    await expect(
      query.updateMany({ where: { documentId }, data: { headline: 'Rewritten' } })
    ).rejects.toThrow(/only through the newsroom workflow/);
    await expect(query.deleteMany({ where: { documentId } })).rejects.toThrow(
      /only through the newsroom workflow/
    );
    const draft = await createArticle(newsroom, { headline: 'Sneaked out' });
    await expect(
      query.updateMany({ where: { documentId: draft }, data: { publishedAt: new Date() } })
    ).rejects.toThrow(/only through/);
    await expect(
      query.create({
        data: {
          documentId: 'forgedforgedforgedforged',
          headline: 'Forged',
          locale: 'en',
          publishedAt: new Date(),
          workflowState: 'published',
        },
      })
    ).rejects.toThrow(/only through/);
    expect(await publicText()).toBe(before);
    expect(await publishedRow(newsroom, draft)).toBeNull();
  });
});
