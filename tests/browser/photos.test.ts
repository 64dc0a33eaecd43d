import type { Browser } from 'playwright-core';
import { createAdminSession, createApiToken, type AdminSession } from '../helpers/admin';
import {
  adminPage,
  delayPermissions,
  eventually,
  launchChromium,
  screenshot,
} from '../helpers/browser';
import { photo, withMetadata } from '../helpers/images';
import { renditionsSettled } from '../helpers/renditions';
import { startNewsroom, type Newsroom } from '../helpers/strapi';
import { uploadAsAdmin } from '../helpers/uploads';
import { postWire } from '../helpers/wire';

/** Photo credits beside the article form, and regenerating renditions with a progress bar. */
let newsroom: Newsroom;
let browser: Browser;
let admin: AdminSession;

beforeAll(async () => {
  newsroom = await startNewsroom();
  admin = await createAdminSession(newsroom);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await renditionsSettled(newsroom);
  await newsroom?.stop();
});

describe('photos in the admin panel', () => {
  test('credits from the file fill the photo; a photo without a credit is flagged and blocks publishing', async () => {
    const credited = await uploadAsAdmin(
      newsroom,
      admin.auth,
      await withMetadata(await photo(1200, 800), [
        '-IPTC:Credit=Photo: TASS',
        '-IPTC:By-line=Mikhail Metzel',
      ]),
      'credited.jpg'
    );
    const bare = await uploadAsAdmin(newsroom, admin.auth, await photo(1200, 800), 'bare.jpg');
    const article = await newsroom.strapi.documents('plugin::newsroom.article').create({
      data: {
        headline: 'Photo desk check',
        leadPhoto: { image: credited.body[0].id },
        gallery: [{ image: bare.body[0].id, caption: 'No metadata here' }],
      } as never,
    });
    // The server filled the lead photo's credit from the file's IPTC.
    const row = await newsroom.strapi.db
      .query('plugin::newsroom.article')
      .findOne({ where: { id: article.id }, populate: ['leadPhoto'] });
    expect(row.leadPhoto).toMatchObject({ creditLine: 'Photo: TASS', creator: 'Mikhail Metzel' });

    const page = await adminPage(browser, newsroom.url, admin.email, 'Test-password-1');
    await page.goto(
      `${newsroom.url}/admin/content-manager/collection-types/plugin::newsroom.article/${article.documentId}?plugins[i18n][locale]=en`
    );
    const credits = page.getByTestId('newsroom-photo-credits');
    await credits.getByText('Credit line: Photo: TASS').waitFor({ timeout: 60_000 });
    await credits.getByText('No credit line: this photo blocks publishing.').waitFor();
    await page
      .getByTestId('newsroom-problems')
      .getByText('Gallery photo 1 has no credit line')
      .waitFor();
    // The workflow publishes articles: no way around it from the Content Manager's own buttons.
    expect(
      await page.getByRole('button', { name: /^(Publish|Publish multiple locales)$/ }).count()
    ).toBe(0);
    await screenshot(page, '6-photo-credits');
    await page.context().close();
  });

  test('picking a photo from the Media Library fills its empty credit fields from the file, before any save', async () => {
    const picked = await uploadAsAdmin(
      newsroom,
      admin.auth,
      await withMetadata(await photo(1200, 800), [
        '-IPTC:Credit=Photo: Reuters',
        '-IPTC:By-line=Jane Doe',
        '-IPTC:CopyrightNotice=(c) Reuters 2026',
      ]),
      'picked.jpg'
    );
    expect(picked.status).toBe(201);
    const article = await newsroom.strapi.documents('plugin::newsroom.article').create({
      data: {
        headline: 'Pick a photo',
        leadPhoto: { caption: 'To be chosen', creator: 'Staff photographer' },
      } as never,
    });

    const page = await adminPage(browser, newsroom.url, admin.email, 'Test-password-1');
    await page.goto(
      `${newsroom.url}/admin/content-manager/collection-types/plugin::newsroom.article/${article.documentId}?plugins[i18n][locale]=en`
    );
    await page
      .getByTestId('newsroom-photo-credits')
      .getByText('No credit line: this photo blocks publishing.')
      .waitFor({ timeout: 60_000 });
    await page
      .getByRole('button', { name: /Click to add an asset/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('picked.jpg').waitFor({ timeout: 30_000 });
    await dialog.getByRole('checkbox').first().check();
    await dialog.getByRole('button', { name: 'Finish' }).click();

    // The empty fields take the file's credits; what the editor had typed stays.
    const field = (name: string) => page.locator(`[name="leadPhoto.${name}"]`);
    await eventually(() => field('creditLine').inputValue(), 'Photo: Reuters');
    expect(await field('copyrightNotice').inputValue()).toBe('(c) Reuters 2026');
    expect(await field('creator').inputValue()).toBe('Staff photographer');
    expect(await page.getByLabel('Credit line').count()).toBeGreaterThan(0);
    await screenshot(page, '8-photo-picked-credits-filled');

    await page.getByRole('button', { name: 'Save' }).click();
    const saved = async () =>
      (
        await newsroom.strapi.db
          .query('plugin::newsroom.article')
          .findOne({ where: { id: article.id }, populate: ['leadPhoto'] })
      ).leadPhoto;
    await eventually(async () => (await saved())?.creditLine, 'Photo: Reuters');
    expect((await saved()).creator).toBe('Staff photographer');
    await page.context().close();
  });

  test('taking a story whose agency picture cannot be fetched tells the editor why', async () => {
    const token = await createApiToken(newsroom, admin);
    const story = JSON.stringify({
      uri: 'urn:tt:browser-picture',
      type: 'text',
      language: 'en',
      versioncreated: new Date().toISOString(),
      headlines: [{ role: 'main', value: 'Harbour reopens after storm' }],
      bodies: [{ role: 'main', contenttype: 'text/html', value: '<p>Ferries run again.</p>' }],
      // An address inside the newsroom's own network: never fetched by default.
      associations: [
        {
          name: 'a1',
          uri: 'urn:tt:browser-picture:a1',
          type: 'picture',
          renditions: [
            { name: 'main', href: 'http://10.0.0.5/harbour.jpg', contenttype: 'image/jpeg' },
          ],
        },
      ],
    });
    expect(
      (await postWire(newsroom, token, story, 'application/json', { agency: 'TT' })).status
    ).toBe(201);

    const page = await adminPage(browser, newsroom.url, admin.email, 'Test-password-1');
    await page.goto(`${newsroom.url}/admin/plugins/newsroom/wire`);
    const row = page.getByRole('row', { name: /Harbour reopens after storm/ });
    await row.getByRole('button', { name: 'Take' }).click({ timeout: 60_000 });
    await page
      .getByText(
        /The agency picture http:\/\/10\.0\.0\.5\/harbour\.jpg was not added: 10\.0\.0\.5 is a private address/
      )
      .waitFor({ timeout: 30_000 });
    await page.waitForURL(/plugin::newsroom\.article\/[a-z0-9]+/, { timeout: 60_000 });
    await screenshot(page, '9-take-picture-warning');
    await page.context().close();
  });

  test('regenerating renditions shows its progress to the end, even when the permissions arrive late', async () => {
    await renditionsSettled(newsroom);
    const page = await adminPage(browser, newsroom.url, admin.email, 'Test-password-1');
    // Opened directly, the page renders before the user's permissions are known; the
    // button must appear once they are.
    await delayPermissions(page, 3000);
    await page.goto(`${newsroom.url}/admin/plugins/newsroom/renditions`);
    await page.getByRole('heading', { name: 'Image renditions' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Regenerate all renditions' }).click();
    const progress = page.getByTestId('newsroom-regeneration');
    await progress.getByRole('progressbar').waitFor({ timeout: 30_000 });
    await progress.getByText(/Last regeneration finished: 3 \/ 3/).waitFor({ timeout: 60_000 });
    await screenshot(page, '7-renditions-regenerated');
    await page.context().close();
  });
});
