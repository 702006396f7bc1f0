// A case from referral to outcome in the browser, using only the UI, against the real API and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { codiceFiscaleCheckCharacter } from '../../workflows/case/index.js';
import {
  choose,
  chooseMany,
  confirm,
  logIn,
  openAction,
  screenshot,
  switchUser,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

const SDS = 'Società della Salute della Valdinievole';
const CPI = /^Centro per l.Impiego di Pescia/;
const GIULIA = /^Giulia Bianchi/;
const CARLO = /^Carlo Verdi/;

let harness: BrowserHarness;
let page: Page;

beforeAll(async () => {
  harness = await startBrowserHarness();
  page = await harness.newPage();
});

afterAll(() => harness.close());

async function timelineEvents(): Promise<string[]> {
  const events: string[] = [];
  for (const item of await page.getByTestId('timeline-transition').all()) {
    events.push((await item.getAttribute('data-event')) ?? '');
  }
  return events.reverse();
}

describe('a case manager in the browser', () => {
  it('logs in and sees who they are and their cases', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Accedi a Percorsi' }).waitFor();
    await screenshot(page, '01-login');
    await logIn(page, 'operatore@percorsi.demo');
    const user = page.getByTestId('current-user');
    expect(await user.innerText()).toMatch(/Giulia Bianchi[\s\S]*Operatore[\s\S]*Società della Salute/i);
    await page.getByTestId('case-row').first().waitFor();
    expect(await page.getByTestId('case-row').count()).toBeGreaterThan(0);
    await screenshot(page, '02-i-miei-casi');
  });

  it('takes a new referral from segnalazione to esito using only the UI', async () => {
    await page.getByRole('link', { name: 'Nuova segnalazione' }).click();
    await page.getByLabel(/^Nome/).fill('Lara');
    await page.getByLabel(/^Cognome/).fill('Bonci');
    const first15 = 'BNCLRA90A41G491';
    await page.getByLabel(/^Codice fiscale/).fill(first15 + codiceFiscaleCheckCharacter(first15));
    await page.getByTestId('codice-fiscale-ok').waitFor();
    await page.getByLabel(/^Data di nascita/).fill('01/01/1990');
    await page.getByLabel(/^Comune di residenza/).fill('Pescia');
    await page.getByLabel(/^Motivo della segnalazione/).fill('Disoccupata da un anno, sfratto in corso.');
    await chooseMany(page, page, /^Ambiti di bisogno/, ['Lavoro', 'Casa']);
    await page.getByRole('checkbox', { name: /informata e autorizza/ }).check();
    await chooseMany(page, page, /^Enti autorizzati/, [SDS, CPI]);
    await screenshot(page, '03-nuova-segnalazione');
    await page.getByRole('button', { name: 'Invia la segnalazione' }).click();

    await page.getByTestId('case-person').filter({ hasText: 'Lara Bonci' }).waitFor();
    await page.getByTestId('case-state').filter({ hasText: 'Inviata, in attesa di triage' }).waitFor();

    // Triage belongs to the ambito's coordinator; the operator, an assessor, carries on after it.
    expect(
      await page
        .getByTestId('actions-panel')
        .getByRole('button', { name: 'Accogli la segnalazione' })
        .count(),
    ).toBe(0);
    await switchUser(page, 'coordinatore@percorsi.demo');
    let form = await openAction(page, 'Accogli la segnalazione', 'ACCEPT');
    await confirm(page, form, 'Accogli la segnalazione', 'Valutatori da assegnare');

    form = await openAction(page, 'Assegna i valutatori', 'ASSIGN_ASSESSORS');
    await chooseMany(page, form, /^Valutatori/, [GIULIA, CARLO]);
    await confirm(page, form, 'Assegna i valutatori', 'Valutazione in corso');
    await switchUser(page, 'operatore@percorsi.demo');

    // One form for the referral's domains: it stays open for the next one and closes after the last.
    form = await openAction(page, 'Registra la valutazione di un ambito', 'RECORD_DOMAIN_ASSESSMENT');
    for (const [domain, summary] of [
      ['Lavoro', 'Nessuna esperienza lavorativa recente.'],
      ['Casa', 'Sfratto esecutivo.'],
    ]) {
      await form
        .getByRole('combobox', { name: /^Ambito di vita/ })
        .and(page.locator(`[value="${domain}"]`))
        .waitFor();
      await form.getByRole('radio', { name: 'Alto' }).check();
      await form.getByLabel(/^Sintesi/).fill(summary);
      if (domain === 'Casa')
        await confirm(page, form, 'Registra la valutazione di un ambito', 'Valutazione in corso');
      else
        await form.getByRole('button', { name: 'Registra la valutazione di un ambito', exact: true }).click();
    }

    form = await openAction(page, 'Concludi la valutazione', 'COMPLETE_ASSESSMENT');
    await form.getByRole('radio', { name: /^Socio-lavorativo/ }).check();
    await confirm(page, form, 'Concludi la valutazione', 'Equipe di primo livello da convocare');
    await screenshot(page, '04-scheda-del-caso-equipe');

    form = await openAction(page, 'Convoca l’equipe', 'SCHEDULE_MEETING');
    await form.getByLabel(/^Data della riunione/).fill('15/12/2026');
    await form.getByLabel(/^Luogo/).fill('Sede SdS, Pescia');
    await chooseMany(page, form, /^Enti convocati/, [SDS, CPI]);
    await confirm(page, form, 'Convoca l’equipe', 'Equipe di primo livello convocata');

    form = await openAction(page, 'Registra l’esito della riunione', 'RECORD_MEETING');
    await form.getByLabel(/^Verbale/).fill('Si concorda un tirocinio e un sostegno abitativo.');
    await choose(page, form, /^Responsabile del percorso/, GIULIA);
    await confirm(page, form, 'Registra l’esito della riunione', 'PaIS in redazione');

    form = await openAction(page, 'Modifica il PaIS', 'UPDATE_PLAN');
    await form.getByLabel(/^Obiettivo 1/).fill('Inserimento lavorativo');
    await form.getByLabel(/^Descrizione dell.azione/).fill('Tirocinio di sei mesi');
    await choose(page, form, /^Ente responsabile/, CPI);
    await form.getByLabel(/^Al/).fill('30/06/2027');
    await form.getByLabel(/^Risorse collegate/).fill('GOL percorso 4');
    await form.getByLabel(/^Risorse collegate/).press('Enter');
    await form.getByLabel(/^Impegno 1/).fill('Partecipare ai colloqui al Centro per l’Impiego');
    await screenshot(page, '05-pais');
    await confirm(page, form, 'Modifica il PaIS', 'PaIS in redazione');

    form = await openAction(page, 'Proponi il PaIS per la sottoscrizione', 'SUBMIT_FOR_SIGNATURE');
    await confirm(page, form, 'Proponi il PaIS per la sottoscrizione', 'PaIS da sottoscrivere');

    form = await openAction(page, 'Registra la sottoscrizione', 'SIGN');
    await confirm(page, form, 'Registra la sottoscrizione', 'Monitoraggio attivo');

    form = await openAction(page, 'Registra una verifica', 'RECORD_MONITORING');
    await form.getByRole('radio', { name: 'Regolare' }).check();
    await confirm(page, form, 'Registra una verifica', 'Monitoraggio attivo');

    form = await openAction(page, 'Chiudi con un esito', 'CLOSE');
    await choose(page, form, /^Esito principale/, 'Occupazione');
    await choose(page, form, /^Tipo di contratto/, 'Tempo determinato');
    await confirm(page, form, 'Chiudi con un esito', 'Esito');

    await page.getByText('Percorso concluso').waitFor();
    expect(await page.getByText('Il percorso è concluso: nessuna azione possibile.').isVisible()).toBe(true);
    expect(await timelineEvents()).toEqual([
      'CREATE_REFERRAL',
      'RECORD_CONSENT',
      'SUBMIT',
      'ACCEPT',
      'ASSIGN_ASSESSORS',
      'RECORD_DOMAIN_ASSESSMENT',
      'RECORD_DOMAIN_ASSESSMENT',
      'COMPLETE_ASSESSMENT',
      'SCHEDULE_MEETING',
      'RECORD_MEETING',
      'UPDATE_PLAN',
      'SUBMIT_FOR_SIGNATURE',
      'SIGN',
      'RECORD_MONITORING',
      'CLOSE',
    ]);
    const timeline = await page.getByTestId('timeline').innerText();
    expect(timeline).toContain('Equipe di primo livello convocata → PaIS in redazione');
    expect(timeline).toContain('Occupazione');

    // The chart shows where the case ended and the way it came.
    const chart = page.getByTestId('statechart');
    expect(await chart.locator('[data-state-id="esito"]').getAttribute('data-status')).toBe('current');
    expect(await chart.locator('[data-state-id="pais.da_sottoscrivere"]').getAttribute('data-status')).toBe(
      'visited',
    );
    expect(await chart.locator('[data-state-id="equipe.secondo_livello"]').getAttribute('data-status')).toBe(
      'ahead',
    );
    expect(await chart.locator('[data-travelled]').count()).toBeGreaterThanOrEqual(8);
    await screenshot(page, '06-scheda-del-caso-esito');
  }, 480_000);
});
