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

/** What axe-core found against one rule, for the report. */
export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page over the plugin's own content (the elements `selector` matches) and
 * returns the serious and critical violations. Strapi's own frame around it is not ours to fix.
 */
export const seriousViolations = async (page: Page, selector: string): Promise<AxeFinding[]> => {
  if (!(await page.evaluate(() => 'axe' in globalThis)))
    await page.addScriptTag({ content: AXE_SOURCE });
  expect(await page.locator(selector).count()).toBeGreaterThan(0); // never a run over nothing
  return page.evaluate(async (include) => {
    type Result = {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[]; html: string; failureSummary?: string }[];
      }[];
    };
    const axe = (
      globalThis as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<Result> };
      }
    ).axe;
    const result = await axe.run({ include: [[include]] }, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map(
          (n) => `${n.target.join(' ')}: ${n.html.slice(0, 160)} (${n.failureSummary ?? ''})`
        ),
      }));
  }, selector);
};

/** Strapi's own theme switch keeps the choice here; set before the admin panel loads. */
export const useTheme = (page: Page, theme: 'light' | 'dark') =>
  page.evaluate(
    (value) =>
      (
        globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
      ).localStorage.setItem('STRAPI_THEME', value),
    theme
  );

/** The admin panel's own language switch keeps the choice here. */
export const useAdminLanguage = (page: Page, locale: string) =>
  page.evaluate(
    (value) =>
      (
        globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
      ).localStorage.setItem('strapi-admin-language', value),
    locale
  );
