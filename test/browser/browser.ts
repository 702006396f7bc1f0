// Drives Debian's Chromium with Playwright against the real API (which serves the built UI from dist/web).
// Lives beside the browser tests: helpers shared by every suite would go to test/support/.
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { jest } from '@jest/globals';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../libs/demo/index.js';
import { startApi, type TestApi } from '../support/api.js';
import { withTotpCode } from '../support/second-factor.js';

export const SCREENSHOTS = 'test-output/screenshots';

// A browser test visits several screens, each checked by axe: beside other suites on two cores one took
// over the default minute (jest.config.js), which says nothing about the UI.
jest.setTimeout(180_000);

export interface BrowserHarness {
  api: TestApi;
  browser: Browser;
  /** A desktop wide enough for the header's navigation by default; test/browser/layout.e2e.ts tries narrower. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The API on the wall clock (the UI fills dates from the browser's today) and a headless Chromium; `env`
 * overrides settings (DATABASE_URL for a database of the file's own).
 */
export async function startBrowserHarness(env: Record<string, string> = {}): Promise<BrowserHarness> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const api = await startApi({ now: () => new Date() }, env);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return {
    api,
    browser,
    async newPage(viewport = { width: 1600, height: 900 }) {
      const context = await browser.newContext({
        baseURL: api.anonymous.baseUrl,
        locale: 'it-IT',
        timezoneId: 'Europe/Rome',
        viewport,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    async close() {
      await browser.close();
      await api.close();
    },
  };
}

/**
 * Logs in (whoever was logged in before is forgotten) and waits for the page named `landing`. With the
 * default, I miei casi, where most tests start, it opens that list when the role lands elsewhere (operators
 * and coordinators land on Le mie attività).
 */
export async function logIn(page: Page, email: string, landing = 'I miei casi'): Promise<void> {
  await page.context().clearCookies();
  await page.goto('/');
  await page.getByLabel(/^E-mail/).fill(email);
  await page.locator('input[type=password]').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();
  const loggedIn = page.getByRole('button', { name: 'Esci' });
  const code = page.getByLabel(/^Codice di verifica/);
  await loggedIn.or(code).first().waitFor();
  // The demo's amministratore and DPO users have a second factor: type the code of the demo's key.
  if (await code.isVisible()) {
    const used = page.getByText('Questo codice è già stato usato');
    await withTotpCode(async (next) => {
      await code.fill(next);
      await page.getByRole('button', { name: 'Verifica' }).click();
      await used.waitFor({ state: 'detached' });
      await loggedIn.or(used).first().waitFor();
      return (await used.isVisible()) ? 'used' : undefined;
    });
  }
  await page.getByRole('button', { name: 'Esci' }).waitFor();
  if (landing === 'I miei casi' && new URL(page.url()).pathname !== '/casi') await page.goto('/casi');
  await page.getByRole('heading', { name: landing }).waitFor();
  await expectAccessible(page, 'landing');
}

/** Screens already checked in this test file, by route (ids taken out) and what was open on it. */
const checkedScreens = new Set<string>();

/**
 * WCAG 2.1 AA as axe-core reads the page now: throws naming every serious or critical violation and the
 * elements at fault. The helpers below call it on each screen they leave the user on (after login, with an
 * action's form open, after a step, before a screenshot), once per route and moment per test file, so that
 * every browser test checks the screens it visits; a test that reaches a screen by other means calls it.
 */
export async function expectAccessible(page: Page, moment = 'shown'): Promise<void> {
  const route = new URL(page.url()).pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id');
  const key = `${route} ${moment} ${page.viewportSize()?.width ?? 0}`;
  if (checkedScreens.has(key)) return;
  checkedScreens.add(key);
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length === 0) return;
  const found = serious.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map(
          (node) => `    ${node.target.join(' ')} — ${node.failureSummary?.split('\n').slice(1).join(' ')}`,
        )
        .join('\n'),
  );
  throw new Error(`Accessibility (axe) on ${key}:\n  ${found.join('\n  ')}`);
}

/** Whether the page is wider than the window (a layout that does not fit the screen). */
export const scrollsSideways = (page: Page) =>
  page.evaluate('document.documentElement.scrollWidth > window.innerWidth') as Promise<boolean>;

/**
 * What a user would need but cannot see on a phone without scrolling sideways: every visible control, cell or
 * heading whose box runs past the window's left or right edge, described. A data table may scroll within its
 * own focusable frame (WCAG 1.4.10 exempts content whose meaning needs two dimensions), but its first column,
 * which says what each row is and opens it, must be on screen as it loads; `strict`: not even that (a screen
 * laid out as cards on a phone).
 */
export async function offScreen(page: Page, strict = false): Promise<string[]> {
  return page.evaluate(`(() => {
    const strict = ${strict};
    const width = window.innerWidth;
    const selector = 'main a, main button, main input, main textarea, main [role=combobox], main td, main th, main h1, main h2, main h3, main dd, main label';
    const scrolls = (element) => {
      for (let node = element.parentElement; node; node = node.parentElement) {
        const overflow = getComputedStyle(node).overflowX;
        if ((overflow === 'auto' || overflow === 'scroll') && node.scrollWidth > node.clientWidth) return true;
      }
      return false;
    };
    const firstColumn = (element) => {
      const cell = element.closest('td, th');
      return cell !== null && cell.cellIndex === 0;
    };
    return Array.from(document.querySelectorAll(selector))
      .filter((element) => {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) return false;
        if (getComputedStyle(element).visibility === 'hidden' || element.closest('[aria-hidden=true]')) return false;
        if (!strict && scrolls(element) && !firstColumn(element)) return false;
        return box.left < -1 || box.right > width + 1;
      })
      .slice(0, 8)
      .map((element) => {
        const box = element.getBoundingClientRect();
        const text = (element.textContent || element.getAttribute('aria-label') || '').trim().slice(0, 40);
        return element.tagName.toLowerCase() + ' "' + text + '" ' + Math.round(box.left) + '–' + Math.round(box.right);
      });
  })()`) as Promise<string[]>;
}

/** Logs out whoever is in and logs in as someone else, back on the page they were on. */
export async function switchUser(page: Page, email: string): Promise<void> {
  const here = page.url();
  await logIn(page, email);
  await page.goto(here);
}

/** A full-page picture from the top, without the transient "registrato" notifications over the content. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  await page.evaluate('window.scrollTo(0, 0)');
  const hideToasts = await page.addStyleTag({ content: '.mantine-Notifications-root { display: none; }' });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  await hideToasts.evaluate((node) => node.remove());
}

type Scope = Page | Locator;

/** Picks an option of a Mantine Select or MultiSelect (a combobox named by its label, options in a listbox). */
export async function choose(
  page: Page,
  scope: Scope,
  label: RegExp,
  option: string | RegExp,
): Promise<void> {
  const combobox = scope.getByRole('combobox', { name: label });
  const choice = page.getByRole('option', { name: option }).first();
  // The list can close under the pointer while another field's popover closes (seen once on a loaded run with
  // two test workers): it is opened again and the click tried again.
  for (let attempt = 1; ; attempt++) {
    // Opened from the keyboard: the pills of a MultiSelect cover its input for the mouse.
    await combobox.focus();
    if (!(await choice.isVisible())) await page.keyboard.press('ArrowDown');
    try {
      await choice.click({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Picks several options of a MultiSelect, then closes its dropdown. */
export async function chooseMany(page: Page, scope: Scope, label: RegExp, options: (string | RegExp)[]) {
  for (const option of options) await choose(page, scope, label, option);
  await page.keyboard.press('Escape');
}

/** Opens an action from the case's actions panel and returns its form. */
export async function openAction(page: Page, label: string, type: string): Promise<Locator> {
  await page.getByRole('toolbar').getByRole('button', { name: label, exact: true }).click();
  const form = page.getByTestId(`event-form-${type}`);
  await form.waitFor();
  await expectAccessible(page, `form ${type}`);
  return form;
}

/** Sends the open form (its submit button is named after the event) and waits for the case to reach `state`. */
export async function confirm(page: Page, form: Locator, label: string, state: string): Promise<void> {
  await form.getByRole('button', { name: label, exact: true }).click();
  await form.waitFor({ state: 'detached' }).catch(async (error: Error) => {
    // Say why the form stayed open: the refusal or the field errors it shows.
    const shown = await form.locator('[role=alert], .mantine-InputWrapper-error').allInnerTexts();
    throw new Error(`${label} was not accepted: ${shown.join(' | ') || error.message}`);
  });
  await page
    .getByTestId('case-state')
    .filter({ hasText: new RegExp(`^${escape(state)}$`) })
    .waitFor();
  await expectAccessible(page, `after ${label}`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
