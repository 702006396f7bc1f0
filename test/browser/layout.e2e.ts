// The frame at the widths social workers use: a 1024 px laptop and a 390 px phone. The navigation folds
// into a menu button; the user's name (where it fits), the language and "Esci" stay on screen; every screen
// of the role can still be reached, and no page scrolls sideways.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { logIn, screenshot, startBrowserHarness, type BrowserHarness } from './browser.js';

let harness: BrowserHarness;

beforeAll(async () => {
  harness = await startBrowserHarness();
});

afterAll(() => harness.close());

async function onScreen(page: Page, name: string): Promise<boolean> {
  const box = await page.getByRole('button', { name }).boundingBox();
  const width = page.viewportSize()!.width;
  return box !== null && box.x >= 0 && box.x + box.width <= width;
}

const scrollsSideways = (page: Page) =>
  page.evaluate('document.documentElement.scrollWidth > window.innerWidth') as Promise<boolean>;

describe.each([
  { width: 1024, height: 768, label: 'laptop' },
  { width: 390, height: 844, label: 'phone' },
])('at $width px ($label)', ({ width, height, label }) => {
  let page: Page;

  beforeAll(async () => {
    page = await harness.newPage({ width, height });
    await logIn(page, 'coordinatore@percorsi.demo', 'Le mie attività');
  });

  it('keeps Esci on screen and reaches every screen of the coordinator through the menu', async () => {
    expect(await onScreen(page, 'Esci')).toBe(true);
    if (width >= 1024) expect(await page.getByTestId('current-user').isVisible()).toBe(true);
    expect(await scrollsSideways(page)).toBe(false);
    for (const [link, heading] of [
      ['Casi bloccati', 'Casi bloccati'],
      ['Cruscotto', 'Cruscotto'],
      ['Soglie', /Soglie/],
      ['I miei casi', 'I miei casi'],
    ] as const) {
      await page.getByRole('button', { name: 'Apri il menu' }).click();
      // Where the header has no room for it, the menu says who is logged in.
      if (width < 992) await page.getByRole('navigation').getByTestId('current-user').waitFor();
      await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { name: heading }).first().waitFor();
      // The menu closes by itself once a screen is chosen.
      await page.getByRole('button', { name: 'Apri il menu' }).waitFor();
      expect(await scrollsSideways(page)).toBe(false);
    }
    await screenshot(page, `32-menu-${label}`);
  });
});
