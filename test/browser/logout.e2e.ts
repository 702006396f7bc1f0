// "Esci" ends the session in the browser and on the server at once, every time: the login page, nobody's
// name, no case data, the back button does not bring the previous user's page back, and a request stored
// before the logout (the session cookie it carried) is refused when replayed.
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

const sessionCookie = async () =>
  (await page.context().cookies()).find((cookie) => cookie.name === 'percorsi-session');

describe('Esci', () => {
  it.each([
    'coordinatore@percorsi.demo',
    'operatore@percorsi.demo',
    'inviante@percorsi.demo',
    'admin@percorsi.demo',
  ])('logs %s out onto the login page, and neither back nor a stored request returns', async (email) => {
    for (let round = 0; round < 3; round++) {
      await logIn(page, email, email.startsWith('admin') ? 'Amministrazione' : 'I miei casi');
      const name = await page.getByTestId('current-user').locator('p').first().textContent();
      // The session is in a cookie no script on the page can read.
      const cookie = await sessionCookie();
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(await page.evaluate('document.cookie')).not.toContain('percorsi-session');
      const stored = { headers: { cookie: `${cookie!.name}=${cookie!.value}` } };
      const url = `${harness.api.anonymous.baseUrl}/api/me`;
      expect((await fetch(url, stored)).status).toBe(200);

      const loggedOut = page.waitForResponse((response) => response.url().endsWith('/api/auth/logout'));
      await page.getByRole('button', { name: 'Esci' }).click();
      await page.getByRole('heading', { name: 'Accedi a Percorsi' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await page.textContent('body')).not.toContain(name!);
      expect((await loggedOut).status()).toBe(204);
      expect(await sessionCookie()).toBeUndefined();
      expect((await fetch(url, stored)).status).toBe(401);
      await page.goBack();
      await page.getByRole('heading', { name: 'Accedi a Percorsi' }).waitFor();
      expect(await page.getByRole('button', { name: 'Esci' }).count()).toBe(0);
    }
  });
});
