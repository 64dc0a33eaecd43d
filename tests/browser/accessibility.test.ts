/// <reference lib="dom" />
import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { createAdminSession, type AdminSession } from '../helpers/admin';
import {
  adminPage,
  launchChromium,
  screenshot,
  seriousViolations,
  useTheme,
  type AxeFinding,
} from '../helpers/browser';
import { renditionsSettled } from '../helpers/renditions';
import { ROOT, startNewsroom, type Newsroom } from '../helpers/strapi';

/**
 * Every newsroom page and panel, in Strapi's light and dark themes, checked by axe-core over
 * the plugin's own content: no serious or critical violation. The demo desk gives each page
 * something to show. The dark theme's screenshots are kept.
 */
let newsroom: Newsroom;
let browser: Browser;
let admin: AdminSession;
let reference = '';
const PASSWORD = 'Test-password-1';

beforeAll(async () => {
  newsroom = await startNewsroom({ demo: true, demoDesk: true });
  admin = await createAdminSession(newsroom);
  const article = await newsroom.strapi.db.query('plugin::newsroom.article').findOne({
    where: { headline: 'Putin and Aliyev to Hold Talks in Moscow', publishedAt: null },
  });
  reference = article.documentId;
  await renditionsSettled(newsroom);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await newsroom?.stop();
});

interface View {
  name: string;
  /** Opens the view and waits until it shows its content; returns the selector of the plugin's part. */
  open(page: Page): Promise<string>;
}

const plugin = (path: string, ready: (page: Page) => Promise<unknown>) => async (page: Page) => {
  await page.goto(`${newsroom.url}/admin/plugins/newsroom${path}`);
  await ready(page);
  return 'main';
};
const heading = (name: string) => (page: Page) =>
  page.getByRole('heading', { name, level: 1 }).waitFor({ timeout: 60_000 });
const openArticle = async (page: Page) => {
  await page.goto(
    `${newsroom.url}/admin/content-manager/collection-types/plugin::newsroom.article/${reference}?plugins[i18n][locale]=en`
  );
  await page.getByTestId('newsroom-workflow-panel').waitFor({ timeout: 60_000 });
};

const VIEWS: View[] = [
  {
    name: 'desk',
    open: plugin('', (page) =>
      page
        .getByRole('region', { name: /^Incoming wire/u })
        .getByRole('listitem')
        .first()
        .waitFor({ timeout: 60_000 })
    ),
  },
  {
    name: 'wire-inbox',
    open: plugin('/wire', (page) =>
      page.getByRole('row', { name: /Central bank holds key rate/u }).waitFor({ timeout: 60_000 })
    ),
  },
  {
    name: 'wire-preview-dialog',
    open: async (page) => {
      await page.goto(`${newsroom.url}/admin/plugins/newsroom/wire`);
      const row = page.getByRole('row', { name: /Central bank holds key rate/u });
      await row.getByRole('button', { name: /Central bank holds key rate/u }).click({
        timeout: 60_000,
      });
      await page
        .getByTestId('newsroom-wire-preview')
        .getByText(/kept its key interest rate/u)
        .waitFor();
      await page.waitForTimeout(500); // the dialog's opening animation
      return '[role="dialog"]';
    },
  },
  {
    name: 'board',
    open: plugin('/board', (page) =>
      page
        .getByTestId('newsroom-column-in_review')
        .getByRole('link', { name: 'Trade talks to resume next week' })
        .waitFor({ timeout: 60_000 })
    ),
  },
  {
    name: 'dashboard',
    open: plugin('/dashboard', (page) =>
      page.getByTestId('newsroom-published-total').waitFor({ timeout: 60_000 })
    ),
  },
  { name: 'renditions', open: plugin('/renditions', heading('Image renditions')) },
  { name: 'feeds', open: plugin('/feeds', heading('Feeds')) },
  { name: 'subscribers', open: plugin('/subscribers', heading('Subscribers')) },
  {
    name: 'article-panel',
    open: async (page) => {
      await openArticle(page);
      await page.getByTestId('newsroom-state').filter({ hasText: 'Published' }).waitFor();
      return '[data-testid="newsroom-article-panel"]';
    },
  },
  {
    name: 'article-panel-versions',
    open: async (page) => {
      await openArticle(page);
      await page
        .getByTestId('newsroom-article-panel')
        .getByRole('tab', { name: 'Versions' })
        .click();
      await page.getByTestId('newsroom-versions').first().waitFor({ timeout: 30_000 });
      return '[data-testid="newsroom-article-panel"]';
    },
  },
  {
    name: 'photo-credits',
    open: async (page) => {
      await openArticle(page);
      await page
        .getByTestId('newsroom-photo-credits')
        .getByText(/official website of the President/u)
        .first()
        .waitFor({ timeout: 30_000 });
      return '[data-testid="newsroom-photo-credits"]';
    },
  },
];

const audit = async (theme: 'light' | 'dark') => {
  const page = await adminPage(browser, newsroom.url, admin.email, PASSWORD);
  await useTheme(page, theme);
  const found: Record<string, AxeFinding[]> = {};
  for (const view of VIEWS) {
    const scope = await view.open(page);
    const violations = await seriousViolations(page, scope);
    if (violations.length) found[view.name] = violations;
    if (theme === 'dark') await screenshot(page, `33-dark-${view.name}`);
  }
  await page.context().close();
  return found;
};

test('no serious or critical violation on any newsroom page or panel, light theme', async () => {
  expect(await audit('light')).toEqual({});
});

test('no serious or critical violation on any newsroom page or panel, dark theme (readable contrast)', async () => {
  expect(await audit('dark')).toEqual({});
});

/** Presses Tab until the focused element's accessible name matches, as a keyboard user does. */
const tabTo = async (page: Page, name: RegExp, max = 400) => {
  for (let presses = 0; presses < max; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = (globalThis as unknown as { document: { activeElement: Element | null } }).document
        .activeElement;
      return el ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : '';
    });
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
};

/** The focused element shows it: a visible outline or ring while focused from the keyboard. */
const focusShows = (page: Page) =>
  page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { activeElement: Element | null };
      getComputedStyle(el: Element, pseudo?: string): CSSStyleDeclaration;
    };
    const el = g.document.activeElement;
    if (!el || !el.matches(':focus-visible')) return false;
    return [g.getComputedStyle(el), g.getComputedStyle(el, '::after')].some(
      (style) =>
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
        (style.boxShadow !== 'none' && style.boxShadow !== '') ||
        (style.borderStyle !== 'none' &&
          parseFloat(style.borderWidth) > 0 &&
          style.content !== 'none')
    );
  });

test('keyboard only: an Author takes wire from the desk and submits it for review, focus always visible', async () => {
  const author = await createAdminSession(newsroom, 'strapi-author');
  const page = await adminPage(browser, newsroom.url, author.email, PASSWORD);
  await page.goto(`${newsroom.url}/admin/plugins/newsroom`);
  const take = page.getByRole('button', { name: 'Take “Grain exports rise for a third month”' });
  await take.waitFor({ timeout: 60_000 });

  await tabTo(page, /^Take “Grain exports rise for a third month”$/u);
  expect(await focusShows(page)).toBe(true);
  await page.keyboard.press('Enter');
  await page.waitForURL(/content-manager\/collection-types\/plugin::newsroom\.article\//u, {
    timeout: 60_000,
  });
  const panel = page.getByTestId('newsroom-workflow-panel');
  await panel.getByRole('button', { name: 'Submit for review' }).waitFor({ timeout: 60_000 });

  await tabTo(page, /^Submit for review$/u);
  expect(await focusShows(page)).toBe(true);
  await screenshot(page, '35-keyboard-submit-focused');
  await page.keyboard.press('Enter');
  await page
    .getByTestId('newsroom-state')
    .filter({ hasText: /^In review$/u })
    .waitFor({ timeout: 30_000 });
  await page.context().close();
});

/** The English strings of the plugin that Russian says otherwise, as patterns over whole texts. */
const englishStrings = (): RegExp[] => {
  const root = path.join(ROOT, 'admin', 'src', 'translations');
  const read = (locale: string) =>
    JSON.parse(fs.readFileSync(path.join(root, `${locale}.json`), 'utf8')) as Record<
      string,
      string
    >;
  const en = read('en');
  const ru = read('ru');
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  return Object.entries(en)
    .filter(([key, text]) => ru[key] !== text && !/\{[^}]*,/u.test(text)) // plurals: Russian forms differ anyway
    .map(
      ([, text]) =>
        new RegExp(
          `^${text
            .split(/\{[^}]+\}/u)
            .map(escape)
            .join('.+')}$`,
          'u'
        )
    );
};

/** Texts, labels, titles and placeholders under `scope` that are the plugin's English. */
const englishLeft = async (page: Page, scope: string, english: RegExp[]) => {
  const texts = await page.evaluate((selector) => {
    const d = (globalThis as unknown as { document: Document }).document;
    const found = new Set<string>();
    for (const root of Array.from(d.querySelectorAll(selector))) {
      const walker = d.createTreeWalker(root, 4 /* text */);
      while (walker.nextNode()) {
        const text = walker.currentNode.textContent?.trim();
        if (text) found.add(text);
      }
      for (const el of Array.from(root.querySelectorAll('[aria-label], [title], [placeholder]')))
        for (const name of ['aria-label', 'title', 'placeholder']) {
          const value = el.getAttribute(name)?.trim();
          if (value) found.add(value);
        }
    }
    return [...found];
  }, scope);
  return texts.filter((text) => english.some((pattern) => pattern.test(text)));
};

test('in Russian: the desk, the inbox, the preview, taking and submitting, the board and every page, with no English left', async () => {
  const english = englishStrings();
  const editor = await createAdminSession(newsroom);
  // The profile's interface language, as the user sets it on their profile page.
  const res = await newsroom
    .http()
    .put('/admin/users/me')
    .set(editor.auth)
    .send({ preferedLanguage: 'ru' });
  expect(res.status).toBe(200);
  const page = await adminPage(browser, newsroom.url, editor.email, PASSWORD);
  const left: Record<string, string[]> = {};
  const check = async (name: string, scope: string) => {
    const found = await englishLeft(page, scope, english);
    if (found.length) left[name] = found;
    await screenshot(page, `34-russian-${name}`);
  };

  await page.goto(`${newsroom.url}/admin/plugins/newsroom`);
  await page.getByRole('heading', { name: 'Выпускающий стол', level: 1 }).waitFor({
    timeout: 60_000,
  });
  expect(
    await page.evaluate(
      () => (globalThis as unknown as { document: Document }).document.documentElement.lang
    )
  ).toBe('ru');
  await page
    .getByRole('region', { name: /^Входящая лента/u })
    .getByRole('listitem')
    .first()
    .waitFor({ timeout: 30_000 });
  await check('desk', 'main');

  await page.goto(`${newsroom.url}/admin/plugins/newsroom/wire`);
  const row = page.getByRole('row', { name: /международная книжная ярмарка/u });
  await row.waitFor({ timeout: 60_000 });
  await check('wire-inbox', 'main');
  await row.getByRole('button', { name: /международная книжная ярмарка/u }).click();
  await page
    .getByTestId('newsroom-wire-preview')
    .getByText(/издательства из 30 стран/u)
    .waitFor();
  await page.waitForTimeout(500); // the dialog's opening animation
  await check('wire-preview', '[role="dialog"]');
  await page.getByRole('dialog').getByRole('button', { name: 'Взять', exact: true }).click();
  await page.waitForURL(/content-manager\/collection-types\/plugin::newsroom\.article\//u, {
    timeout: 60_000,
  });
  const panel = page.getByTestId('newsroom-workflow-panel');
  await panel.getByRole('button', { name: 'На проверку', exact: true }).click({ timeout: 60_000 });
  await page
    .getByTestId('newsroom-state')
    .filter({ hasText: /^На проверке$/u })
    .waitFor({
      timeout: 30_000,
    });
  await check('article-panel', '[data-testid="newsroom-article-panel"]');

  for (const [name, path_, heading_] of [
    ['board', '/board', 'Доска выпуска'],
    ['dashboard', '/dashboard', 'Сводка редакции'],
    ['renditions', '/renditions', 'Версии изображений'],
    ['feeds', '/feeds', 'Ленты'],
    ['subscribers', '/subscribers', 'Подписчики'],
  ] as const) {
    await page.goto(`${newsroom.url}/admin/plugins/newsroom${path_}`);
    await page.getByRole('heading', { level: 1, name: heading_ }).waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    await check(name, 'main');
  }
  await page.context().close();
  expect(left).toEqual({});

  // The check sees English where there is some: the same desk for an English-speaking user.
  const control = await adminPage(browser, newsroom.url, admin.email, PASSWORD);
  await control.goto(`${newsroom.url}/admin/plugins/newsroom`);
  await control.getByRole('heading', { name: 'Desk', level: 1 }).waitFor({ timeout: 60_000 });
  await control.getByRole('region', { name: /^Incoming wire/u }).waitFor();
  expect(await englishLeft(control, 'main', english)).toEqual(
    expect.arrayContaining(['Desk', 'Incoming wire'])
  );
  await control.context().close();
});
