import type { Browser, Page } from 'playwright-core';
import { createAdminSession, createApiToken, type AdminSession } from '../helpers/admin';
import { articleIn } from '../helpers/articles';
import { adminPage, eventually, launchChromium, screenshot } from '../helpers/browser';
import { startNewsroom, type Newsroom } from '../helpers/strapi';
import { postWire } from '../helpers/wire';
import { workflow } from '../helpers/workflow';

/**
 * The Newsroom home is the shift's desk: an Author, an Editor and a Chief Editor each see what
 * their role allows; wire arriving while the page is open shows without a reload; Take works in
 * place; the menu icon counts what waits.
 */
let newsroom: Newsroom;
let browser: Browser;
let token: string;
let author: AdminSession;
let editor: AdminSession;
let chief: AdminSession;
const PASSWORD = 'Test-password-1';

const ninjs = (uri: string, headline: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    uri,
    type: 'text',
    language: 'en',
    versioncreated: new Date().toISOString(),
    headlines: [{ role: 'main', value: headline }],
    bodies: [{ role: 'main', contenttype: 'text/html', value: `<p>${headline}.</p>` }],
    ...extra,
  });
const wire = async (uri: string, headline: string, extra: Record<string, unknown> = {}) => {
  const res = await postWire(newsroom, token, ninjs(uri, headline, extra), 'application/json', {
    agency: 'AP',
  });
  expect(res.status).toBe(201);
  return res.body.data.id as number;
};

const openDesk = async (session: AdminSession) => {
  const page = await adminPage(browser, newsroom.url, session.email, PASSWORD);
  await page.goto(`${newsroom.url}/admin/plugins/newsroom`);
  await page.getByRole('heading', { name: 'Desk', level: 1 }).waitFor({ timeout: 60_000 });
  return page;
};
const block = (page: Page, name: string) =>
  page.getByRole('region', { name: new RegExp(`^${name}`) });

beforeAll(async () => {
  newsroom = await startNewsroom();
  const admin = await createAdminSession(newsroom);
  author = await createAdminSession(newsroom, 'strapi-author');
  editor = await createAdminSession(newsroom, 'strapi-editor');
  chief = await createAdminSession(newsroom, 'newsroom-chief-editor');
  token = await createApiToken(newsroom, admin);
  await wire('urn:desk:quiet', 'Harvest festival opens');
  await wire('urn:desk:flash', 'Earthquake shakes the coast', { urgency: 1 });
  await articleIn(newsroom, chief, 'scheduled', { headline: 'Budget vote tonight' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await newsroom?.stop();
});

test('an Author takes wire from the desk, submits it, and sees no review queue', async () => {
  const page = await openDesk(author);
  const incoming = block(page, 'Incoming wire');
  const items = incoming.getByRole('listitem');
  await items.first().waitFor({ timeout: 30_000 });
  // Urgent copy on top, said in words.
  await items.first().getByText('Flash').waitFor();
  await items.first().getByText('Earthquake shakes the coast').waitFor();
  expect(await block(page, 'Waiting for review').count()).toBe(0);
  await screenshot(page, '27-desk-author');

  await incoming.getByRole('button', { name: 'Take “Harvest festival opens”' }).click();
  await page.waitForURL(/content-manager\/collection-types\/plugin::newsroom\.article\//u, {
    timeout: 60_000,
  });
  const documentId = /plugin::newsroom\.article\/([^/?]+)/u.exec(page.url())![1];
  await workflow(newsroom, author).run(documentId, 'submit');

  await page.goto(`${newsroom.url}/admin/plugins/newsroom`);
  await block(page, 'My stories').getByRole('link', { name: 'Harvest festival opens' }).waitFor({
    timeout: 30_000,
  });
  await page.context().close();
});

test('an Editor sees the review queue, and wire arriving while the desk is open', async () => {
  const page = await openDesk(editor);
  await block(page, 'Waiting for review')
    .getByRole('link', { name: 'Harvest festival opens' })
    .waitFor({ timeout: 30_000 });
  // The menu icon counts what waits: the new wire item and the story to review.
  await page.getByTestId('newsroom-menu-count').waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('newsroom-menu-count').textContent()).toBe('2');
  await screenshot(page, '28-desk-editor');

  await wire('urn:desk:live', 'Storm warning issued');
  await block(page, 'Incoming wire').getByText('Storm warning issued').waitFor({ timeout: 30_000 });
  await page.context().close();
});

test('a Chief Editor sees what is due next, in their time zone', async () => {
  const page = await openDesk(chief);
  const due = block(page, 'Due next');
  await due.getByRole('link', { name: 'Budget vote tonight' }).waitFor({ timeout: 30_000 });
  await due.getByText(/^Publishes /u).waitFor();
  await screenshot(page, '29-desk-chief-editor');
  await page.context().close();
});

test('the board fits 1280, 1440 and 1920 px: every state in view, the terminal ones folded until opened', async () => {
  await articleIn(newsroom, chief, 'killed', { headline: 'Withdrawn rumour' });
  const page = await adminPage(browser, newsroom.url, chief.email, PASSWORD);
  for (const width of [1280, 1440, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${newsroom.url}/admin/plugins/newsroom/board`);
    await page.getByTestId('newsroom-column-killed').waitFor({ timeout: 60_000 });
    for (const state of [
      'draft',
      'in_review',
      'approved',
      'scheduled',
      'published',
      'killed',
      'spiked',
    ]) {
      const box = await page.getByTestId(`newsroom-column-${state}`).boundingBox();
      expect(box).not.toBeNull();
      // The whole column is on screen: none past the right edge, no scrolling to find it.
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
    }
    await screenshot(page, `30-board-${width}`);
  }
  // A folded column opens on demand, from the keyboard too, and shows its cards.
  const unfold = page.getByRole('button', { name: /^Killed: 1/u });
  await unfold.focus();
  await page.keyboard.press('Enter');
  await page
    .getByTestId('newsroom-column-killed')
    .getByRole('link', { name: 'Withdrawn rumour' })
    .waitFor({ timeout: 30_000 });
  await screenshot(page, '31-board-killed-unfolded');
  await page.context().close();
});

test('board filters pick a rubric by name, and the URL keeps it', async () => {
  const rubrics = newsroom.strapi.plugin('newsroom').service('rubrics');
  const sport = await rubrics.findOrCreate('Sport');
  await rubrics.findOrCreate('World news');
  await articleIn(newsroom, chief, 'in_review', {
    headline: 'Cup final tonight',
    rubric: sport.id,
  });
  await articleIn(newsroom, chief, 'in_review', { headline: 'Summit ends' });
  const page = await adminPage(browser, newsroom.url, editor.email, PASSWORD);
  await page.goto(`${newsroom.url}/admin/plugins/newsroom/board`);
  const review = page.getByTestId('newsroom-column-in_review');
  await review.getByRole('link', { name: 'Summit ends' }).waitFor({ timeout: 60_000 });

  const rubric = page.getByTestId('newsroom-rubric-filter').getByRole('combobox');
  await rubric.click(); // open the list, then type as an editor would
  await rubric.fill('spo');
  await page.getByRole('option', { name: /Sport/u }).click({ timeout: 30_000 });
  await review.getByRole('link', { name: 'Summit ends' }).waitFor({ state: 'detached' });
  await review.getByRole('link', { name: 'Cup final tonight' }).waitFor();
  expect(new URL(page.url()).searchParams.get('rubric')).toBe(sport.slug);
  await screenshot(page, '32-board-rubric-picked');

  // The URL is the view: opened again, the picker shows the rubric by its name.
  await page.reload();
  await eventually(() => rubric.inputValue(), 'Sport');
  await page.context().close();
});
