import { createAdminSession, type AdminSession } from '../../helpers/admin';
import { contentManager } from '../../helpers/content-manager';
import { startNewsroom, type Newsroom } from '../../helpers/strapi';
import { workflow } from '../../helpers/workflow';

const ARTICLE = 'plugin::newsroom.article';

let newsroom: Newsroom;
let admin: AdminSession;
let articles: ReturnType<typeof contentManager>;

beforeAll(async () => {
  newsroom = await startNewsroom();
  admin = await createAdminSession(newsroom);
  articles = contentManager(newsroom, admin, ARTICLE);
  const ru = await newsroom
    .http()
    .post('/i18n/locales')
    .set(admin.auth)
    .send({ name: 'Russian (ru)', code: 'ru', isDefault: false });
  expect(ru.status).toBe(200);
});
afterAll(() => newsroom?.stop());

const create = async (data: object, locale?: string) => {
  const res = await articles.create(data, locale);
  expect(res.status).toBe(201);
  return res.body.data as { documentId: string; slug: string; locale: string };
};

describe('article slugs', () => {
  test('transliterate Cyrillic headlines', async () => {
    expect((await create({ headline: 'Путин и Алиев' })).slug).toBe('putin-i-aliev');
  });

  test('get -2, -3 on a clash within a locale', async () => {
    expect((await create({ headline: 'Talks in Moscow' })).slug).toBe('talks-in-moscow');
    expect((await create({ headline: 'Talks in Moscow' })).slug).toBe('talks-in-moscow-2');
    expect((await create({ headline: 'Talks  in Moscow!' })).slug).toBe('talks-in-moscow-3');
  });

  test('are unique per locale, not across locales', async () => {
    const ru = await create({ headline: 'Talks in Moscow' }, 'ru');
    expect(ru.locale).toBe('ru');
    expect(ru.slug).toBe('talks-in-moscow');
  });

  test('follow headline edits until the article is published, then stay', async () => {
    const article = await create({ headline: 'Summit planned' });
    expect(article.slug).toBe('summit-planned');

    const edited = await articles.update(article.documentId, { headline: 'Summit confirmed' });
    expect(edited.status).toBe(200);
    expect(edited.body.data.slug).toBe('summit-confirmed');

    await workflow(newsroom, admin).run(article.documentId, 'submit', 'approve', 'publish');
    const afterPublish = await articles.update(article.documentId, {
      headline: 'Summit postponed',
    });
    expect(afterPublish.status).toBe(200);
    expect(afterPublish.body.data.headline).toBe('Summit postponed');
    expect(afterPublish.body.data.slug).toBe('summit-confirmed');

    // Killing does not free the slug for a new meaning: links already went out.
    await workflow(newsroom, admin).run(article.documentId, {
      action: 'kill',
      note: 'Wrong summit',
    });
    const afterKill = await articles.update(article.documentId, { headline: 'Summit cancelled' });
    expect(afterKill.body.data.slug).toBe('summit-confirmed');
  });

  test('refuse an explicit change once published, and keep the old slug', async () => {
    const article = await create({ headline: 'Ceasefire holds' });
    await workflow(newsroom, admin).run(article.documentId, 'submit', 'approve', 'publish');
    const res = await articles.update(article.documentId, { slug: 'something-else' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'The slug of an article cannot change once it has been published'
    );
    expect((await articles.find(article.documentId)).body.data.slug).toBe('ceasefire-holds');
  });

  test('keep an editor-chosen slug through headline edits, made unique', async () => {
    const article = await create({ headline: 'Budget vote', slug: 'talks-in-moscow' });
    expect(article.slug).toBe('talks-in-moscow-4');
    const edited = await articles.update(article.documentId, { headline: 'Budget vote delayed' });
    expect(edited.body.data.slug).toBe('talks-in-moscow-4');
  });

  test('are made the same way through the document service', async () => {
    const doc = await newsroom.strapi
      .documents(ARTICLE)
      .create({ data: { headline: 'Щедрый урожай' } as never });
    expect(doc.slug).toBe('shedryj-urozhaj');
  });
});
