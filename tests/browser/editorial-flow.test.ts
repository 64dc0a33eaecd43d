import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { createAdminSession, createApiToken, type AdminSession } from '../helpers/admin';
import { adminPage, delayPermissions, launchChromium, screenshot } from '../helpers/browser';
import { startNewsroom, ROOT, type Newsroom } from '../helpers/strapi';
import { postWire } from '../helpers/wire';

/**
 * The newsroom as people use it, in Chromium against the demo app: an Editor takes the
 * reference story from the wire, edits and submits it; an Author cannot approve; a Chief
 * Editor approves and publishes; the public API then serves it.
 */
let newsroom: Newsroom;
let browser: Browser;
let editor: AdminSession;
let author: AdminSession;
let chief: AdminSession;
const PASSWORD = 'Test-password-1';
const STANDFIRST = 'The leaders meet in Moscow on Tuesday.';
let documentId = '';

beforeAll(async () => {
  newsroom = await startNewsroom();
  const admin = await createAdminSession(newsroom);
  editor = await createAdminSession(newsroom, 'strapi-editor');
  author = await createAdminSession(newsroom, 'strapi-author');
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  // The reference TASS story arrives on the wire.
  const token = await createApiToken(newsroom, admin);
  const wire = fs.readFileSync(path.join(ROOT, 'demo', 'wire', '000_a27df77863c53b78.txt'));
  const res = await postWire(newsroom, token, wire, 'text/plain; charset=utf-8', {
    agency: 'TASS',
  });
  expect(res.status).toBe(201);
  // A second story, for the Author to take and work on.
  const second = JSON.stringify({
    uri: 'urn:tass:e2e-grain',
    type: 'text',
    language: 'en',
    versioncreated: new Date().toISOString(),
    headlines: [{ role: 'main', value: 'Grain corridor talks resume in Istanbul' }],
    bodies: [
      { role: 'main', contenttype: 'text/html', value: '<p>Delegations met on Thursday.</p>' },
    ],
  });
  expect(
    (await postWire(newsroom, token, second, 'application/json', { agency: 'TASS' })).status
  ).toBe(201);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await newsroom?.stop();
});

const panel = (page: Page) => page.getByTestId('newsroom-workflow-panel');

const stateIs = (page: Page, label: string) =>
  page
    .getByTestId('newsroom-state')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .waitFor({ timeout: 30_000 });

const openArticle = async (page: Page) => {
  expect(documentId).not.toBe(''); // set by the Editor's take
  await page.goto(
    `${newsroom.url}/admin/content-manager/collection-types/plugin::newsroom.article/${documentId}?plugins[i18n][locale]=en`
  );
  await panel(page).waitFor({ timeout: 60_000 });
};

describe('the editorial flow in the admin panel', () => {
  test('an Editor takes the story from the wire inbox, edits it and submits it for review', async () => {
    const page = await adminPage(browser, newsroom.url, editor.email, PASSWORD);
    await page.goto(`${newsroom.url}/admin/plugins/newsroom/wire`);
    const row = page.getByRole('row', { name: /Putin and Aliyev to Hold Talks in Moscow/ });
    await row.waitFor({ timeout: 60_000 });

    // The preview shows the parsed story: sections under their subheads.
    await row.getByRole('button', { name: /Putin and Aliyev/ }).click();
    const preview = page.getByTestId('newsroom-wire-preview');
    await preview.getByText('Previous high-level contacts').waitFor();
    await preview.getByText("Peacekeepers' mission").waitFor();
    await page.waitForTimeout(500); // the dialog's opening animation
    await screenshot(page, '1-wire-inbox-preview');
    await page.getByRole('button', { name: 'Close', exact: true }).click();

    await row.getByRole('button', { name: 'Take' }).click();
    await page.waitForURL(
      /content-manager\/collection-types\/plugin::newsroom\.article\/[a-z0-9]+/,
      { timeout: 60_000 }
    );
    documentId = /article\/([a-z0-9]+)/.exec(page.url())![1];
    await panel(page).waitFor({ timeout: 60_000 });
    await stateIs(page, 'Draft');

    await page.locator('textarea[name="standfirst"]').fill(STANDFIRST);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/saved/i).first().waitFor({ timeout: 30_000 });

    await panel(page).getByRole('button', { name: 'Submit for review' }).click();
    await stateIs(page, 'In review');
    await screenshot(page, '2-article-panel-in-review');
    await page.context().close();

    const draft = await newsroom.strapi.db
      .query('plugin::newsroom.article')
      .findOne({ where: { documentId, publishedAt: null } });
    expect(draft).toMatchObject({ standfirst: STANDFIRST, workflowState: 'in_review' });
  });

  test('an Author submits their own story but has no Approve button, and the API refuses the approval', async () => {
    const page = await adminPage(browser, newsroom.url, author.email, PASSWORD);
    // The inbox opened directly renders before the Author's permissions are known; its
    // Take button must appear once they are.
    const slow = await delayPermissions(page, 3000);
    await page.goto(`${newsroom.url}/admin/plugins/newsroom/wire`);
    const row = page.getByRole('row', { name: /Grain corridor talks resume/ });
    await row.waitFor({ timeout: 60_000 });
    await row.getByRole('button', { name: 'Take' }).waitFor({ timeout: 30_000 });
    await slow.end();
    await screenshot(page, '2a-wire-inbox-author');
    await row.getByRole('button', { name: 'Take' }).click();
    await page.waitForURL(/plugin::newsroom\.article\/[a-z0-9]+/, { timeout: 60_000 });
    const own = /article\/([a-z0-9]+)/.exec(page.url())![1];
    await panel(page).waitFor({ timeout: 60_000 });
    await panel(page).getByRole('button', { name: 'Submit for review' }).click();
    await stateIs(page, 'In review');
    const actions = panel(page).getByTestId('newsroom-actions');
    await actions.getByText('Nothing you can do with this article in its state.').waitFor();
    expect(await actions.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await screenshot(page, '2b-article-panel-author');
    await page.context().close();

    const draft = await newsroom.strapi.db
      .query('plugin::newsroom.article')
      .findOne({ where: { documentId: own, publishedAt: null } });
    const res = await newsroom
      .http()
      .post(`/newsroom/articles/${own}/transition`)
      .set(author.auth)
      .send({ action: 'approve', expectedVersion: draft.workflowVersion });
    expect(res.status).toBe(403);
    expect(draft.workflowState).toBe('in_review');
  });

  test('a Chief Editor approves and publishes; the public API serves the article', async () => {
    const page = await adminPage(browser, newsroom.url, chief.email, PASSWORD);
    await openArticle(page);
    await panel(page).getByRole('button', { name: 'Approve' }).click();
    await stateIs(page, 'Approved');
    await panel(page).getByRole('button', { name: 'Publish', exact: true }).click();
    await stateIs(page, 'Published');
    await panel(page).getByTestId('newsroom-history').getByText('Approve').waitFor();
    await screenshot(page, '3-article-panel-published');

    const published = await newsroom.strapi.db
      .query('plugin::newsroom.article')
      .findOne({ where: { documentId, publishedAt: { $notNull: true } } });
    const res = await newsroom.http().get(`/api/newsroom/articles/${published.slug}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      headline: 'Putin and Aliyev to Hold Talks in Moscow',
      standfirst: STANDFIRST,
    });

    await page.goto(`${newsroom.url}/admin/plugins/newsroom/board`);
    await page
      .getByTestId('newsroom-column-published')
      .getByText('Putin and Aliyev to Hold Talks in Moscow')
      .waitFor({ timeout: 60_000 });
    await screenshot(page, '4-workflow-board');

    await page.goto(`${newsroom.url}/admin/plugins/newsroom/dashboard`);
    await page.getByTestId('newsroom-chart').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('newsroom-published-total').textContent()).toContain('1');
    await screenshot(page, '5-dashboard');
    await page.context().close();
  });
});
