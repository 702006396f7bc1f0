// "Cambia password" from the user menu, by keyboard: a weak new password and a wrong current one are
// refused with a summary that takes the focus and names each field and why; the change says that the
// user's other sessions ended (one in another browser is sent to the login page), the current one goes on,
// and the new password is the one that logs in. A user of the file's own: the demo users keep theirs.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../libs/demo/index.js';
import { expectAccessible, logIn, screenshot, startBrowserHarness, type BrowserHarness } from './browser.js';

let harness: BrowserHarness;
let page: Page;
let email: string;
const NEW_PASSWORD = 'una frase lunga da ricordare';

beforeAll(async () => {
  harness = await startBrowserHarness();
  const admin = await harness.api.anonymous.as('admin@percorsi.demo');
  const { organisation } = (await admin.get('/api/me')).body;
  email = `password.${process.pid}.${Date.now()}@percorsi.test`;
  const created = await admin.post('/api/admin/users', {
    email,
    fullName: 'Elena Cambi',
    role: 'operatore',
    organisationId: organisation.id,
    password: DEMO_PASSWORD,
  });
  expect(created.status).toBe(201);
  page = await harness.newPage({ width: 1280, height: 900 });
});

afterAll(() => harness.close());

/** The accessible name of what has the focus, and its test id. */
const focused = () =>
  page.evaluate(`(() => {
    const element = document.activeElement;
    return { testId: element?.getAttribute('data-testid') ?? null, text: element?.textContent ?? '' };
  })()`) as Promise<{ testId: string | null; text: string }>;

/** The label of the field that has the focus. */
const focusedLabel = () =>
  page.evaluate('document.activeElement?.labels?.[0]?.textContent ?? ""') as Promise<string>;

describe('Cambia password', () => {
  it('is refused by keyboard with the reasons summarised and focused, then changes the password', async () => {
    // Another browser where the same user is logged in: its session ends with the change.
    const other = await harness.newPage();
    await logIn(other, email);
    await logIn(page, email);

    await page.getByTestId('current-user').getByRole('link', { name: 'Cambia password' }).click();
    await page.getByRole('heading', { name: 'Cambia password', level: 1 }).waitFor();
    await screenshot(page, '60-cambia-password');

    // A new password too short, and repeated differently: refused here, before the server.
    await page.getByLabel(/^Password attuale/).focus();
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toMatch(/^Nuova password/);
    await page.keyboard.type('corta');
    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toMatch(/^Ripeti la nuova password/);
    await page.keyboard.type('cortissima');
    await page.keyboard.press('Enter');
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    expect((await focused()).testId).toBe('error-summary');
    expect(await summary.innerText()).toContain('Nuova password: Deve avere almeno 12 caratteri');
    expect(await summary.innerText()).toContain('Ripeti la nuova password: Le due password non coincidono');
    await expectAccessible(page, 'refused here');
    await screenshot(page, '61-cambia-password-errori');

    // A wrong current password: refused by the server, named on its field.
    await page.getByLabel(/^Password attuale/).fill('non è questa la password');
    await page.getByLabel(/^Nuova password/).fill(NEW_PASSWORD);
    await page.getByLabel(/^Ripeti la nuova password/).fill(NEW_PASSWORD);
    await page.getByLabel(/^Ripeti la nuova password/).press('Enter');
    await summary.filter({ hasText: 'Password attuale: Non è la tua password attuale' }).waitFor();
    expect((await focused()).testId).toBe('error-summary');
    // The summary's link takes the user to the field.
    await summary.getByRole('button', { name: 'Password attuale' }).press('Enter');
    expect(await focusedLabel()).toMatch(/^Password attuale/);

    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.getByLabel(/^Ripeti la nuova password/).press('Enter');
    const changed = page.getByTestId('password-changed');
    await changed.waitFor();
    expect((await focused()).testId).toBe('password-changed');
    expect(await changed.innerText()).toContain('Un’altra tua sessione è stata chiusa; questa resta aperta.');
    expect(await summary.count()).toBe(0);
    await screenshot(page, '62-cambia-password-fatto');

    // This session goes on; the other browser's ended, at its next request.
    await page.goto('/messaggi');
    await page.getByRole('heading', { name: 'Messaggi' }).waitFor();
    await other.reload();
    await other.getByRole('button', { name: 'Accedi' }).waitFor();
    await other.close();

    // The old password no longer logs in, the new one does.
    await page.getByRole('button', { name: 'Esci' }).click();
    await page.getByLabel(/^E-mail/).fill(email);
    await page.locator('input[type=password]').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByRole('alert').waitFor();
    // Refused, the password field has the focus again, to be typed anew.
    expect(await page.evaluate('document.activeElement.type')).toBe('password');
    await page.locator('input[type=password]').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByRole('button', { name: 'Esci' }).waitFor();
  });

  it('fits a phone: the menu leads to it and the form is on screen', async () => {
    const phone = await harness.newPage({ width: 390, height: 844 });
    await phone.goto('/');
    await phone.getByLabel(/^E-mail/).fill(email);
    await phone.locator('input[type=password]').fill(NEW_PASSWORD);
    await phone.getByRole('button', { name: 'Accedi' }).click();
    await phone.getByRole('button', { name: 'Apri il menu' }).click();
    await phone.getByRole('link', { name: 'Cambia password' }).click();
    await phone.getByRole('heading', { name: 'Cambia password', level: 1 }).waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth > window.innerWidth')).toBe(false);
    await screenshot(phone, '63-cambia-password-390');
  });
});
