import { createAdminSession, createApiToken, type AdminSession } from '../../helpers/admin';
import { ninjsItem } from '../../helpers/feed-server';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { postWire } from '../../helpers/wire';
import { workflow } from '../../helpers/workflow';

/** The board's card carries the agency's kill or withhold of its story, with the notice. */
let newsroom: Newsroom;
let chief: AdminSession;
let token: string;

beforeAll(async () => {
  newsroom = await startNewsroom();
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  token = await createApiToken(newsroom, await createAdminSession(newsroom));
});
afterAll(() => newsroom?.stop());

const send = (item: object) =>
  postWire(newsroom, token, JSON.stringify(item), 'application/ninjs+json', { agency: 'BOARDCO' });

const cardOf = async (documentId: string) => {
  const res = await newsroom.http().get('/newsroom/board').set(chief.auth);
  expect(res.status).toBe(200);
  return res.body.data
    .flatMap((column: { cards: Array<{ documentId: string }> }) => column.cards)
    .find((card: { documentId: string }) => card.documentId === documentId);
};

test('a withheld story shows on its card with the notice; a plain card has none', async () => {
  const posted = await send(ninjsItem('urn:boardco:1', 'Bridge talks stall'));
  const taken = await newsroom
    .http()
    .post(`/newsroom/wire-items/${posted.body.data.id}/take`)
    .set(chief.auth);
  const { documentId } = taken.body.data.article;
  await workflow(newsroom, chief).run(documentId, 'submit');
  expect((await cardOf(documentId)).agencyAlert).toBeNull();

  await send(
    ninjsItem('urn:boardco:1', 'Bridge talks stall', {
      version: '2',
      pubstatus: 'withheld',
      ednote: 'Legal review',
    })
  );
  // Only what the card shows: no wire item ids or match details.
  expect((await cardOf(documentId)).agencyAlert).toEqual({
    status: 'withheld',
    notice: 'Legal review',
  });
});
