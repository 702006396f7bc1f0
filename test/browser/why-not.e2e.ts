// The actions panel explains itself: an action a rule holds back says which rule and what to do first; a
// step that will escalate says so before it is confirmed; success says what changed; the domain form
// stays open for the next domain; a half-typed form survives opening another; a future "held on" date is
// refused beside its field.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleReferral, type ExamplePayloads } from '../../workflows/case/index.js';
import type { ApiClient } from '../support/api.js';
import { caseAfter as prepared, demoPayloads } from '../support/demo-territory.js';
import {
  choose,
  logIn,
  openAction,
  screenshot,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

let harness: BrowserHarness;
let coordinator: ApiClient;
let payloads: ExamplePayloads;

beforeAll(async () => {
  harness = await startBrowserHarness();
  coordinator = await harness.api.anonymous.as('coordinatore@percorsi.demo');
  payloads = await demoPayloads(harness.api.dataSource);
});

afterAll(() => harness.close());

/** A case prepared over the API: the first `steps` events of the common path, or the events given. */
/** A case prepared over the API: the first `steps` events of the common path. */
const caseAfter = (lastName: string, steps: number) => prepared(coordinator, payloads, lastName, steps);

describe('why not', () => {
  it('says at triage that the referral cannot be accepted without consent, and what to do', async () => {
    const created = await coordinator.post('/api/cases', exampleReferral({ lastName: 'Senzaconsenso' }));
    await coordinator.send(created.body.id, 'SUBMIT');
    const page = await harness.newPage();
    await logIn(page, 'coordinatore@percorsi.demo');
    await page.goto(`/casi/${created.body.id}`);
    const blocked = page.getByTestId('blocked-events').locator('[data-event=ACCEPT]');
    await blocked.waitFor();
    expect(await blocked.textContent()).toBe(
      'Accogli la segnalazione: Il consenso informato della persona non è registrato: registrarlo prima di accogliere.',
    );
    await screenshot(page, '42-perche-no');
    await page.context().close();
  });

  it('says before the assessors are assigned why the assessment cannot be completed yet', async () => {
    const caseId = await caseAfter('Senzavalutatori', 3);
    const page = await harness.newPage();
    await logIn(page, 'coordinatore@percorsi.demo');
    await page.goto(`/casi/${caseId}`);
    const blocked = page.getByTestId('blocked-events').locator('[data-event=COMPLETE_ASSESSMENT]');
    await blocked.waitFor();
    expect(await blocked.textContent()).toBe(
      'Concludi la valutazione: Mancano le valutazioni di questi ambiti segnalati: Lavoro, Casa. Prima il coordinatore assegna i valutatori, che poi le registrano.',
    );
    await page.context().close();
  });

  it('keeps the domain form open for the next domain, names what is missing, and keeps a half-typed form', async () => {
    const caseId = await caseAfter('Ambiti', 4);
    const page = await harness.newPage();
    await logIn(page, 'operatore@percorsi.demo');
    await page.goto(`/casi/${caseId}`);
    const missing = page.getByTestId('blocked-events').locator('[data-event=COMPLETE_ASSESSMENT]');
    expect(await missing.textContent()).toContain(
      'Mancano le valutazioni di questi ambiti segnalati: Lavoro, Casa.',
    );

    const form = await openAction(page, 'Registra la valutazione di un ambito', 'RECORD_DOMAIN_ASSESSMENT');
    await form.getByRole('radio', { name: 'Alto' }).check();
    await form.getByLabel(/^Sintesi/).fill('Nessuna esperienza recente.');
    await form.getByRole('button', { name: 'Registra la valutazione di un ambito', exact: true }).click();
    await page.getByText('Valutazione dell’ambito «Lavoro» registrata. Restano da valutare: Casa.').waitFor();
    // Still open, on the next domain of the referral, empty.
    await missing.filter({ hasText: 'Casa.' }).filter({ hasNotText: 'Lavoro' }).waitFor();
    expect(await form.getByRole('combobox', { name: /^Ambito di vita/ }).inputValue()).toBe('Casa');
    expect(await form.getByLabel(/^Sintesi/).inputValue()).toBe('');

    await form.getByLabel(/^Sintesi/).fill('Sfratto esecutivo in corso, da scrivere meglio');
    await openAction(page, 'Aggiorna il consenso informato', 'RECORD_CONSENT');
    expect(await form.isVisible()).toBe(false);
    await page
      .getByRole('toolbar')
      .getByRole('button', { name: 'Registra la valutazione di un ambito' })
      .click();
    expect(await form.getByLabel(/^Sintesi/).inputValue()).toBe(
      'Sfratto esecutivo in corso, da scrivere meglio',
    );
    await page.context().close();
  });

  it('warns before a second criticità escalates the case, then says where the case went', async () => {
    const caseId = await caseAfter('Criticita', 12);
    await coordinator.send(caseId, 'RECORD_MONITORING', {
      ...payloads.RECORD_MONITORING,
      andamento: 'criticita',
    });
    const page = await harness.newPage();
    await logIn(page, 'operatore@percorsi.demo');
    await page.goto(`/casi/${caseId}`);
    const form = await openAction(page, 'Registra una verifica', 'RECORD_MONITORING');
    expect(await form.getByTestId('consequence').count()).toBe(0);
    await form.getByRole('radio', { name: 'Criticità' }).check();
    const warning = form.getByTestId('consequence');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('seconda verifica consecutiva con criticità');
    // After a screenshot the page keeps notifications hidden: the message is read first.
    await form.getByRole('button', { name: 'Registra una verifica', exact: true }).click();
    await page
      .getByText(
        '«Registra una verifica» registrato: il caso è ora in «Equipe di secondo livello da convocare».',
      )
      .waitFor();
    await screenshot(page, '43-dopo-il-passaggio');
    await page.context().close();
  });

  it('refuses a meeting held in the future, beside the date, in Italian', async () => {
    const caseId = await caseAfter('Futuro', 8);
    const page = await harness.newPage();
    await logIn(page, 'operatore@percorsi.demo');
    await page.goto(`/casi/${caseId}`);
    const form = await openAction(page, 'Registra l’esito della riunione', 'RECORD_MEETING');
    const heldOn = form.getByLabel(/^Riunione tenuta il/);
    await heldOn.fill('31/12/2099');
    await heldOn.press('Tab');
    await form.getByLabel(/^Verbale/).fill('Verbale scritto in anticipo.');
    await choose(page, form, /^Responsabile del percorso/, /Giulia Bianchi/);
    await form.getByRole('button', { name: 'Registra l’esito della riunione', exact: true }).click();
    // Beside the date, and in the summary of the refused form.
    await form.locator('.mantine-InputWrapper-error', { hasText: 'È una data futura' }).waitFor();
    expect(await form.getByTestId('error-summary').innerText()).toContain('È una data futura');
    expect(await page.getByTestId('case-state').textContent()).toBe('Equipe di primo livello convocata');
    await page.context().close();
  });
});
