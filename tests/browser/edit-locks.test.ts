import type { Browser, Page } from 'playwright-core';
import { createAdminSession, type AdminSession } from '../helpers/admin';
import { articleIn, createArticle, draftRow } from '../helpers/articles';
import { adminPage, eventually, launchChromium, screenshot } from '../helpers/browser';
import { contentManager } from '../helpers/content-manager';
import { lockApi } from '../helpers/locks';
import { startNewsroom, type Newsroom } from '../helpers/strapi';
import { workflow } from '../helpers/workflow';

/**
 * Edit locks as two editors at two browsers meet them: the first to open an article holds it,
 * the second sees who and cannot save or move it on; an Editor may take it over, and the
 * former holder learns it; a tab that goes silent (a closed laptop) loses the lock after its
 * ttl. The Versions tab lists what was published.
 */
const ARTICLE = 'plugin::newsroom.article';
const PASSWORD = 'Test-password-1';
/** Short, so that a silent tab's lock lapses within the test. */
const TTL_SECONDS = 6;
const HEARTBEAT_SECONDS = 1;

let newsroom: Newsroom;
let browser: Browser;
let anna: AdminSession; // an Editor: opens the article first
let boris: AdminSession; // a Chief Editor: opens it second, takes it over
let documentId = '';
let annaPage: Page;
let borisPage: Page;

const ANNA = 'Anna Petrova';
const BORIS = 'Boris Volkov';

const rename = (session: AdminSession, firstname: string, lastname: string) =>
  newsroom.strapi.db
    .query('admin::user')
    .update({ where: { id: session.id }, data: { firstname, lastname } });

beforeAll(async () => {
  newsroom = await startNewsroom({
    env: {
      NEWSROOM_LOCK_TTL: String(TTL_SECONDS),
      NEWSROOM_LOCK_HEARTBEAT: String(HEARTBEAT_SECONDS),
    },
  });
  anna = await createAdminSession(newsroom, 'strapi-editor');
  boris = await createAdminSession(newsroom, 'newsroom-chief-editor');
  await rename(anna, 'Anna', 'Petrova');
  await rename(boris, 'Boris', 'Volkov');
  documentId = await createArticle(newsroom, {
    headline: 'Ferry service to the islands resumes',
    standfirst: 'The first boat leaves on Monday.',
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await newsroom?.stop();
});

/** A logged-in tab at 1440×900. */
const editorPage = async (session: AdminSession) => {
  const page = await adminPage(browser, newsroom.url, session.email, PASSWORD);
  await page.setViewportSize({ width: 1440, height: 900 });
  return page;
};

const articleUrl = (id: string) =>
  `${newsroom.url}/admin/content-manager/collection-types/${ARTICLE}/${id}?plugins[i18n][locale]=en`;

const panel = (page: Page) => page.getByTestId('newsroom-workflow-panel');
const banner = (page: Page) => page.getByTestId('newsroom-lock-banner');
const saveButton = (page: Page) => page.getByRole('button', { name: 'Save', exact: true });
const actionButtons = (page: Page) =>
  panel(page).getByTestId('newsroom-actions').getByRole('button');
const standfirst = (page: Page) => page.locator('textarea[name="standfirst"]');
/** The panel's note that the form has changes: the form knows it is modified. */
const unsaved = (page: Page) =>
  panel(page).getByText('Save your changes before moving the article on.');

/** Opens the article's edit view and waits for the panel and its first word from the lock. */
const openArticle = async (page: Page, id = documentId) => {
  const firstBeat = page.waitForResponse(
    (res) =>
      res.request().method() === 'POST' &&
      new URL(res.url()).pathname === `/newsroom/articles/${id}/lock`,
    { timeout: 60_000 }
  );
  await page.goto(articleUrl(id));
  await panel(page).waitFor({ timeout: 60_000 });
  await page.getByTestId('newsroom-state').waitFor({ timeout: 30_000 });
  expect((await firstBeat).status()).toBe(200);
};

/** Clicks Save and returns the status of the Content Manager's PUT. */
const save = async (page: Page) => {
  const put = page.waitForResponse(
    (res) =>
      res.request().method() === 'PUT' &&
      new URL(res.url()).pathname.endsWith(
        `/content-manager/collection-types/${ARTICLE}/${documentId}`
      ),
    { timeout: 30_000 }
  );
  await saveButton(page).click();
  return (await put).status();
};

/** Waits until every workflow action button is disabled (or enabled). */
const actionsDisabled = async (page: Page, disabled: boolean) => {
  const buttons = actionButtons(page);
  await eventually(
    async () => {
      const states = await buttons.evaluateAll((els) =>
        els.map((el) => (el as unknown as { disabled: boolean }).disabled)
      );
      return states.length > 0 && states.every((d) => d === disabled);
    },
    true,
    15_000
  );
};

/** The lock as someone who does not hold it sees it, over the API. */
const lockSeenFromOutside = async () => {
  const res = await lockApi(newsroom, boris).state(documentId);
  expect(res.status).toBe(200);
  return res.body.data as {
    lock: { holder: { name: string }; expiresAt: string } | null;
  };
};

describe('edit locks in the admin panel', () => {
  test('the second editor to open an article sees who holds it and can neither save nor move it on', async () => {
    annaPage = await editorPage(anna);
    await openArticle(annaPage);
    // Nobody else has it: no banner, the workflow actions are there to use.
    await actionsDisabled(annaPage, false);
    expect(await banner(annaPage).count()).toBe(0);

    borisPage = await editorPage(boris);
    const borisSaves: string[] = [];
    borisPage.on('request', (req) => {
      if (req.method() === 'PUT' && req.url().includes('/content-manager/'))
        borisSaves.push(req.url());
    });
    await openArticle(borisPage);
    await banner(borisPage)
      .getByText(new RegExp(`Locked by ${ANNA} since`))
      .waitFor();
    await borisPage.getByTestId('newsroom-take-over').waitFor();
    await actionsDisabled(borisPage, true);
    // His edits could not be saved: Save stays disabled even with a change in the form.
    await standfirst(borisPage).fill('Boris was here first, he thinks.');
    await unsaved(borisPage).waitFor();
    expect(await saveButton(borisPage).isDisabled()).toBe(true);
    // Nor by the keyboard shortcut, which skips the button.
    await standfirst(borisPage).press('Control+Enter');
    await screenshot(borisPage, '15-edit-locks-banner');

    // Anna, who holds it, saves.
    await standfirst(annaPage).fill('The first boat leaves on Monday morning.');
    await eventually(() => saveButton(annaPage).isEnabled(), true, 10_000);
    expect(await save(annaPage)).toBe(200);
    await eventually(
      async () => (await draftRow(newsroom, documentId)).standfirst,
      'The first boat leaves on Monday morning.'
    );
    // Boris's form is now older than the stored text: his tab says so too.
    await borisPage.getByTestId('newsroom-stale-banner').getByText(new RegExp(ANNA)).waitFor({
      timeout: 15_000,
    });
    expect(borisSaves).toEqual([]);
  });

  test('a Chief Editor takes the article over; the former holder is told and can no longer save', async () => {
    // Boris reloads to see Anna's save; the article is still hers.
    await openArticle(borisPage);
    await banner(borisPage)
      .getByText(new RegExp(`Locked by ${ANNA}`))
      .waitFor();
    // Anna has unsaved changes in her form.
    await standfirst(annaPage).fill('Anna is still typing.');
    await eventually(() => saveButton(annaPage).isEnabled(), true, 10_000);

    await borisPage.getByTestId('newsroom-take-over').click();
    await borisPage.getByText(`${ANNA} will no longer be able to save`, { exact: false }).waitFor();
    await borisPage.getByTestId('newsroom-take-over-confirm').click();
    await banner(borisPage).waitFor({ state: 'detached', timeout: 15_000 });
    await actionsDisabled(borisPage, false);
    await standfirst(borisPage).fill('The first boat leaves on Monday at 7 am.');
    await eventually(() => saveButton(borisPage).isEnabled(), true, 15_000);
    expect(await save(borisPage)).toBe(200);
    await eventually(
      async () => (await draftRow(newsroom, documentId)).standfirst,
      'The first boat leaves on Monday at 7 am.'
    );

    // Anna's next heartbeat learns it.
    await banner(annaPage)
      .getByText(new RegExp(`${BORIS} took over editing`))
      .waitFor({ timeout: 10_000 });
    await eventually(() => saveButton(annaPage).isDisabled(), true, 10_000);
    await actionsDisabled(annaPage, true);
    await screenshot(annaPage, '16-edit-locks-taken-over');
    // The server refuses her save whatever the page shows.
    const refused = await contentManager(newsroom, anna, ARTICLE).update(documentId, {
      standfirst: 'Anna is still typing.',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(BORIS);

    const history = await workflow(newsroom, boris).history(documentId);
    expect(history.status).toBe(200);
    const takeOver = (
      history.body.data as Array<{ action: string; actorName: string; note: string | null }>
    ).find((event) => event.action === 'take-over-lock');
    expect(takeOver).toMatchObject({ actorName: BORIS });
    expect(takeOver!.note).toContain(`Took over editing from ${ANNA}`);
    await annaPage.context().close();
  });

  test("a silent tab's lock lapses after its ttl; the editor waiting gets it without reloading", async () => {
    // Boris leaves the article: his tab lets the lock go at once, well before it would lapse.
    const held = await lockSeenFromOutside();
    expect(held.lock?.holder.name).toBe(BORIS);
    await borisPage.goto(`${newsroom.url}/admin/plugins/newsroom/board`);
    await eventually(async () => (await lockSeenFromOutside()).lock, null, 15_000);
    expect(Date.now()).toBeLessThan(Date.parse(held.lock!.expiresAt));

    // Anna opens it again and holds it; Boris comes back and waits.
    annaPage = await editorPage(anna);
    await openArticle(annaPage);
    await actionsDisabled(annaPage, false);
    await openArticle(borisPage);
    await banner(borisPage)
      .getByText(new RegExp(`Locked by ${ANNA}`))
      .waitFor();

    // Anna is typing when her laptop's lid closes: the page freezes (no timers, no unload,
    // so no heartbeat and no release) and the network is gone.
    await standfirst(annaPage).fill('Anna types on the train.');
    await unsaved(annaPage).waitFor();
    const cdp = await annaPage.context().newCDPSession(annaPage);
    await annaPage.route('**/newsroom/articles/**/lock**', (route) => route.abort());
    await annaPage.context().setOffline(true);
    await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    const silent = await lockSeenFromOutside();
    expect(silent.lock?.holder.name).toBe(ANNA);
    const lapses = Date.parse(silent.lock!.expiresAt);
    expect(lapses - Date.now()).toBeLessThanOrEqual(TTL_SECONDS * 1000);

    // Only the ttl to wait for: Boris's own heartbeat takes the lock once it lapsed.
    await banner(borisPage).waitFor({ state: 'detached', timeout: (TTL_SECONDS + 15) * 1000 });
    expect(Date.now()).toBeGreaterThanOrEqual(lapses);
    expect((await lockSeenFromOutside()).lock?.holder.name).toBe(BORIS);
    await actionsDisabled(borisPage, false);
    await standfirst(borisPage).fill('The first boat leaves on Monday at 8 am.');
    await eventually(() => saveButton(borisPage).isEnabled(), true, 15_000);
    await screenshot(borisPage, '17-edit-locks-lapsed');
    expect(await save(borisPage)).toBe(200);

    // The lid opens again: Anna's tab learns that Boris holds the article now.
    await annaPage.unroute('**/newsroom/articles/**/lock**');
    await annaPage.context().setOffline(false);
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    await banner(annaPage)
      .getByText(new RegExp(`Locked by ${BORIS}`))
      .waitFor({ timeout: 15_000 });
    await eventually(() => saveButton(annaPage).isDisabled(), true, 10_000);
    await annaPage.context().close();
    await borisPage.context().close();
  });

  test('the Versions tab lists an article published through the workflow', async () => {
    const published = await articleIn(newsroom, boris, 'published', {
      headline: 'Bridge reopens after repairs',
    });
    const page = await editorPage(anna);
    await openArticle(page, published);
    await page.getByRole('tab', { name: 'Versions' }).click();
    const rows = page.getByTestId('newsroom-versions').getByTestId('newsroom-version-row');
    await rows.first().waitFor({ timeout: 30_000 });
    expect(await rows.count()).toBe(1);
    await rows.first().getByText('#1 · Published').waitFor();
    await rows
      .first()
      .getByText(new RegExp(`^${BORIS} · `))
      .waitFor();

    await rows.first().getByRole('button', { name: 'View' }).click();
    const frame = page.getByTestId('newsroom-version-frame');
    await frame.waitFor();
    await frame.contentFrame().getByText('Bridge reopens after repairs').first().waitFor();
    await screenshot(page, '18-edit-locks-versions');
    await page.context().close();
  });
});
