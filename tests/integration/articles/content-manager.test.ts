import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { contentManager } from '../../helpers/content-manager';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { workflow } from '../../helpers/workflow';

const ARTICLE = 'plugin::newsroom.article';

let newsroom: Newsroom;
let admin: AdminSession;
let agencyId: number;

beforeAll(async () => {
  newsroom = await startNewsroom();
  admin = await createAdminSession(newsroom);
  const agency = await contentManager(newsroom, admin, 'plugin::newsroom.agency').create({
    name: 'TASS',
    code: 'TASS',
    attributionTemplate: 'Based on materials from {name}',
  });
  expect(agency.status).toBe(201);
  agencyId = agency.body.data.id;
});
afterAll(() => newsroom?.stop());

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

describe('an article through the Content Manager API', () => {
  let documentId: string;

  test('is created with sections, a photo and attribution, and reads back whole', async () => {
    const articles = contentManager(newsroom, admin, ARTICLE);
    const created = await articles.create({
      headline: 'Putin and Aliyev to Hold Talks in Moscow',
      standfirst: 'Talks on Monday',
      dateline: { place: 'Moscow', date: '2024-04-22' },
      body: [
        { text: [paragraph('Lead paragraph.'), paragraph('Second paragraph.')] },
        { subhead: 'Previous high-level contacts', text: [paragraph('Third paragraph.')] },
      ],
      attribution: {
        line: 'Based on materials from TASS',
        agency: { connect: [{ id: agencyId }] },
      },
      leadPhoto: {
        caption: 'The Kremlin',
        creditLine: 'official website of the President of the Russian Federation',
      },
      tags: [{ label: 'Azerbaijan' }],
    });
    expect(created.status).toBe(201);
    documentId = created.body.data.documentId;
    expect(created.body.data.slug).toBe('putin-and-aliyev-to-hold-talks-in-moscow');
    expect(created.body.data.workflowState).toBe('draft');
    expect(created.body.data.workflowVersion).toBe(0);

    const read = await articles.find(documentId);
    expect(read.status).toBe(200);
    const article = read.body.data;
    expect(article.headline).toBe('Putin and Aliyev to Hold Talks in Moscow');
    expect(article.dateline).toMatchObject({ place: 'Moscow', date: '2024-04-22' });
    expect(article.body).toHaveLength(2);
    expect(article.body[0].subhead).toBeNull();
    expect(article.body[0].text).toEqual([
      paragraph('Lead paragraph.'),
      paragraph('Second paragraph.'),
    ]);
    expect(article.body[1].subhead).toBe('Previous high-level contacts');
    expect(article.attribution.line).toBe('Based on materials from TASS');
    expect(article.attribution.agency.count).toBe(1);
    expect(article.leadPhoto).toMatchObject({
      caption: 'The Kremlin',
      creditLine: 'official website of the President of the Russian Federation',
    });
    expect(article.tags.map((t: { label: string }) => t.label)).toEqual(['Azerbaijan']);
    expect(article.publishedAt).toBeNull();
  });

  test("refuses the Content Manager's own Publish and Unpublish: articles go out through the workflow", async () => {
    const articles = contentManager(newsroom, admin, ARTICLE);
    const refused = await articles.publish(documentId);
    expect(refused.status).toBe(403);
    expect(
      await newsroom.strapi.documents(ARTICLE).findOne({ documentId, status: 'published' })
    ).toBeNull();
    // The same for code calling the document service.
    await expect(newsroom.strapi.documents(ARTICLE).publish({ documentId })).rejects.toThrow(
      'Articles are published only through the newsroom workflow (POST /newsroom/articles/:documentId/transition)'
    );
    expect(
      await newsroom.strapi.documents(ARTICLE).findOne({ documentId, status: 'published' })
    ).toBeNull();
  });

  test('is published by the workflow, and killed by it', async () => {
    await workflow(newsroom, admin).run(documentId, 'submit', 'approve', 'publish');
    const live = await newsroom.strapi
      .documents(ARTICLE)
      .findOne({ documentId, status: 'published', populate: ['body'] });
    expect(live?.headline).toBe('Putin and Aliyev to Hold Talks in Moscow');
    expect(live?.body).toHaveLength(2);
    expect(live?.workflowState).toBe('published');
    expect(live?.firstPublishedAt).not.toBeNull();

    const articles = contentManager(newsroom, admin, ARTICLE);
    expect((await articles.unpublish(documentId)).status).toBe(403);
    await workflow(newsroom, admin).run(documentId, { action: 'kill', note: 'Legal: withdrawn' });
    expect(
      await newsroom.strapi.documents(ARTICLE).findOne({ documentId, status: 'published' })
    ).toBeNull();
    const draft = await articles.find(documentId);
    expect(draft.body.data).toMatchObject({
      workflowState: 'killed',
      killNotice: 'Legal: withdrawn',
      headline: 'Putin and Aliyev to Hold Talks in Moscow',
    });
  });

  test('keeps a draft without a headline but refuses to publish it, naming the problem', async () => {
    const articles = contentManager(newsroom, admin, ARTICLE);
    const draft = await articles.create({ standfirst: 'No headline here' });
    expect(draft.status).toBe(201);
    expect(draft.body.data.slug).toBeNull();
    await workflow(newsroom, admin).run(draft.body.data.documentId, 'submit', 'approve');
    const res = await workflow(newsroom, admin).transition(draft.body.data.documentId, {
      action: 'publish',
      expectedVersion: 2,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.problems).toContain('The article has no headline');
    expect(
      await newsroom.strapi
        .documents(ARTICLE)
        .findOne({ documentId: draft.body.data.documentId, status: 'published' })
    ).toBeNull();
  });
});
