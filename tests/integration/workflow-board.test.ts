import { STATES } from '../../server/src/domain/workflow/machine';
import { createAdminSession, type AdminSession } from '../helpers/admin';
import { articleIn } from '../helpers/articles';
import { startNewsroom, type Newsroom } from '../helpers/strapi';

let newsroom: Newsroom;
let chief: AdminSession;

beforeAll(async () => {
  newsroom = await startNewsroom();
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  const world = await newsroom.strapi.plugin('newsroom').service('rubrics').findOrCreate('World');
  for (const state of STATES) await articleIn(newsroom, chief, state, { rubric: world.id });
  for (let i = 0; i < 3; i += 1) await articleIn(newsroom, chief, 'in_review');
});
afterAll(() => newsroom?.stop());

const board = (session: AdminSession, query: Record<string, string | number> = {}) =>
  newsroom.http().get('/newsroom/board').query(query).set(session.auth);

describe('GET /newsroom/board', () => {
  test('a column per state with counts and cards: headline, rubric, who moved it last', async () => {
    const res = await board(chief);
    expect(res.status).toBe(200);
    expect(res.body.data.map((c: { state: string }) => c.state)).toEqual([...STATES]);
    const counts = Object.fromEntries(res.body.data.map((c: { state: string; count: number }) => [c.state, c.count]));
    expect(counts).toEqual({ draft: 1, in_review: 4, approved: 1, scheduled: 1, published: 1, killed: 1, spiked: 1 });
    const scheduled = res.body.data.find((c: { state: string }) => c.state === 'scheduled').cards[0];
    expect(scheduled).toMatchObject({ workflowState: 'scheduled', rubric: { name: 'World' }, lastMove: { action: 'schedule', actorName: 'Test newsroom-chief-editor' } });
    expect(scheduled.scheduledAt).not.toBeNull();
    expect(scheduled.allowedActions).toEqual(['unschedule']);
  });

  test('filters by rubric and pages one column', async () => {
    const world = await board(chief, { rubric: 'world' });
    expect(world.body.data.find((c: { state: string }) => c.state === 'in_review').count).toBe(1);
    const page = await board(chief, { state: 'in_review', page: 2, pageSize: 3 });
    const column = page.body.data.find((c: { state: string }) => c.state === 'in_review');
    expect(column).toMatchObject({ count: 4, page: 2, pageSize: 3, pageCount: 2 });
    expect(column.cards).toHaveLength(1);
    expect(page.body.data.find((c: { state: string }) => c.state === 'draft').cards).toEqual([]);
  });

  test('shows each user only the actions their role allows', async () => {
    const author = await createAdminSession(newsroom, 'strapi-author');
    const res = await board(author);
    const card = (state: string) => res.body.data.find((c: { state: string }) => c.state === state).cards[0];
    expect(card('draft').allowedActions).toEqual(['submit']);
    expect(card('in_review').allowedActions).toEqual([]);
    expect(card('published').allowedActions).toEqual([]);
  });

  test('refuses bad queries by name', async () => {
    const res = await board(chief, { state: 'lost' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toMatch(/state/);
  });
});
