// The second factor in the browser: a new DPO, whose role requires it, is sent to Sicurezza after login and
// kept there until it is on (QR code, the key as text, one code to confirm, the recovery codes shown once),
// then logs in again with a recovery code typed where the app's code goes; an operatore, whose role does not
// require it, turns it off again with the password.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../libs/demo/index.js';
import { codeAt, currentStep } from '../support/second-factor.js';
import { logIn, screenshot, startBrowserHarness, type BrowserHarness } from './browser.js';

let harness: BrowserHarness;
let page: Page;
const email = `dpo.nuova.${Date.now()}@percorsi.test`;
const operatore = `operatore.totp.${Date.now()}@percorsi.test`;

beforeAll(async () => {
  harness = await startBrowserHarness();
  page = await harness.newPage();
  const admin = await harness.api.anonymous.as('admin@percorsi.demo');
  const organisationId = (await admin.get('/api/me')).body.organisation.id;
  const created = await admin.post('/api/admin/users', {
    email,
    fullName: 'Nuova Responsabile Protezione Dati',
    role: 'dpo',
    organisationId,
    password: DEMO_PASSWORD,
  });
  expect(created.status).toBe(201);
  const other = await admin.post('/api/admin/users', {
    email: operatore,
    fullName: 'Ottavia Verifica',
    role: 'operatore',
    organisationId,
    password: DEMO_PASSWORD,
  });
  expect(other.status).toBe(201);
});

afterAll(() => harness.close());

describe('verifica in due passaggi', () => {
  it('keeps a new DPO on Sicurezza until it is on, then asks for it at login', async () => {
    await logIn(page, email, 'Sicurezza');
    await page.getByText('Il tuo ruolo richiede la verifica in due passaggi').waitFor();
    await page.goto('/casi');
    await page.getByRole('heading', { name: 'Sicurezza' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sicurezza');

    await page.getByRole('button', { name: 'Attiva la verifica in due passaggi' }).click();
    await page.getByRole('img', { name: 'Codice QR della chiave per l’app di autenticazione' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await screenshot(page, '90-sicurezza-chiave');
    const field = page.getByLabel(/^Codice a 6 cifre/);
    await field.fill('000000' === (await codeAt(currentStep(), secret)) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Conferma e attiva' }).click();
    await page.getByText('Il codice non corrisponde alla chiave').waitFor();
    await field.fill(await codeAt(currentStep(), secret));
    await page.getByRole('button', { name: 'Conferma e attiva' }).click();
    await page.getByTestId('recovery-codes').waitFor();
    const codes = await page.getByTestId('recovery-codes').locator('li').allTextContents();
    expect(codes).toHaveLength(10);
    await screenshot(page, '91-sicurezza-codici-di-recupero');
    await page.getByRole('button', { name: 'Li ho conservati: continua' }).click();
    await page.getByRole('heading', { name: 'Registro degli accessi' }).waitFor();

    await page.getByRole('button', { name: 'Esci' }).click();
    await page.getByLabel(/^E-mail/).fill(email);
    await page.locator('input[type=password]').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByLabel(/^Codice di verifica/).fill(codes[0]);
    await page.getByRole('button', { name: 'Verifica' }).click();
    await page.getByRole('heading', { name: 'Registro degli accessi' }).waitFor();
  });

  it('lets an operatore turn it off with the current password, after refusing a wrong one', async () => {
    const own = await harness.newPage();
    await logIn(own, operatore);
    // On through the API (the page above shows the enrolment); the page's session sees it on reload.
    const client = await harness.api.anonymous.as(operatore, DEMO_PASSWORD);
    const { secret } = (await client.post('/api/auth/second-factor')).body as { secret: string };
    const confirmed = await client.post('/api/auth/second-factor/confirm', {
      code: await codeAt(currentStep(), secret),
    });
    expect(confirmed.status).toBe(200);
    await own.goto('/sicurezza');
    const form = own.getByTestId('disable-second-factor');
    await form.getByRole('heading', { name: 'Disattiva la verifica in due passaggi' }).waitFor();
    const password = form.getByLabel('Password attuale');
    await password.fill('non-è-questa');
    await form.getByRole('button', { name: 'Disattiva' }).click();
    await form.getByText('Non è la tua password attuale').waitFor();
    await screenshot(own, '92-sicurezza-disattiva');
    await password.fill(DEMO_PASSWORD);
    await form.getByRole('button', { name: 'Disattiva' }).click();
    await form.waitFor({ state: 'detached' });
    await own.getByText('non attiva', { exact: true }).waitFor();
    expect((await client.get('/api/auth/session')).body.secondFactor.enabled).toBe(false);
    await own.context().close();
  });
});
