// What the UI walk found on the case page and the list, fixed: a half-typed PaIS survives leaving the page
// to record the consent first; the consent action, once a consent exists, says it updates it; a success
// says what changed; the header's next deadline follows an action at once; a meeting convened for a past
// day is warned about; the monitoring form's notes say which is which; a closed case in the list names its
// outcome; a case or person that cannot be opened says so the same way.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { ExamplePayloads } from '../../workflows/case/index.js';
import type { ApiClient } from '../support/api.js';
import { caseAfter as prepared, demoPayloads } from '../support/demo-territory.js';
import { chooseMany, logIn, openAction, startBrowserHarness, type BrowserHarness } from './browser.js';

let harness: BrowserHarness;
let coordinator: ApiClient;
let payloads: ExamplePayloads;
let page: Page;

beforeAll(async () => {
  harness = await startBrowserHarness();
  coordinator = await harness.api.anonymous.as('coordinatore@percorsi.demo');
  payloads = await demoPayloads(harness.api.dataSource, new Date().toISOString().slice(0, 10));
  page = await harness.newPage();
  await logIn(page, 'coordinatore@percorsi.demo');
});

afterAll(() => harness.close());

/** A case prepared over the API: the first `steps` events of the common path. */
const caseAfter = (lastName: string, steps: number) => prepared(coordinator, payloads, lastName, steps);

const toast = (text: string) => page.locator('.mantine-Notification-root').filter({ hasText: text });

describe('the case page after the UI walk', () => {
  it('keeps a half-typed PaIS while the user leaves the page and records the consent first', async () => {
    const caseId = await caseAfter('Bozzapais', 10);
    await page.goto(`/casi/${caseId}`);
    const plan = await openAction(page, 'Modifica il PaIS', 'UPDATE_PLAN');
    await plan.getByLabel(/^Obiettivo 1/).fill('Trovare una casa in affitto');
    // Away from the case (in the app, as following a link does), and back.
    await page.getByRole('link', { name: /Torna ai casi/ }).click();
    await page.getByRole('heading', { name: 'I miei casi' }).waitFor();
    await page.goBack();
    // With a consent on file, the action says it updates it; its success names what it authorises.
    const consent = await openAction(page, 'Aggiorna il consenso informato', 'RECORD_CONSENT');
    await chooseMany(page, consent, /^Enti autorizzati/, [/Salute Mentale/]);
    await consent.getByRole('button', { name: 'Aggiorna il consenso informato', exact: true }).click();
    await toast('Consenso registrato: autorizza').filter({ hasText: 'Salute Mentale' }).waitFor();
    const again = await openAction(page, 'Modifica il PaIS', 'UPDATE_PLAN');
    expect(await again.getByLabel(/^Obiettivo 1/).inputValue()).toBe('Trovare una casa in affitto');
    await again.getByRole('button', { name: 'Modifica il PaIS', exact: true }).click();
    await toast('PaIS salvato (versione 1): obiettivi 1, azioni 1, impegni 1.').waitFor();
    // Sent: the draft is gone, the form starts again from the saved plan.
    await page.reload();
    const fresh = await openAction(page, 'Modifica il PaIS', 'UPDATE_PLAN');
    expect(await fresh.getByLabel(/^Obiettivo 1/).inputValue()).toBe('Trovare una casa in affitto');
  });

  it('shows the next deadline in the header as soon as an action sets it', async () => {
    const caseId = await caseAfter('Scadenza', 1);
    await page.goto(`/casi/${caseId}`);
    await page.getByText('Nessuna scadenza').waitFor();
    const submit = await openAction(page, 'Invia la segnalazione', 'SUBMIT');
    await submit.getByRole('button', { name: 'Invia la segnalazione', exact: true }).click();
    const deadline = page.getByTestId('next-deadline');
    await deadline.waitFor();
    expect(await deadline.textContent()).toMatch(/scade tra/);
  });

  it('warns before convening a meeting for a day already past', async () => {
    const caseId = await caseAfter('Convocazione', 7);
    await page.goto(`/casi/${caseId}`);
    const form = await openAction(page, 'Convoca l’equipe', 'SCHEDULE_MEETING');
    expect(await form.getByTestId('past-meeting').count()).toBe(0);
    const date = form.getByLabel(/^Data della riunione/);
    await date.fill('02/01/2020');
    await date.press('Tab');
    const warning = form.getByTestId('past-meeting');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Questa data è già passata');
  });

  it('tells the general note of a check from the note of each action', async () => {
    const caseId = await caseAfter('Verifica', 12);
    await page.goto(`/casi/${caseId}`);
    const form = await openAction(page, 'Registra una verifica', 'RECORD_MONITORING');
    await form.getByLabel('Nota sull’azione «Tirocinio di sei mesi» (facoltativa)').fill('Iniziato lunedì');
    await form.getByLabel('Nota generale sulla verifica (facoltativa)').fill('Nessun problema');
    // The course of the case is chosen, never assumed: sent without it, the form names it.
    await form.getByRole('button', { name: 'Registra una verifica', exact: true }).click();
    expect(await form.getByTestId('error-summary').innerText()).toContain('Andamento');
    await form.getByRole('radio', { name: 'Regolare' }).check();
    await form.getByRole('button', { name: 'Registra una verifica', exact: true }).click();
    await toast('registrata: andamento «Regolare»').waitFor();
    const check = page.getByTestId('monitoring-check').first();
    expect(await check.textContent()).toContain('Nota generale sulla verifica');
  });

  it('names the outcome of a closed case in the list', async () => {
    await caseAfter('Chiusoconesito', 14);
    await page.goto('/casi?testo=Chiusoconesito');
    const outcome = page.getByTestId('case-row').getByTestId('case-outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toBe('Esito: Occupazione');
  });

  it('says the same, for a case and for a person, when there is nothing one may open', async () => {
    for (const path of [`/casi/${randomUUID()}`, `/persone/${randomUUID()}`]) {
      await page.goto(path);
      const alert = page.getByRole('alert').filter({ hasText: 'Non trovato' });
      await alert.waitFor();
      expect(await alert.textContent()).toBe(
        'Non trovato, oppure non accessibile al tuo servizio. Torna ai casi',
      );
    }
  });
});
