// Every role's screens on a 390 px phone: each entry of the folded menu opens a screen that does not scroll
// sideways, shows everything needed on screen and meets WCAG 2.1 AA as axe reads it. Apart from the frame at
// each width (layout.e2e.ts) so that the two, each minutes long, can run at once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
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

/** The screens where a phone shows cards: nothing of them may need a sideways scroll. */
const CARDS_ON_A_PHONE = new Set(['Casi bloccati', 'Soglie', 'Registro degli accessi']);

/** Opens each entry of the folded menu in turn; on each screen nothing needed is off-screen, axe passes. */
async function everyScreenOfTheMenu(page: Page, role: string): Promise<string[]> {
  await page.getByRole('button', { name: 'Apri il menu' }).click();
  const links = await page.getByRole('navigation').getByRole('link').allInnerTexts();
  await page.keyboard.press('Escape');
  const visited: string[] = [];
  for (const link of links.map((text) => text.trim()).filter(Boolean)) {
    if (await page.getByRole('button', { name: 'Chiudi il menu' }).isVisible()) {
      await page.getByRole('button', { name: 'Chiudi il menu' }).click();
    }
    await page.getByRole('button', { name: 'Apri il menu' }).click();
    await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('button', { name: 'Apri il menu' }).waitFor();
    await page.locator('main h1').first().waitFor();
    // The data the screen shows, loaded: no skeleton left.
    await page
      .locator('main .mantine-Skeleton-root')
      .first()
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await page.waitForLoadState('networkidle');
    expect(await scrollsSideways(page)).toBe(false);
    expect({ screen: link, offScreen: await offScreen(page, CARDS_ON_A_PHONE.has(link)) }).toEqual({
      screen: link,
      offScreen: [],
    });
    await screenshot(page, `35-390-${role}-${slug(link)}`);
    visited.push(link);
  }
  return visited;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

describe('every role at 390 px (a phone)', () => {
  it.each([
    ['supervisore', 'coordinatore@percorsi.demo', 'Le mie attività'],
    ['responsabile', 'operatore@percorsi.demo', 'Le mie attività'],
    ['operatore', 'cpi@percorsi.demo', 'Le mie attività'],
    ['inviante', 'inviante@percorsi.demo', 'I miei casi'],
    ['dpo', 'dpo@percorsi.demo', 'Registro degli accessi'],
    ['amministratore', 'admin@percorsi.demo', 'Amministrazione'],
  ])('%s (%s): every screen of the menu fits, axe finds nothing serious', async (role, email, landing) => {
    const page = await harness.newPage({ width: 390, height: 844 });
    await logIn(page, email, landing);
    const visited = await everyScreenOfTheMenu(page, role);
    expect(visited.length).toBeGreaterThan(1);
    await page.context().close();
  });
});
