import { DEMO_ADMIN } from '../../../src/demo/super-admin';
import { logIn } from '../../helpers/admin';
import { contentManager } from '../../helpers/content-manager';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';

let newsroom: Newsroom;

beforeAll(async () => {
  newsroom = await startNewsroom({ demo: true, demoDesk: true });
});
afterAll(() => newsroom?.stop());

const paragraphTexts = (blocks: Array<{ children: Array<{ text: string }> }>) =>
  blocks.map((b) => b.children.map((c) => c.text).join(''));

describe('the demo newsroom', () => {
  test('has a super admin who logs in with the documented credentials, and the reference story', async () => {
    const session = await logIn(newsroom, DEMO_ADMIN.email, DEMO_ADMIN.password);
    const admin = { id: 0, email: DEMO_ADMIN.email, ...session };

    const agencies = await contentManager(newsroom, admin, 'plugin::newsroom.agency').list();
    expect(agencies.body.results).toContainEqual(
      expect.objectContaining({
        name: 'TASS',
        code: 'TASS',
        attributionTemplate: 'Based on materials from {name}',
      })
    );
    const rubrics = await contentManager(newsroom, admin, 'plugin::newsroom.rubric').list();
    expect(rubrics.body.results).toEqual([
      expect.objectContaining({
        name: 'GSV "Russia - Islamic World"',
        slug: 'gsv-russia-islamic-world',
      }),
    ]);

    const list = await contentManager(newsroom, admin, 'plugin::newsroom.article').list();
    expect(list.status).toBe(200);
    const reference = list.body.results.find(
      (a: { headline: string }) => a.headline === 'Putin and Aliyev to Hold Talks in Moscow'
    );
    const { documentId } = reference;

    const { body } = await contentManager(newsroom, admin, 'plugin::newsroom.article').find(
      documentId
    );
    const article = body.data;
    expect(article.headline).toBe('Putin and Aliyev to Hold Talks in Moscow');
    expect(article.slug).toBe('putin-and-aliyev-to-hold-talks-in-moscow');
    // Published, as the desk would send it: a newcomer's first read of the API has it.
    expect(article.workflowState).toBe('published');
    expect(article.dateline.date).toMatch(/^\d{4}-04-22$/);
    expect(article.body.map((s: { subhead: string | null }) => s.subhead)).toEqual([
      null,
      'Previous high-level contacts',
      "Peacekeepers' mission",
    ]);
    expect(article.body.map((s: { text: unknown[] }) => s.text.length)).toEqual([3, 2, 3]);
    expect(paragraphTexts(article.body[0].text)[0]).toMatch(
      /^Russian President Vladimir Putin and his Azerbaijani counterpart/
    );
    expect(paragraphTexts(article.body[2].text)[2]).toMatch(/as of January 1, 2024\.$/);
    expect(article.attribution.line).toBe('Based on materials from TASS');
    expect(article.attribution.agency.count).toBe(1);
    expect(article.leadPhoto.creditLine).toBe(
      'official website of the President of the Russian Federation'
    );
    expect(article.rubric.count).toBe(1);
    expect(article.wireItem.count).toBe(1);

    const wire = await newsroom.http().get('/newsroom/wire-items').set(admin.auth);
    expect(wire.body.data).toContainEqual(
      expect.objectContaining({
        format: 'text',
        status: 'taken',
        articleDocumentId: documentId,
        agency: expect.objectContaining({ code: 'TASS' }),
      })
    );
    const published = await newsroom.http().get('/api/newsroom/articles');
    expect(published.body.data.map((a: { headline: string }) => a.headline)).toEqual([
      'Putin and Aliyev to Hold Talks in Moscow',
    ]);
  });

  test('has a desk with something on every block: wire waiting, a story in review, one scheduled, one under embargo', async () => {
    const session = await logIn(newsroom, DEMO_ADMIN.email, DEMO_ADMIN.password);
    const desk = await newsroom.http().get('/newsroom/desk').set(session.auth);
    expect(desk.status).toBe(200);
    const { wire, review, due } = desk.body.data;
    expect(wire.newCount).toBe(3);
    expect(wire.items[0]).toMatchObject({ urgency: 2, flagged: true });
    expect(wire.items.map((i: { language: string }) => i.language).sort()).toEqual([
      'en',
      'en',
      'ru',
    ]);
    expect(review.items.map((s: { headline: string }) => s.headline)).toEqual([
      'Trade talks to resume next week',
    ]);
    expect(
      due.map((d: { kind: string; story: { headline: string } }) => [d.kind, d.story.headline])
    ).toEqual([
      ['scheduled', 'Parliament to vote on the budget tonight'],
      ['embargo', 'Annual health report finds longer lives'],
    ]);
  });

  test('loads only once: a restart does not duplicate the story', async () => {
    const { seedDemoContent } = await import('../../../src/demo/seed');
    expect(await seedDemoContent(newsroom.strapi)).toBe(false);
    expect(await newsroom.strapi.documents('plugin::newsroom.article').count({})).toBe(4);
  });
});
