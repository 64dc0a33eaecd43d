import type { Browser, Page } from 'playwright-core';
import { createAdminSession, createApiToken, type AdminSession } from '../helpers/admin';
import { draftRow } from '../helpers/articles';
import { adminPage, eventually, launchChromium, screenshot } from '../helpers/browser';
import { ninjsItem, rss, startFeedServer, type FeedServer } from '../helpers/feed-server';
import { startNewsroom, type Newsroom } from '../helpers/strapi';
import { postWire } from '../helpers/wire';
import { workflow } from '../helpers/workflow';

/**
 * Agency feeds in the admin panel: a Chief Editor adds a feed and polls it; a failing feed
 * turns red and the wire inbox says so; an agency kill shows at the top of the inbox and on
 * the article, and the Chief Editor clears it with a note. The feed server is a real one on
 * 127.0.0.1, which this newsroom is configured to allow.
 */
let newsroom: Newsroom;
let browser: Browser;
let server: FeedServer;
let chief: AdminSession;
let token: string;
const PASSWORD = 'Test-password-1';
const FEED_UID = 'plugin::newsroom.feed';

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/wire.rss', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(
      rss([
        { guid: 'urn:feedco:b1', title: 'Ferry service resumes on the Neva', body: 'Boats run.' },
        { guid: 'urn:feedco:b2', title: 'City budget passes first reading', body: 'Votes cast.' },
      ])
    );
  });
  server.route('/broken.rss', (_req, res) => {
    res.writeHead(503).end('down for maintenance');
  });
  newsroom = await startNewsroom({
    env: {
      NEWSROOM_FEEDS_PRIVATE_ADDRESSES: 'true',
      NEWSROOM_FEEDS_HOSTS: '127.0.0.1',
      NEWSROOM_FEEDS_MIN_INTERVAL: '1',
      NEWSROOM_FEEDS_TIMEOUT: '5',
    },
  });
  const admin = await createAdminSession(newsroom);
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  token = await createApiToken(newsroom, admin);
  await newsroom.strapi.plugin('newsroom').service('agencies').findOrCreate('FEEDCO');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await newsroom?.stop();
  await server?.stop();
});

const openFeeds = async (page: Page) => {
  await page.goto(`${newsroom.url}/admin/plugins/newsroom/feeds`);
  await page.getByRole('heading', { name: 'Feeds' }).waitFor({ timeout: 60_000 });
};

const feedRow = (page: Page, name: string) => page.getByRole('row', { name, exact: true });

/** The row's light once it reads `label` (the list reloads after every change). */
const lightIs = (page: Page, name: string, label: string) =>
  feedRow(page, name)
    .getByTestId('newsroom-feed-light')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .waitFor({ timeout: 30_000 });

const feedNamed = (name: string) =>
  newsroom.strapi.db.query(FEED_UID).findOne({ where: { name }, populate: ['agencies'] });

describe('feeds in the admin panel', () => {
  test('a Chief Editor adds an RSS feed, polls it now and sees the result, a green light and the items', async () => {
    const page = await adminPage(browser, newsroom.url, chief.email, PASSWORD);
    await page.goto(`${newsroom.url}/admin/plugins/newsroom`);
    await page.getByRole('link', { name: 'Feeds', exact: true }).click({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Feeds' }).waitFor({ timeout: 60_000 });
    await page.getByText('No feeds yet: add one to poll an agency.').waitFor();

    await page.getByRole('button', { name: 'Add a feed' }).click();
    const form = page.getByRole('dialog');
    await form.getByRole('textbox', { name: /^Name/ }).fill('FEEDCO wire');
    await form.getByRole('textbox', { name: /^Address \(URL\)/ }).fill(`${server.url}/wire.rss`);
    await form.getByRole('combobox', { name: /^Agencies/ }).click();
    await page.getByRole('option', { name: /^FEEDCO/ }).click();
    await page.keyboard.press('Escape');
    await form.getByLabel('Poll every (seconds)').waitFor(); // the list closed, not the form
    await form.getByLabel('Poll every (seconds)').fill('60');
    // Drop folders are not configured on this server: the kind is not offered.
    await form.getByRole('combobox', { name: /^Kind/ }).click();
    expect(await page.getByRole('option', { name: 'Drop folder' }).count()).toBe(0);
    await page.getByRole('option', { name: 'RSS / Atom' }).click();
    await form.getByRole('button', { name: 'Save' }).click();

    await lightIs(page, 'FEEDCO wire', 'Healthy');
    const stored = await feedNamed('FEEDCO wire');
    expect(stored).toMatchObject({
      kind: 'rss',
      url: `${server.url}/wire.rss`,
      intervalSeconds: 60,
      enabled: true,
      credentialsType: 'none',
    });
    expect(stored.agencies.map((a: { code: string }) => a.code)).toEqual(['FEEDCO']);

    await feedRow(page, 'FEEDCO wire').getByRole('button', { name: 'Poll now' }).click();
    const result = page.getByTestId('newsroom-poll-result');
    await result.getByText('New: 2 · Updated: 0 · Duplicates: 0').waitFor({ timeout: 30_000 });
    await result.getByText(/^Read$/).waitFor();
    const row = feedRow(page, 'FEEDCO wire');
    await lightIs(page, 'FEEDCO wire', 'Healthy');
    // Items today, and the last success with its time.
    await row.getByRole('gridcell', { name: '2', exact: true }).waitFor();
    expect(await row.getByRole('gridcell').nth(4).textContent()).not.toBe('—');
    await screenshot(page, '10-feeds-polled');

    await page.goto(`${newsroom.url}/admin/plugins/newsroom/wire`);
    await page
      .getByRole('row', { name: /Ferry service resumes on the Neva/ })
      .waitFor({ timeout: 60_000 });
    await page.getByRole('row', { name: /City budget passes first reading/ }).waitFor();
    await page.context().close();
  });

  test('a refused save shows the server’s message in the form, which stays open', async () => {
    const page = await adminPage(browser, newsroom.url, chief.email, PASSWORD);
    await openFeeds(page);
    await page.getByRole('button', { name: 'Add a feed' }).click();
    const form = page.getByRole('dialog');
    await form.getByRole('textbox', { name: /^Name/ }).fill('No agency');
    await form.getByRole('textbox', { name: /^Address \(URL\)/ }).fill(`${server.url}/wire.rss`);
    await form.getByRole('button', { name: 'Save' }).click();
    await form
      .getByTestId('newsroom-feed-form-error')
      .getByText('agencies must name at least one agency the feed speaks for')
      .waitFor({ timeout: 30_000 });
    expect(await feedNamed('No agency')).toBeNull();
    await page.context().close();
  });

  test('a failing feed turns amber, then red after three polls; the wire inbox shows its alert', async () => {
    const agency = await newsroom.strapi
      .plugin('newsroom')
      .service('agencies')
      .findOrCreate('FEEDCO');
    const created = await newsroom
      .http()
      .post('/newsroom/feeds')
      .set(chief.auth)
      .send({
        name: 'Broken wire',
        kind: 'rss',
        url: `${server.url}/broken.rss`,
        agencies: [agency.id],
        intervalSeconds: 60,
      });
    expect(created.status).toBe(201);

    const page = await adminPage(browser, newsroom.url, chief.email, PASSWORD);
    await openFeeds(page);
    const poll = feedRow(page, 'Broken wire').getByRole('button', { name: 'Poll now' });
    for (const [failures, light] of [
      [1, 'Needs a look'],
      [2, 'Needs a look'],
      [3, 'Failing'],
    ] as const) {
      await poll.click({ timeout: 30_000 });
      await eventually(async () => (await feedNamed('Broken wire')).consecutiveFailures, failures);
      await lightIs(page, 'Broken wire', light);
    }
    const result = page.getByTestId('newsroom-poll-result');
    await result.getByText(/^Failed$/).waitFor();
    await result.getByText(/answered 503/).waitFor();
    await page
      .getByTestId('newsroom-feed-health-alert')
      .getByText(/Failed 3 times in a row: .*answered 503/)
      .waitFor({ timeout: 30_000 });
    await screenshot(page, '11-feeds-failing');

    await page.goto(`${newsroom.url}/admin/plugins/newsroom/wire`);
    const alert = page.getByTestId('newsroom-feed-alert');
    await alert.getByText('Feed Broken wire: Failing').waitFor({ timeout: 60_000 });
    await alert.getByText(/Failed 3 times in a row/).waitFor();
    expect(await alert.getAttribute('data-variant')).toBe('danger');
    await page.context().close();
  });

  test('an agency kill shows red at the top of the inbox and on the article; the Chief Editor clears it with a note', async () => {
    const uri = 'urn:killco:harbour';
    const send = (item: object) =>
      postWire(newsroom, token, JSON.stringify(item), 'application/ninjs+json', {
        agency: 'KILLCO',
      });
    const posted = await send(ninjsItem(uri, 'Harbour closed after chemical spill'));
    expect(posted.status).toBe(201);
    const taken = await newsroom
      .http()
      .post(`/newsroom/wire-items/${posted.body.data.id}/take`)
      .set(chief.auth);
    const { documentId } = taken.body.data.article;
    await workflow(newsroom, chief).run(documentId, 'submit', 'approve');
    const kill = await send(
      ninjsItem(uri, 'Harbour closed after chemical spill', {
        version: '2',
        pubstatus: 'canceled',
        bodies: [{ role: 'main', contenttype: 'text/plain', value: 'KILL: legal reasons.' }],
      })
    );
    expect(kill.status).toBe(201);
    expect(kill.body.meta.advisory.flagged).toEqual([documentId]);

    const page = await adminPage(browser, newsroom.url, chief.email, PASSWORD);
    await page.goto(`${newsroom.url}/admin/plugins/newsroom/wire`);
    const alerts = page.getByTestId('newsroom-wire-alerts');
    const killAlert = alerts.getByTestId('newsroom-agency-alert');
    await killAlert
      .getByText('The agency has killed this story: Harbour closed after chemical spill')
      .waitFor({ timeout: 60_000 });
    await killAlert.getByText('Agency notice: KILL: legal reasons.').waitFor();
    await killAlert.getByText(/KILLCO/).waitFor();
    // Kills first, then the feeds' alerts; both loud.
    expect(await alerts.locator('[data-variant]').first().getAttribute('data-testid')).toBe(
      'newsroom-agency-alert'
    );
    expect(await killAlert.getAttribute('data-variant')).toBe('danger');
    await screenshot(page, '12-wire-inbox-agency-kill');

    // The board's card says it too.
    await page.goto(`${newsroom.url}/admin/plugins/newsroom/board`);
    const card = page
      .getByTestId('newsroom-column-approved')
      .getByTestId('newsroom-card-agency-alert');
    await card.getByText('Agency kill').waitFor({ timeout: 60_000 });
    await card.getByText('KILL: legal reasons.').waitFor();

    await page.goto(`${newsroom.url}/admin/plugins/newsroom/wire`);
    await killAlert.getByRole('link', { name: 'Open the article' }).click({ timeout: 60_000 });
    await page.waitForURL(new RegExp(`plugin::newsroom\\.article/${documentId}\\?.*locale.*=en`), {
      timeout: 60_000,
    });
    const panel = page.getByTestId('newsroom-workflow-panel');
    const onArticle = panel.getByTestId('newsroom-agency-alert');
    await onArticle.getByText('The agency has killed this story').waitFor({ timeout: 60_000 });
    await onArticle.getByText('Agency notice: KILL: legal reasons.').waitFor();
    const clear = onArticle.getByRole('button', { name: 'Clear with a note' });
    expect(await clear.isDisabled()).toBe(true); // the note is required
    await onArticle
      .getByLabel('Why it may run after all')
      .fill('Legal cleared our own reporting; runs without agency copy.');
    await screenshot(page, '13-article-agency-kill');
    await clear.click();

    await panel
      .getByTestId('newsroom-history')
      .getByText('Agency alert cleared')
      .waitFor({ timeout: 60_000 });
    expect(await panel.getByTestId('newsroom-agency-alert').count()).toBe(0);
    expect((await draftRow(newsroom, documentId)).agencyAlert).toBeNull();
    const [event] = (await workflow(newsroom, chief).history(documentId)).body.data;
    expect([event.action, event.note]).toEqual([
      'clear-agency-alert',
      'Agency kill cleared: Legal cleared our own reporting; runs without agency copy.',
    ]);
    await page.goto(`${newsroom.url}/admin/plugins/newsroom/wire`);
    await page.getByRole('heading', { name: 'Wire inbox' }).waitFor({ timeout: 60_000 });
    await alerts.getByTestId('newsroom-feed-alert').waitFor({ timeout: 30_000 });
    expect(await alerts.getByTestId('newsroom-agency-alert').count()).toBe(0);
    await page.context().close();
  });

  test('the Feeds page in Russian', async () => {
    // A Chief Editor of their own: the admin panel limits how often one user logs in.
    const russian = await createAdminSession(newsroom, 'newsroom-chief-editor');
    const page = await adminPage(browser, newsroom.url, russian.email, PASSWORD);
    // The admin panel's own language switch keeps the choice here (Strapi's LANGUAGE_LOCAL_STORAGE_KEY).
    await page.evaluate(() =>
      (
        globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
      ).localStorage.setItem('strapi-admin-language', 'ru')
    );
    await page.goto(`${newsroom.url}/admin/plugins/newsroom/feeds`);
    await page.getByRole('heading', { name: 'Ленты' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Добавить ленту' }).waitFor();
    expect(await page.getByRole('button', { name: 'Опросить сейчас' }).count()).toBe(2);
    await lightIs(page, 'Broken wire', 'Сбой');
    await page.getByText('Сообщений за сегодня').waitFor();
    await screenshot(page, '14-feeds-russian');

    await page.goto(`${newsroom.url}/admin/plugins/newsroom/wire`);
    await page
      .getByTestId('newsroom-feed-alert')
      .getByText('Лента Broken wire: Сбой')
      .waitFor({ timeout: 60_000 });
    await page.context().close();
  });

  test('those who may not manage feeds are not shown the page', async () => {
    const editor = await createAdminSession(newsroom, 'strapi-editor');
    const page = await adminPage(browser, newsroom.url, editor.email, PASSWORD);
    await page.goto(`${newsroom.url}/admin/plugins/newsroom`);
    await page.getByRole('link', { name: 'Wire inbox' }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('link', { name: 'Feeds', exact: true }).count()).toBe(0);
    await page.goto(`${newsroom.url}/admin/plugins/newsroom/feeds`);
    await page.getByText(/don.t have the permissions/i).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('button', { name: 'Poll now' }).count()).toBe(0);
    await page.context().close();
  });
});
