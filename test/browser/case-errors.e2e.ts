// Refusals shown where they belong: a field error beside its field, a failed rule in plain Italian (or in
// English, when the user chose it), and a version conflict between two pages that keeps what the user typed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleReferral, happyPath } from '../../workflows/case/index.js';
import type { ApiClient } from '../support/api.js';
import { demoPayloads } from '../support/demo-territory.js';
import {
  choose,
  chooseMany,
  logIn,
  openAction,
  screenshot,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

let harness: BrowserHarness;
let coordinator: ApiClient;

beforeAll(async () => {
  harness = await startBrowserHarness();
  // The coordinator prepares cases over the API: triage is theirs.
  coordinator = await harness.api.anonymous.as('coordinatore@percorsi.demo');
});

afterAll(() => harness.close());

/** A case prepared over the API, `steps` events along the common path. */
async function caseAfter(steps: number, lastName: string): Promise<string> {
  const created = await coordinator.post('/api/cases', exampleReferral({ lastName }));
  const path = happyPath(await demoPayloads(harness.api.dataSource));
  for (const step of path.slice(0, steps)) await coordinator.send(created.body.id, step.type, step.data);
  return created.body.id;
}

/** A new page logged in as `email`, switched to English from the header. */
async function inEnglish(email: string) {
  const page = await harness.newPage();
  await logIn(page, email);
  await page.getByText('EN', { exact: true }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  return page;
}

describe('errors in the browser', () => {
  it('shows a wrong codice fiscale beside the field as it is typed, and accepts the corrected one', async () => {
    const page = await harness.newPage();
    await logIn(page, 'operatore@percorsi.demo');
    await page.goto('/segnalazioni/nuova');
    const field = page.getByLabel(/^Codice fiscale/);
    await field.fill('RSSMRA85T10A562X');
    const error = page.getByText('Il carattere di controllo (l’ultimo) non corrisponde', { exact: false });
    await error.waitFor();
    // Beside the field: Mantine links the message to the input it describes.
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    expect(describedBy).toContain(await error.getAttribute('id'));
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, '07-errore-codice-fiscale');

    await field.fill('RSSMRA85T10A562S');
    await page.getByTestId('codice-fiscale-ok').waitFor();
    expect(await error.count()).toBe(0);

    // Enter in a picker picks the option typed, and never sends the form half filled.
    const needs = page.getByRole('combobox', { name: /^Ambiti di bisogno/ });
    await needs.focus();
    await page.keyboard.type('Lav');
    await page.keyboard.press('Enter');
    await page.locator('.mantine-Pill-root', { hasText: 'Lavoro' }).waitFor();
    expect(await page.getByTestId('error-summary').count()).toBe(0);

    // Consent that authorises no service is warned about: nobody could assess the person.
    await page.getByLabel(/^La persona è stata informata/).check();
    const noOrganisations = page.getByTestId('consent-no-organisations');
    await noOrganisations.waitFor();
    expect(await noOrganisations.innerText()).toContain('nessuno potrà valutare la persona');
    await choose(page, page, /^Enti autorizzati/, /^Società della Salute/);
    await noOrganisations.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('explains in Italian why the equipe cannot be convened without the job centre', async () => {
    const caseId = await caseAfter(7, 'Guardia');
    const page = await harness.newPage();
    await logIn(page, 'operatore@percorsi.demo');
    await page.goto(`/casi/${caseId}`);
    const form = await openAction(page, 'Convoca l’equipe', 'SCHEDULE_MEETING');
    await form.getByLabel(/^Data della riunione/).fill('15/12/2026');
    await chooseMany(page, form, /^Enti convocati/, ['Società della Salute della Valdinievole', /^Ser\.D/]);
    await form.getByRole('button', { name: 'Convoca l’equipe', exact: true }).click();
    const refusal = form.getByTestId('guard-failed');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain(
      'L’equipe di primo livello richiede i servizi sociali (SdS o Comune) e il Centro per l’Impiego.',
    );
    expect(await page.getByTestId('case-state').innerText()).toBe('Equipe di primo livello da convocare');
    // The refusal takes the focus: read at once, and the keyboard goes on from there.
    expect(await page.evaluate('document.activeElement.dataset.testid')).toBe('guard-failed');
    await page.context().close();
  });

  it('warns when a meeting is recorded as held before the day it was convened for, and offers as present only the services the consent authorises', async () => {
    const caseId = await caseAfter(8, 'Anticipo');
    const { body: view } = await coordinator.get(`/api/cases/${caseId}`);
    const convened = new Date(view.data.meetings.at(-1).date);
    const dayBefore = new Date(convened.getTime() - 86_400_000);
    const italian = (date: Date) =>
      date.toLocaleDateString('it-IT', {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        timeZone: 'Europe/Rome',
      });
    const page = await harness.newPage();
    await logIn(page, 'operatore@percorsi.demo');
    await page.goto(`/casi/${caseId}`);
    const form = await openAction(page, 'Registra l’esito della riunione', 'RECORD_MEETING');
    const heldOn = form.getByLabel(/^Riunione tenuta il/);
    await heldOn.fill(italian(dayBefore));
    await heldOn.press('Tab');
    const warning = form.getByTestId('held-before-convened');
    await warning.waitFor();
    expect(await warning.innerText()).toContain(`convocata per il ${italian(convened)}`);
    await heldOn.fill(italian(convened));
    await heldOn.press('Tab');
    await warning.waitFor({ state: 'detached' });

    // Present are, at first, the services convened; one taken away is the only one offered again: the
    // consent of the example referral authorises the SdS, the job centre and the health service alone.
    expect(view.data.consent.authorisedOrganisations).toHaveLength(3);
    await form.getByRole('combobox', { name: /^Enti presenti/ }).focus();
    await page.keyboard.press('Backspace');
    await page.keyboard.press('ArrowDown');
    const offered = page.getByRole('option');
    await offered.first().waitFor();
    expect(await offered.count()).toBe(1);
    expect(await page.getByRole('option', { name: /Cooperativa/ }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.context().close();
  });

  it('puts the fields a refused form lacks in a summary that takes the focus and leads to each field', async () => {
    const caseId = await caseAfter(7, 'Riepilogo');
    const page = await harness.newPage();
    await logIn(page, 'operatore@percorsi.demo');
    await page.goto(`/casi/${caseId}`);
    const form = await openAction(page, 'Convoca l’equipe', 'SCHEDULE_MEETING');
    await form.getByRole('button', { name: 'Convoca l’equipe', exact: true }).click();
    const summary = form.getByTestId('error-summary');
    await summary.waitFor();
    expect(await page.evaluate('document.activeElement.dataset.testid')).toBe('error-summary');
    expect(await summary.innerText()).toMatch(/Data della riunione/);
    await summary.getByRole('button', { name: /^Data della riunione/ }).click();
    expect(
      await page.evaluate(
        'document.activeElement.closest("[data-path]")?.dataset.path ?? document.activeElement.dataset.path',
      ),
    ).toBe('date');
    await page.context().close();
  });

  it('tells the second of two pages that someone else updated the case, keeping what was typed', async () => {
    const caseId = await caseAfter(0, 'Concorrente');
    const first = await harness.newPage();
    const second = await harness.newPage();
    await logIn(first, 'operatore@percorsi.demo');
    await logIn(second, 'coordinatore@percorsi.demo');
    await first.goto(`/casi/${caseId}`);
    await second.goto(`/casi/${caseId}`);

    const secondForm = await openAction(second, 'Modifica la segnalazione', 'UPDATE_REFERRAL');
    const typed = 'Situazione aggiornata dal coordinatore dopo il colloquio.';
    await secondForm.getByLabel(/^Motivo della segnalazione/).fill(typed);

    const firstForm = await openAction(first, 'Modifica la segnalazione', 'UPDATE_REFERRAL');
    await choose(first, firstForm, /^Ambiti di bisogno/, 'Reddito');
    await first.keyboard.press('Escape');
    await firstForm.getByRole('button', { name: 'Modifica la segnalazione', exact: true }).click();
    await firstForm.waitFor({ state: 'detached' });

    await secondForm.getByRole('button', { name: 'Modifica la segnalazione', exact: true }).click();
    const conflict = secondForm.getByTestId('version-conflict');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('Qualcun altro ha aggiornato questo caso — ricarica');
    expect(await secondForm.getByLabel(/^Motivo della segnalazione/).inputValue()).toBe(typed);
    await screenshot(second, '08-conflitto-di-versione');

    await conflict.getByRole('button', { name: 'Ricarica' }).click();
    await conflict.waitFor({ state: 'detached' });
    expect(await secondForm.getByLabel(/^Motivo della segnalazione/).inputValue()).toBe(typed);
    await secondForm.getByRole('button', { name: 'Modifica la segnalazione', exact: true }).click();
    await secondForm.waitFor({ state: 'detached' });

    const history = await coordinator.get(`/api/cases/${caseId}/history`);
    const updates = history.body.items.filter((item: any) => item.eventType === 'UPDATE_REFERRAL');
    expect(updates.map((item: any) => item.actorName)).toEqual(['Giulia Bianchi', 'Laura Neri']);
    expect(updates[1].eventData.reason).toBe(typed);
    await first.context().close();
    await second.context().close();
  }, 120_000);

  it('says in English, once the user chose it, why a step is held back and why the API refused one', async () => {
    const held = (await coordinator.post('/api/cases', exampleReferral({ lastName: 'Inglese' }))).body.id;
    await coordinator.send(held, 'SUBMIT');
    const caseId = await caseAfter(7, 'English');
    const page = await inEnglish('coordinatore@percorsi.demo');
    await page.goto(`/casi/${held}`);
    const blocked = page.getByTestId('blocked-events');
    await blocked.getByText('Not possible yet').waitFor();
    expect(await blocked.locator('[data-event=ACCEPT]').innerText()).toBe(
      'Accept the referral: The person’s informed consent is not recorded: record it before accepting.',
    );
    expect(await page.getByTestId('case-state').innerText()).toBe('Submitted, awaiting triage');
    await screenshot(page, '08-en-perche');
    await page.context().close();

    const operator = await inEnglish('operatore@percorsi.demo');
    await operator.goto(`/casi/${caseId}`);
    const form = await openAction(operator, 'Convene the team', 'SCHEDULE_MEETING');
    await form.getByLabel(/^Meeting date/).fill('15/12/2026');
    await chooseMany(operator, form, /^Organisations convened/, [
      'Società della Salute della Valdinievole',
      /^Ser\.D/,
    ]);
    await form.getByRole('button', { name: 'Convene the team', exact: true }).click();
    const refusal = form.getByTestId('guard-failed');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain(
      'The first-level team needs the social services (SdS or municipality) and the job centre.',
    );
    await screenshot(operator, '08-en-rifiuto');
    await operator.context().close();
  }, 120_000);
});
