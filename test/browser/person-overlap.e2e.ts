// The coordinator at triage, in the browser, on the demo's two situations: Luca Colombo, in care, referred
// again by the Ser.D (the overlap box above the actions, and REJECT "già in carico" naming his percorso),
// and Marta Fontana, whose percorso closed, referred again (the new case continues the old one). The
// referring ETS sees no box; a person without a codice fiscale is referred through the form.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { codiceFiscaleOf } from '../../workflows/case/index.js';
import type { ApiClient } from '../support/api.js';
import { ownDemoDatabase } from '../support/own-demo-database.js';
import {
  choose,
  chooseMany,
  logIn,
  openAction,
  screenshot,
  scrollsSideways,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

let database: Awaited<ReturnType<typeof ownDemoDatabase>>;
let harness: BrowserHarness;
let coordinator: ApiClient;

beforeAll(async () => {
  // Its own demo database: other files triage the shared demo's referrals.
  database = await ownDemoDatabase();
  harness = await startBrowserHarness({ DATABASE_URL: database.url });
  coordinator = await harness.api.anonymous.as('coordinatore@percorsi.demo');
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await database?.drop();
});

/** The demo case of that person in that state. */
async function caseOf(lastName: string, state: string): Promise<string> {
  const listed = (await coordinator.get(`/api/cases?text=${lastName}&pageSize=100`)).body.items;
  const found = listed.find((item: { state: string }) => item.state === state);
  if (!found) throw new Error(`no demo case of ${lastName} in ${state}`);
  return found.id;
}

async function openCase(page: Page, caseId: string) {
  await page.goto(`/casi/${caseId}`);
  await page.getByTestId('case-state').waitFor();
}

describe('the person at triage', () => {
  it('shows the coordinator the percorso already in care above the actions, and rejects as già in carico', async () => {
    const referral = await caseOf('Colombo', 'segnalazione.inviata');
    const page = await harness.newPage();
    await logIn(page, 'coordinatore@percorsi.demo', 'Le mie attività');
    await openCase(page, referral);

    const box = page.getByTestId('person-links');
    await box.getByRole('heading', { name: 'La persona in altri percorsi' }).waitFor();
    await box.getByText('La persona ha già un percorso in corso nell’ambito', { exact: false }).waitFor();
    const line = box.getByTestId('percorso-line');
    expect(await line.count()).toBe(1);
    expect(await line.innerText()).toMatch(/^in corso\s+equipe di primo livello convocata/i);
    // Above the actions, as the coordinator reads the page (measured once everything has loaded, both in
    // one moment: two boundingBox calls are relative to a viewport that may scroll between them).
    await page.waitForLoadState('networkidle');
    const [boxTop, actionsTop] = await page.evaluate<number[]>(
      `['person-links', 'actions-panel'].map(
         (id) => document.querySelector('[data-testid="' + id + '"]').getBoundingClientRect().top)`,
    );
    expect(boxTop).toBeLessThan(actionsTop);
    await screenshot(page, '40-sovrapposizione-al-triage');

    const form = await openAction(page, 'Non accogliere la segnalazione', 'REJECT');
    await choose(page, form, /^Motivo del mancato accoglimento/, 'Già in carico');
    await choose(page, form, /^Percorso che ha già in carico la persona/, /segnalato da/);
    await form.getByRole('button', { name: 'Non accogliere la segnalazione', exact: true }).click();
    await page.getByTestId('case-state').filter({ hasText: 'Esito' }).waitFor();
    const stored = (await coordinator.get(`/api/cases/${referral}`)).body.data.rejection;
    const other = (await coordinator.get(`/api/cases/${referral}/links`)).body.otherPercorsi[0];
    expect(stored).toMatchObject({ reason: 'gia_in_carico', percorsoId: other.id });
    await page.context().close();
  });

  it('shows that a new referral continues a closed percorso, opens the person page, links her household and corrects her phone', async () => {
    const referral = await caseOf('Fontana', 'segnalazione.inviata');
    const page = await harness.newPage();
    await logIn(page, 'coordinatore@percorsi.demo', 'Le mie attività');
    await openCase(page, referral);
    const previous = page.getByTestId('previous-percorso');
    await previous.waitFor();
    expect(await previous.innerText()).toContain('Continua un percorso aperto il');
    await page.getByTestId('person-links').getByRole('link', { name: 'Scheda della persona' }).click();
    await page.getByTestId('person-name').filter({ hasText: 'Marta Fontana' }).waitFor();
    expect(await page.getByTestId('percorso-line').count()).toBe(2);
    // Her household: Luca Colombo, found by his codice fiscale.
    await page
      .getByLabel(/^Codice fiscale del componente/)
      .fill(codiceFiscaleOf('Colombo', 'Luca', '1980-01-16', 'M', 'G491'));
    await page.getByText('Luca Colombo', { exact: true }).waitFor();
    await choose(page, page, /^Che cosa è per la persona/, 'Coniuge');
    await page.getByRole('button', { name: 'Aggiungi al nucleo' }).click();
    const member = page.getByTestId('household-member');
    await member.waitFor();
    expect(await member.innerText()).toMatch(/^Coniuge:\s+Luca Colombo/);
    // A rectification: the new phone, with why; the old value stays in the changes.
    await page.getByRole('button', { name: 'Correggi i dati della persona' }).click();
    await page.getByLabel(/^Telefono/).fill('+39 333 7654321');
    await page.getByLabel(/^Perché si corregge/).fill('Nuovo numero comunicato dalla persona');
    await page.getByRole('button', { name: 'Salva la correzione' }).click();
    await page.getByRole('cell', { name: '+39 0572 000000 → +39 333 7654321' }).waitFor();
    await screenshot(page, '41-scheda-della-persona');
    await page.context().close();
  });

  it('fits the box and the person page on a 390 px phone', async () => {
    const referral = await caseOf('Fontana', 'segnalazione.inviata');
    const page = await harness.newPage({ width: 390, height: 844 });
    await logIn(page, 'coordinatore@percorsi.demo', 'Le mie attività');
    await openCase(page, referral);
    await page.getByTestId('previous-percorso').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await scrollsSideways(page)).toBe(false);
    await page.getByTestId('person-links').getByRole('link', { name: 'Scheda della persona' }).click();
    await page.getByTestId('person-name').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, '42-scheda-della-persona-390px');
    await page.context().close();
  });

  it('shows the referring ETS no box on the same referral', async () => {
    const referral = await caseOf('Fontana', 'segnalazione.inviata');
    const page = await harness.newPage();
    await logIn(page, 'inviante@percorsi.demo');
    await openCase(page, referral);
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('person-links').count()).toBe(0);
    expect(await page.getByTestId('previous-percorso').count()).toBe(0);
    await page.context().close();
  });

  it('refers a person without a codice fiscale, with sex and birthplace', async () => {
    const page = await harness.newPage();
    await logIn(page, 'inviante@percorsi.demo');
    await page.goto('/segnalazioni/nuova');
    await page.getByLabel(/^Nome/).fill('Amadou');
    await page.getByLabel(/^Cognome/).fill('Senzacodice');
    await page.getByLabel('La persona non ha (ancora) un codice fiscale').check();
    expect(await page.getByLabel(/^Codice fiscale/).count()).toBe(0);
    await page.getByLabel(/^Data di nascita/).fill('02/03/1999');
    await page.getByLabel(/^Comune di residenza/).fill('Pescia');
    await page.getByRole('button', { name: 'Salva come bozza' }).click();
    // Without a code, sex and birthplace are required: the form says so beside them.
    await page.getByText('Obbligatorio per una persona senza codice fiscale').first().waitFor();
    await choose(page, page, /^Sesso/, 'Maschile');
    await page.getByLabel(/^Luogo di nascita/).fill('Senegal');
    await page.getByLabel(/^Motivo della segnalazione/).fill('Arrivato da poco, cerca lavoro.');
    await chooseMany(page, page, /^Ambiti di bisogno/, ['Lavoro']);
    await page.getByRole('button', { name: 'Salva come bozza' }).click();
    await page.waitForURL(/\/casi\/[0-9a-f-]{36}$/);
    const caseId = page.url().split('/').at(-1)!;
    expect((await coordinator.get(`/api/cases/${caseId}`)).body.person).toMatchObject({
      lastName: 'Senzacodice',
      sex: 'M',
      birthplace: 'Senegal',
    });
    // The header begins with the birth date: no empty code and no stray separator before it.
    await page.getByTestId('case-state').waitFor();
    const header = page.getByTestId('case-person').locator('xpath=following-sibling::*[1]');
    expect(await header.innerText()).toMatch(/^nato\/a il 0?2\/0?3\/1999 · Pescia$/);
    await page.context().close();
  });
});
