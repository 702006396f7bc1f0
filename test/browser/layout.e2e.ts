// The frame at the widths social workers use. On a wide desktop the coordinator's whole navigation fits in
// the header; on a 1024 px laptop and a 390 px phone it folds into a menu button. Everywhere the user's name
// (in the header where it fits, else in the menu), the language and "Esci" stay on screen, every screen of
// the role can be reached, no page scrolls sideways, and each meets WCAG 2.1 AA as axe reads it. Every role's
// screens on a phone: phone-screens.e2e.ts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  expectAccessible,
  logIn,
  offScreen,
  screenshot,
  scrollsSideways,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

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

describe('at 1600 px (desktop)', () => {
  it('shows the whole navigation, the user and Esci in the header', async () => {
    const page = await harness.newPage({ width: 1600, height: 900 });
    await logIn(page, 'coordinatore@percorsi.demo', 'Le mie attività');
    expect(await onScreen(page, 'Esci')).toBe(true);
    expect(await page.getByRole('button', { name: 'Apri il menu' }).count()).toBe(0);
    expect(await page.getByTestId('current-user').isVisible()).toBe(true);
    const soglie = await page.getByRole('link', { name: 'Soglie', exact: true }).boundingBox();
    expect(soglie!.x + soglie!.width).toBeLessThanOrEqual(1600);
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, '32-menu-desktop');
  });
});

describe('at 1280 px (an office screen)', () => {
  it("keeps a referring service's short navigation in the header, beside the user and Esci", async () => {
    const page = await harness.newPage({ width: 1280, height: 800 });
    await logIn(page, 'inviante@percorsi.demo');
    expect(await page.getByRole('button', { name: 'Apri il menu' }).count()).toBe(0);
    const messages = await page.getByRole('link', { name: 'Messaggi', exact: true }).boundingBox();
    const user = await page.getByTestId('current-user').boundingBox();
    // The last entry ends before the user's name starts: nothing overlaps or runs off.
    expect(messages!.x + messages!.width).toBeLessThan(user!.x);
    expect(await onScreen(page, 'Esci')).toBe(true);
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, '32-menu-1280-inviante');
  });
});

describe('the screens laid out as cards on a phone, at 1280 px', () => {
  it.each([
    ['coordinatore@percorsi.demo', '/supervisione/casi-bloccati', 'Le mie attività', 'Casi bloccati'],
    ['coordinatore@percorsi.demo', '/supervisione/soglie', 'Le mie attività', 'Soglie di permanenza'],
    ['dpo@percorsi.demo', '/registro-accessi', 'Registro degli accessi', 'Registro degli accessi'],
  ])('%s: %s stays a table, nothing off-screen', async (email, path, landing, heading) => {
    const page = await harness.newPage({ width: 1280, height: 800 });
    await logIn(page, email, landing);
    await page.goto(path);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await page.locator('main table').first().waitFor();
    await page.locator('main .mantine-Skeleton-root').first().waitFor({ state: 'detached' });
    expect(await scrollsSideways(page)).toBe(false);
    expect(await offScreen(page, true)).toEqual([]);
    await screenshot(page, `37-1280-${path.split('/').pop()}`);
    await page.context().close();
  });
});

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
      await expectAccessible(page);
    }
    await screenshot(page, `32-menu-${label}`);
  });

  it('shows a case, its statechart as a list on a phone, and the referral form without sideways scrolling', async () => {
    await page.goto('/casi');
    await page.getByTestId('case-row').first().getByRole('link').first().click();
    await page.getByTestId('case-state').waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    // The drawing's text is unreadable on a phone: the list comes first there, the drawing on a laptop.
    const list = page.getByTestId('state-list').first();
    if (width < 768) await list.waitFor();
    else await page.getByTestId('statechart').waitFor();
    await screenshot(page, `33-caso-${label}`);
    if (width >= 768) {
      await page.getByRole('button', { name: 'Mostra come elenco' }).click();
      await list.waitFor();
    }
    expect(await list.locator('[data-status=current]').count()).toBe(1);

    await page.goto('/segnalazioni/nuova');
    await page.getByRole('heading', { name: 'Nuova segnalazione' }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, `34-nuova-segnalazione-${label}`);
  });
});
