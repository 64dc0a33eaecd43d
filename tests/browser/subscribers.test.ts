import type { Browser, Locator, Page } from 'playwright-core';
import { createAdminSession, type AdminSession } from '../helpers/admin';
import { articleIn } from '../helpers/articles';
import { adminPage, eventually, launchChromium, screenshot } from '../helpers/browser';
import { startReceiver, type Receiver } from '../helpers/receiver';
import { startNewsroom, type Newsroom } from '../helpers/strapi';
import { workflow } from '../helpers/workflow';

/**
 * Push to subscribers in the admin panel: a Chief Editor adds a partner's endpoint (its
 * secret never shown again), publications reach it and show as delivered, a failing endpoint
 * shows its attempts and last error, and Resend sends the latest change again (an older one
 * is refused, with the server's reason). The endpoint is a real receiver on 127.0.0.1, which
 * this newsroom is configured to allow; retries are fast so failures settle within seconds.
 */
let newsroom: Newsroom;
let browser: Browser;
let receiver: Receiver;
let chief: AdminSession;
const PASSWORD = 'Test-password-1';
const SECRET = 'partner-signing-secret-0123456789';
const PATH = '/newsroom-hook';
const PARTNER = 'Partner site';
const ARTICLE = 'plugin::newsroom.article';

beforeAll(async () => {
  receiver = await startReceiver(SECRET);
  newsroom = await startNewsroom({
    env: {
      NEWSROOM_FEEDS_PRIVATE_ADDRESSES: 'true',
      NEWSROOM_PUSH_RETRY_BASE: '0.05',
      NEWSROOM_PUSH_RETRY_MAX: '0.2',
    },
  });
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await newsroom?.stop();
  await receiver?.stop();
});

interface Delivery {
  id: number;
  documentId: string;
  event: string;
  status: string;
}

/** The deliveries as the admin API lists them, newest first. */
const deliveries = async (): Promise<Delivery[]> => {
  const res = await newsroom.http().get('/newsroom/push-deliveries').set(chief.auth);
  expect(res.status).toBe(200);
  return res.body.data;
};

const deliveryOf = async (documentId: string, event = 'publish') => {
  const found = (await deliveries()).find((d) => d.documentId === documentId && d.event === event);
  if (!found) throw new Error(`No ${event} delivery of ${documentId}`);
  return found;
};

const deliveryRow = (page: Page, id: number) => page.getByTestId(`newsroom-delivery-${id}`);

/** The row's status badge once it reads `label` (the table reloads every 5 s). */
const statusIs = (row: Locator, label: string) =>
  row
    .getByTestId('newsroom-delivery-status')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .waitFor({ timeout: 30_000 });

/** Everything the page holds: its markup, its text and what its inputs hold. */
const everythingOn = (page: Page) =>
  page.evaluate(() => {
    const doc = (
      globalThis as unknown as {
        document: {
          documentElement: { outerHTML: string };
          body: { innerText: string };
          querySelectorAll(selector: string): ArrayLike<{ value: string }>;
        };
      }
    ).document;
    const values = Array.from(doc.querySelectorAll('input, textarea'), (input) => input.value);
    return [doc.documentElement.outerHTML, doc.body.innerText, ...values].join('\n');
  });

describe('subscribers in the admin panel', () => {
  let page: Page;
  let first = '';
  let second = '';

  beforeAll(async () => {
    // One session for the whole story: the admin panel limits how often one user logs in.
    page = await adminPage(browser, newsroom.url, chief.email, PASSWORD);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  test('a Chief Editor adds a subscriber; its secret is not shown again, even in the form', async () => {
    await page.goto(`${newsroom.url}/admin/plugins/newsroom`);
    await page.getByRole('link', { name: 'Subscribers', exact: true }).click({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Subscribers' }).waitFor({ timeout: 60_000 });
    await page
      .getByText('No subscribers yet: add one to push publications to a partner site or app.')
      .waitFor();
    await page.getByText(/^Nothing sent yet/).waitFor();

    await page.getByRole('button', { name: 'Add subscriber' }).click();
    const form = page.getByRole('dialog');
    await form.getByRole('textbox', { name: /^Name/ }).fill(PARTNER);
    await form.getByRole('textbox', { name: /^Address \(URL\)/ }).fill(`${receiver.url}${PATH}`);
    // A refusal from the server shows in the form, which stays open.
    await form.getByLabel(/^Signing secret/).fill('too-short');
    await form.getByRole('button', { name: 'Save' }).click();
    await form
      .getByTestId('newsroom-subscriber-form-error')
      .getByText('secret must be at least 16 characters')
      .waitFor({ timeout: 30_000 });
    await form.getByLabel(/^Signing secret/).fill(SECRET);
    for (const event of ['Publish', 'Correction', 'Kill'])
      expect(await form.getByRole('checkbox', { name: event, exact: true }).isChecked()).toBe(true);
    expect(await form.getByRole('checkbox', { name: 'Unpublish' }).isChecked()).toBe(false);
    await form.getByRole('button', { name: 'Save' }).click();

    const row = page.getByRole('row', { name: PARTNER, exact: true });
    await row.waitFor({ timeout: 30_000 });
    await row.getByText(`${receiver.url}${PATH}`).waitFor();
    await row.getByText('Newsroom JSON').waitFor();
    await row.getByText('Publish, Correction, Kill').waitFor();
    await row.getByText('All articles').waitFor();
    expect(await row.getByTestId('newsroom-subscriber-secret').textContent()).toBe('Set');
    expect(await row.getByRole('switch', { name: `Enabled: ${PARTNER}` }).isChecked()).toBe(true);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await everythingOn(page)).not.toContain(SECRET);

    // Editing starts with the secret empty, and says that empty keeps it.
    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog');
    await edit.getByText(/^Leave empty to keep the current secret/).waitFor();
    expect(await edit.getByLabel(/^Signing secret/).inputValue()).toBe('');
    expect(await everythingOn(page)).not.toContain(SECRET);
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    const [stored] = (await newsroom.http().get('/newsroom/subscribers').set(chief.auth)).body.data;
    expect(stored).toMatchObject({
      name: PARTNER,
      url: `${receiver.url}${PATH}`,
      format: 'newsroom',
      events: ['publish', 'correct', 'kill'],
      enabled: true,
      hasSecret: true,
    });
  });

  test('a published article reaches the subscriber and shows as delivered', async () => {
    first = await articleIn(newsroom, chief, 'published', { headline: 'Pushed to partners' });
    const [push] = await receiver.waitFor(PATH, 1);
    expect(push.signed).toBe(true);
    expect(JSON.parse(push.body)).toMatchObject({ event: 'publish', documentId: first });

    const delivery = await deliveryOf(first);
    await page.getByRole('button', { name: 'Refresh' }).click();
    const row = deliveryRow(page, delivery.id);
    await statusIs(row, 'Delivered');
    await row.getByText(PARTNER).waitFor();
    await row.getByText('Publish', { exact: true }).waitFor();
    await row.getByRole('link', { name: first }).waitFor();
    await row.getByText('(en)').waitFor();
    expect(await row.getByTestId('newsroom-delivery-attempts').textContent()).toBe('1');
    expect(await row.getByTestId('newsroom-delivery-last').textContent()).toBe('HTTP 200');
    expect(await row.getByRole('gridcell').nth(4).textContent()).toBe('1'); // the version
    expect(await row.getByRole('gridcell').nth(8).textContent()).not.toBe('—'); // delivered at
    expect(await row.getByRole('button', { name: 'Resend' }).isEnabled()).toBe(true);
    await screenshot(page, '19-subscribers-delivered');
  });

  test('a failing subscriber shows every attempt counted and the last error', async () => {
    // Every attempt refused (8, the default before a delivery is marked failed).
    receiver.answer(PATH, [500, 500, 500, 500, 500, 500, 500, 500]);
    second = await articleIn(newsroom, chief, 'published', { headline: 'Refused by partners' });
    await receiver.waitFor(PATH, 9);
    const delivery = await deliveryOf(second);
    const row = deliveryRow(page, delivery.id);
    await statusIs(row, 'Failed');
    expect(await row.getByTestId('newsroom-delivery-attempts').textContent()).toBe('8');
    const last = row.getByTestId('newsroom-delivery-last');
    await last.getByText('HTTP 500').waitFor();
    await last.getByText('Answered 500: try later').waitFor();
    expect(await row.getByRole('gridcell').nth(8).textContent()).toBe('—');

    // The filters narrow the table to the failures.
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Failed', exact: true }).click();
    await eventually(
      () => page.locator('[data-testid^="newsroom-delivery-"][data-status]').count(),
      1
    );
    await statusIs(row, 'Failed');
    await screenshot(page, '20-subscribers-delivery-failed');
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'All statuses' }).click();
    await eventually(
      () => page.locator('[data-testid^="newsroom-delivery-"][data-status]').count(),
      2
    );
  });

  test('Resend sends the latest delivered change again, the same body under the same key', async () => {
    const delivery = await deliveryOf(first);
    const row = deliveryRow(page, delivery.id);
    await row.getByRole('button', { name: 'Resend' }).click();
    await page.getByText('Queued to be sent again').waitFor({ timeout: 30_000 });
    const pushes = await receiver.waitFor(PATH, 10);
    const [original, again] = [pushes[0], pushes[9]];
    expect(again.signed).toBe(true);
    expect(again.headers['idempotency-key']).toBe(original.headers['idempotency-key']);
    expect(again.body).toBe(original.body);
    await statusIs(row, 'Delivered');
    await eventually(async () => row.getByTestId('newsroom-delivery-attempts').textContent(), '1');

    // The failed one goes again too, and now the partner accepts it.
    const failed = deliveryRow(page, (await deliveryOf(second)).id);
    await failed.getByRole('button', { name: 'Resend' }).click();
    await receiver.waitFor(PATH, 11);
    await statusIs(failed, 'Delivered');
    await screenshot(page, '21-subscribers-resent');
  });

  test('Resend of an older change is refused, with the server’s reason', async () => {
    await newsroom.strapi.documents(ARTICLE).update({
      documentId: first,
      data: { headline: 'Pushed to partners, corrected' } as never,
    });
    await workflow(newsroom, chief).run(first, { action: 'correct', note: 'Headline' });
    await receiver.waitFor(PATH, 12);
    const correction = await deliveryOf(first, 'correct');
    await statusIs(deliveryRow(page, correction.id), 'Delivered');
    await deliveryRow(page, correction.id).getByText('Correction', { exact: true }).waitFor();

    const older = deliveryRow(page, (await deliveryOf(first)).id);
    await older.getByRole('button', { name: 'Resend' }).click();
    // Beside the row, as it names the delivery to resend instead.
    await page
      .getByTestId('newsroom-delivery-refusal')
      .getByText(
        `Resend refused: A later change of this article went to this subscriber (delivery ${correction.id}); resend that one, so that nothing older arrives after it`
      )
      .waitFor({ timeout: 30_000 });
    await screenshot(page, '22-subscribers-resend-refused');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.received.filter((r) => r.path === PATH)).toHaveLength(12);
  });
});

test('the Subscribers page in Russian', async () => {
  // A Chief Editor of their own: the admin panel limits how often one user logs in.
  const russian = await createAdminSession(newsroom, 'newsroom-chief-editor');
  const page = await adminPage(browser, newsroom.url, russian.email, PASSWORD);
  // The admin panel's own language switch keeps the choice here (Strapi's LANGUAGE_LOCAL_STORAGE_KEY).
  await page.evaluate(() =>
    (
      globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
    ).localStorage.setItem('strapi-admin-language', 'ru')
  );
  await page.goto(`${newsroom.url}/admin/plugins/newsroom/subscribers`);
  await page.getByRole('heading', { name: 'Подписчики' }).waitFor({ timeout: 60_000 });
  await page.getByRole('heading', { name: 'Последние отправки' }).waitFor();
  await page.getByRole('button', { name: 'Добавить подписчика' }).waitFor();
  for (const header of [
    'Название',
    'Адрес (URL)',
    'Формат',
    'События',
    'Фильтр',
    'Включён',
    'Секрет',
    'Время',
    'Подписчик',
    'Событие',
    'Материал',
    'Версия',
    'Статус',
    'Попытки',
    'Последний ответ',
    'Время доставки',
  ])
    await page.getByRole('columnheader', { name: header, exact: true }).waitFor();
  const row = page.getByRole('row', { name: PARTNER, exact: true });
  await row.getByText('Публикация, Исправление, Отзыв').waitFor({ timeout: 30_000 });
  await row.getByText('Все материалы').waitFor();
  await page.getByTestId('newsroom-delivery-status').getByText('Доставлено').first().waitFor();
  // The two publications and the correction.
  expect(await page.getByRole('button', { name: 'Повторить', exact: true }).count()).toBe(3);
  await screenshot(page, '23-subscribers-russian');
  await page.context().close();
});

test('those who may not manage subscribers are not shown the page', async () => {
  const editor = await createAdminSession(newsroom, 'strapi-editor');
  const page = await adminPage(browser, newsroom.url, editor.email, PASSWORD);
  await page.goto(`${newsroom.url}/admin/plugins/newsroom`);
  await page.getByRole('link', { name: 'Wire inbox' }).waitFor({ timeout: 60_000 });
  expect(await page.getByRole('link', { name: 'Subscribers', exact: true }).count()).toBe(0);
  await page.goto(`${newsroom.url}/admin/plugins/newsroom/subscribers`);
  await page.getByText(/don.t have the permissions/i).waitFor({ timeout: 60_000 });
  expect(await page.getByRole('button', { name: 'Add subscriber' }).count()).toBe(0);
  await page.context().close();
});
