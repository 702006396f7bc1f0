// "Esci" ends the session in the browser at once, every time: the login page, nobody's name, no case
// data, and the back button does not bring the previous user's page back.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { logIn, startBrowserHarness, type BrowserHarness } from './browser.js';

let harness: BrowserHarness;
let page: Page;

beforeAll(async () => {
  harness = await startBrowserHarness();
  page = await harness.newPage();
});

afterAll(() => harness.close());

describe('Esci', () => {
  it.each([
    'coordinatore@percorsi.demo',
    'operatore@percorsi.demo',
    'inviante@percorsi.demo',
    'admin@percorsi.demo',
  ])('logs %s out onto the login page, and back does not return', async (email) => {
    for (let round = 0; round < 3; round++) {
      await logIn(page, email, email.startsWith('admin') ? 'Amministrazione' : 'I miei casi');
      const name = await page.getByTestId('current-user').locator('p').first().textContent();
      await page.getByRole('button', { name: 'Esci' }).click();
      await page.getByRole('heading', { name: 'Accedi a Percorsi' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await page.evaluate("localStorage.getItem('percorsi.token')")).toBeNull();
      expect(await page.textContent('body')).not.toContain(name!);
      await page.goBack();
      await page.getByRole('heading', { name: 'Accedi a Percorsi' }).waitFor();
      expect(await page.getByRole('button', { name: 'Esci' }).count()).toBe(0);
    }
  });
});
