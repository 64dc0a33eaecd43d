import type { Browser } from 'playwright-core';
import { createAdminSession, createApiToken, type AdminSession } from '../helpers/admin';
import { adminPage, launchChromium, screenshot } from '../helpers/browser';
import { startNewsroom, type Newsroom } from '../helpers/strapi';
import { postWire } from '../helpers/wire';

/**
 * Finding copy as an editor does: words in the inbox's search box (Russian morphology, the hit
 * marked in its snippet, the view kept in the URL), the board's search box, and subjects picked
 * from the IPTC vocabulary in the Content Manager.
 */
let newsroom: Newsroom;
let browser: Browser;
let editor: AdminSession;
const PASSWORD = 'Test-password-1';
let englishId = 0;

const RUSSIAN = [
  'Путин и Алиев обсудили миротворческую миссию',
  '',
  '28 ноября',
  '',
  'Президент России провел переговоры с президентом Азербайджана Ильхамом Алиевым в Москве.',
].join('\n');

beforeAll(async () => {
  newsroom = await startNewsroom();
  const admin = await createAdminSession(newsroom);
  editor = await createAdminSession(newsroom, 'strapi-editor');
  const token = await createApiToken(newsroom, admin);
  expect(
    (await postWire(newsroom, token, RUSSIAN, 'text/plain; charset=utf-8', { agency: 'TASS' }))
      .status
  ).toBe(201);
  const english = await postWire(
    newsroom,
    token,
    JSON.stringify({
      uri: 'urn:test:browser-search',
      type: 'text',
      language: 'en',
      urgency: 1,
      versioncreated: new Date().toISOString(),
      headlines: [{ role: 'main', value: 'Ceasefire talks resume in Geneva' }],
      bodies: [
        { role: 'main', contenttype: 'text/html', value: '<p>Delegations talked until dawn.</p>' },
      ],
    }),
    'application/json',
    { agency: 'TASS' }
  );
  expect(english.status).toBe(201);
  englishId = english.body.data.id;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await newsroom?.stop();
});

test('the inbox finds Russian copy by another form of a name, marks the hit and keeps the search in the URL', async () => {
  const page = await adminPage(browser, newsroom.url, editor.email, PASSWORD);
  await page.goto(`${newsroom.url}/admin/plugins/newsroom/wire`);
  await page.getByRole('row', { name: /Ceasefire talks resume/ }).waitFor({ timeout: 60_000 });
  // Flash copy says so in words, not colour alone.
  await page.getByTestId('newsroom-urgency').filter({ hasText: 'Flash' }).first().waitFor();

  await page.getByTestId('newsroom-wire-search').fill('Алиеву');
  await page.getByTestId('newsroom-wire-search').press('Enter');
  const hit = page.getByRole('row', { name: /Путин и Алиев/ });
  await hit.waitFor({ timeout: 30_000 });
  await page.getByRole('row', { name: /Ceasefire/ }).waitFor({ state: 'detached' });
  const snippet = page.getByTestId('newsroom-wire-snippet').first();
  await snippet.locator('mark', { hasText: 'Алиевым' }).waitFor();
  expect(decodeURIComponent(page.url())).toContain('q=Алиеву');
  await screenshot(page, '24-wire-inbox-search-russian');

  // The URL is the view: opened again, it shows the same search.
  await page.reload();
  await page.getByRole('row', { name: /Путин и Алиев/ }).waitFor({ timeout: 60_000 });
  await expect(page.getByTestId('newsroom-wire-search').inputValue()).resolves.toBe('Алиеву');

  // English stemming, and a query with nothing to find says so.
  await page.getByTestId('newsroom-wire-search').fill('talk');
  await page.getByTestId('newsroom-wire-search').press('Enter');
  await page.getByRole('row', { name: /Ceasefire talks resume/ }).waitFor({ timeout: 30_000 });
  await page.getByTestId('newsroom-wire-search').fill('zanzibar');
  await page.getByTestId('newsroom-wire-search').press('Enter');
  await page.getByText(/No wire items match/).waitFor({ timeout: 30_000 });
  await page.context().close();
});

test('an editor picks subjects from the IPTC vocabulary in the Content Manager, and the board finds the story', async () => {
  const taken = await newsroom
    .http()
    .post(`/newsroom/wire-items/${englishId}/take`)
    .set(editor.auth);
  expect(taken.status).toBe(201);
  const { documentId } = taken.body.data.article;

  const page = await adminPage(browser, newsroom.url, editor.email, PASSWORD);
  await page.goto(
    `${newsroom.url}/admin/content-manager/collection-types/plugin::newsroom.article/${documentId}?plugins[i18n][locale]=en`
  );
  const picker = page.getByRole('combobox', { name: /subjects/i });
  await picker.waitFor({ timeout: 60_000 });
  await page.getByText('IPTC Media Topics, © IPTC, CC BY 4.0').first().waitFor();
  await picker.click(); // open the list, then type as an editor would
  await picker.fill('diplomacy');
  await page.getByRole('option', { name: /diplomacy/ }).click();
  await page.getByRole('button', { name: /Remove diplomacy/ }).waitFor();
  await screenshot(page, '25-article-subject-picked');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText(/saved/i).first().waitFor({ timeout: 30_000 });
  const row = await newsroom.strapi.db
    .query('plugin::newsroom.article')
    .findOne({ where: { documentId, publishedAt: null } });
  expect(row.subjects).toEqual([{ code: 'medtop:20000639', name: 'diplomacy' }]);

  await page.goto(`${newsroom.url}/admin/plugins/newsroom/board`);
  await page.getByTestId('newsroom-board-search').fill('ceasefire');
  await page.getByTestId('newsroom-board-search').press('Enter');
  await page.getByText('Ceasefire talks resume in Geneva').first().waitFor({ timeout: 30_000 });
  expect(page.url()).toContain('q=ceasefire');
  await page.getByTestId('newsroom-board-search').fill('zanzibar');
  await page.getByTestId('newsroom-board-search').press('Enter');
  await page.getByText('Ceasefire talks resume in Geneva').first().waitFor({ state: 'detached' });
  await screenshot(page, '26-board-search');
  await page.context().close();
});
