import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './strapi';

/** Screenshots and other evidence of a browser run (kept by CI as artifacts). */
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'browser');

/** Debian's Chromium, headless, with the flags this machine needs. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });

/** Opens a fresh browser context (its own cookies and storage) logged in to the admin panel. */
export const adminPage = async (
  browser: Browser,
  origin: string,
  email: string,
  password: string
): Promise<Page> => {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    locale: 'en-GB',
    timezoneId: 'Europe/Moscow',
  });
  const page = await context.newPage();
  await page.goto(`${origin}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: /log ?in/i }).click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });
  return page;
};

export const screenshot = async (page: Page, name: string) => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
};

/**
 * Holds back the admin's answer with the user's permissions, as a slow network or a busy
 * server would, so that pages render before the permissions are known.
 */
export const delayPermissions = async (page: Page, ms: number) => {
  const url = '**/admin/users/me/permissions';
  await page.route(url, async (route) => {
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.fulfill({ response });
  });
  return { end: () => page.unroute(url) };
};

/** Reads a value until it equals the expected one (or the time is up, when the last read is compared). */
export const eventually = async <T>(
  read: () => Promise<T>,
  expected: T,
  timeoutMs = 30_000
): Promise<void> => {
  const started = Date.now();
  let last = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await read();
  }
  expect(last).toEqual(expected);
};
