// The case file on the case page: the coordinator reads the whole referral at triage; each section shows
// what the server lets the role read and says what it withholds; the referring ETS sees only the status.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleReferral, happyPath, type ExamplePayloads } from '../../workflows/case/index.js';
import type { ApiClient } from '../support/api.js';
import { demoPayloads } from '../support/demo-territory.js';
import { logIn, screenshot, startBrowserHarness, type BrowserHarness } from './browser.js';

let harness: BrowserHarness;
let coordinator: ApiClient;
let referrer: ApiClient;
let payloads: ExamplePayloads;

beforeAll(async () => {
  harness = await startBrowserHarness();
  coordinator = await harness.api.anonymous.as('coordinatore@percorsi.demo');
  referrer = await harness.api.anonymous.as('inviante@percorsi.demo');
  payloads = await demoPayloads(harness.api.dataSource);
});

afterAll(() => harness.close());

/** A referral by the ETS naming a health need, with consent, sent for triage. */
async function referralAtTriage(lastName: string): Promise<string> {
  const input = exampleReferral({ lastName, email: 'persona@example.org' });
  input.referral.needs = ['lavoro', 'casa', 'salute'];
  input.referral.reason = 'Perso il lavoro a marzo.\nSfratto esecutivo fissato per gennaio.';
  input.referral.urgency = 'alta';
  Object.assign(input.referral, { residencePermit: 'in_rinnovo', language: 'Arabo', mediatorNeeded: true });
  input.person.citizenship = 'Marocco';
  const created = await referrer.post('/api/cases', input);
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  await referrer.send(id, 'RECORD_CONSENT', payloads.RECORD_CONSENT);
  await referrer.send(id, 'SUBMIT');
  return id;
}

/** The same referral taken through assessment, equipe, a signed plan, a check and a revision (plan v2). */
async function caseWithRevisedPlan(lastName: string): Promise<string> {
  const id = await referralAtTriage(lastName);
  const path = happyPath(payloads);
  const step = (type: string) => path.find((candidate) => candidate.type === type)!.data;
  await coordinator.send(id, 'ACCEPT');
  await coordinator.send(id, 'ASSIGN_ASSESSORS', step('ASSIGN_ASSESSORS'));
  for (const [domain, summary] of [
    ['lavoro', 'Nessuna esperienza recente.'],
    ['casa', 'Sfratto esecutivo in corso.'],
    ['salute', 'Diabete in cura, nessuna limitazione al lavoro.'],
  ]) {
    await coordinator.send(id, 'RECORD_DOMAIN_ASSESSMENT', { domain, needLevel: 'medio', summary });
  }
  await coordinator.send(id, 'COMPLETE_ASSESSMENT', step('COMPLETE_ASSESSMENT'));
  await coordinator.send(id, 'SCHEDULE_MEETING', step('SCHEDULE_MEETING'));
  await coordinator.send(id, 'RECORD_MEETING', {
    ...payloads.RECORD_MEETING,
    minutes:
      'Primo punto: tirocinio.\nSecondo punto: sostegno abitativo con il Comune.\nTerzo punto: verifica a tre mesi.',
  });
  await coordinator.send(id, 'UPDATE_PLAN', payloads.UPDATE_PLAN);
  await coordinator.send(id, 'SUBMIT_FOR_SIGNATURE');
  await coordinator.send(id, 'SIGN', payloads.SIGN);
  await coordinator.send(id, 'RECORD_MONITORING', {
    ...payloads.RECORD_MONITORING,
    note: 'Tirocinio avviato.',
  });
  await coordinator.send(id, 'REVISE_PLAN', payloads.REVISE_PLAN);
  const plan = payloads.UPDATE_PLAN;
  await coordinator.send(id, 'UPDATE_PLAN', {
    ...plan,
    goals: [...plan.goals, { id: 'g2', description: 'Una casa stabile' }],
  });
  return id;
}

describe('the case file', () => {
  it('lets the coordinator read the whole referral at triage, the health need withheld and said so', async () => {
    const caseId = await referralAtTriage('Triage');
    const page = await harness.newPage();
    await logIn(page, 'coordinatore@percorsi.demo');
    await page.goto(`/casi/${caseId}`);
    const referral = page.getByTestId('file-segnalazione');
    await referral.getByText('Sfratto esecutivo fissato per gennaio.').waitFor();
    const text = (await referral.textContent()) ?? '';
    expect(text).toContain('Perso il lavoro a marzo.');
    expect(text).toContain(exampleReferral().referral.referringService);
    expect(text).toContain('Alta');
    expect(text).toContain('Lavoro');
    expect(text).toContain('Casa');
    expect(text).toContain('persona@example.org');
    expect(text).toContain(exampleReferral().person.phone!);
    expect(text).toContain('In rinnovo');
    expect(text).toContain('Marocco');
    expect(text).toContain('Arabo · serve un mediatore linguistico-culturale');
    // The coordinator reads no health data: the need is left out by the server, and the section says so.
    expect(text).not.toContain('Salute');
    expect((await referral.getByTestId('withheld').textContent()) ?? '').toContain('Dati particolari');

    const consent = page.getByTestId('file-consenso');
    const organisations = (await consent.getByTestId('consented-organisations').textContent()) ?? '';
    expect(organisations).toContain('Società della Salute della Valdinievole');
    expect(organisations).toContain('Ser.D Valdinievole');
    expect((await consent.textContent()) ?? '').toContain('02/03/2026');
    await screenshot(page, '40-fascicolo-triage');
    await page.context().close();
  });

  it('shows each section as the role may read it: the job centre without health data, the Ser.D with it', async () => {
    const caseId = await caseWithRevisedPlan('Fascicolo');
    const page = await harness.newPage();
    // The CPI assesses the case but is neither a health service nor the responsabile.
    await logIn(page, 'cpi@percorsi.demo');
    await page.goto(`/casi/${caseId}`);
    const assessment = page.getByTestId('file-valutazione');
    await assessment.getByTestId('assessments').waitFor();
    expect((await assessment.textContent()) ?? '').toContain('Sfratto esecutivo in corso.');
    expect((await assessment.textContent()) ?? '').not.toContain('Diabete');
    expect((await assessment.getByTestId('withheld').textContent()) ?? '').toContain('Dati particolari');

    const meeting = page.getByTestId('file-equipe').getByTestId('meeting');
    const minutes = (await meeting.textContent()) ?? '';
    expect(minutes).toContain('Terzo punto: verifica a tre mesi.');
    expect(minutes).toContain('Sede SdS, Pescia');
    expect(minutes).toContain('Ser.D Valdinievole');
    expect(minutes).toContain('Definire il PaIS');

    const plan = page.getByTestId('file-pais');
    expect((await plan.getByTestId('plan-current').textContent()) ?? '').toContain('Una casa stabile');
    const earlier = (await plan.getByTestId('plan-earlier').textContent()) ?? '';
    expect(earlier).toContain('Versione precedente');
    expect(earlier).toContain('Sottoscritto il 02/03/2026');
    expect(earlier).not.toContain('Una casa stabile');
    expect(earlier).toContain('Centro per l’Impiego di Pescia');

    const check = page.getByTestId('file-monitoraggio').getByTestId('monitoring-check');
    expect((await check.textContent()) ?? '').toContain('Tirocinio avviato.');
    expect((await check.textContent()) ?? '').toContain('Tirocinio di sei mesi: In corso');
    expect((await page.getByTestId('file-esito').textContent()) ?? '').toContain('nessun esito');

    // The minutes open in full from the timeline.
    const entry = page.locator('[data-event=RECORD_MEETING]');
    await entry.getByRole('button', { name: 'Mostra tutto' }).click();
    await entry.getByText('Terzo punto: verifica a tre mesi.').waitFor();
    await screenshot(page, '41-fascicolo-operatore');

    await logIn(page, 'serd@percorsi.demo');
    await page.goto(`/casi/${caseId}`);
    await page.getByTestId('file-valutazione').getByText('Diabete in cura').waitFor();
    expect(await page.getByTestId('file-valutazione').getByTestId('withheld').count()).toBe(0);
    await page.context().close();
  });

  it('shows the referring ETS its own referral in the timeline, without the health need it may not read', async () => {
    const caseId = await referralAtTriage('Autrice');
    const page = await harness.newPage();
    await logIn(page, 'inviante@percorsi.demo');
    await page.goto(`/casi/${caseId}`);
    const referral = page.locator('[data-testid="timeline-transition"][data-event="CREATE_REFERRAL"]');
    await referral.waitFor();
    expect(await referral.innerText()).toContain('Ambiti di bisogno: Lavoro, Casa');
    expect(await referral.innerText()).not.toContain('Salute');
    expect(await referral.getByTestId('needs-withheld').count()).toBe(1);
    expect(await referral.getByText('Contenuto riservato', { exact: false }).count()).toBe(0);
    await screenshot(page, '56-segnalazione-nella-cronologia-dell-ets');
    await page.context().close();
  });

  it('shows the referring ETS, once the case is taken on, only the status with initials and the referral date', async () => {
    const caseId = await referralAtTriage('Stato');
    await coordinator.send(caseId, 'ACCEPT');
    const page = await harness.newPage();
    await logIn(page, 'inviante@percorsi.demo');
    await page.goto(`/casi/${caseId}`);
    await page.getByTestId('status-person').waitFor();
    expect((await page.getByTestId('status-person').textContent()) ?? '').toBe('Persona: M. S.');
    expect(await page.getByText('Segnalazione compilata dal tuo servizio il').count()).toBe(1);
    expect(await page.getByText('Vista limitata').count()).toBe(1);
    expect(await page.getByTestId('case-file').count()).toBe(0);
    expect(await page.getByText('Perso il lavoro').count()).toBe(0);
    await page.context().close();
  });

  it('downloads the PaIS to sign and the encrypted case file from the case page', async () => {
    const caseId = await caseWithRevisedPlan('Documenti');
    const page = await harness.newPage();
    await logIn(page, 'operatore@percorsi.demo');
    await page.goto(`/casi/${caseId}`);
    const panel = page.getByTestId('printouts-panel');
    const [pais] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Stampa il PaIS da firmare (versione 2, PDF)' }).click(),
    ]);
    expect(pais.suggestedFilename()).toBe(`pais-${caseId}-v2.pdf`);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', (await pais.path())!, '-']).toString();
    expect(text).toContain('Obiettivo 2: Una casa stabile');

    const form = panel.getByTestId('export-form');
    await form.getByLabel(/^Password del file/).fill('corta');
    await form.getByRole('button', { name: 'Esporta il fascicolo cifrato (ZIP)' }).click();
    await form.getByText('Almeno 12 caratteri', { exact: true }).waitFor();
    await form.getByLabel(/^Password del file/).fill('una-password-lunga-abbastanza');
    await form.getByLabel(/^Motivo dell’esportazione/).fill('invio al centro per l’impiego');
    const [zip] = await Promise.all([
      page.waitForEvent('download'),
      form.getByRole('button', { name: 'Esporta il fascicolo cifrato (ZIP)' }).click(),
    ]);
    expect(zip.suggestedFilename()).toBe(`fascicolo-${caseId}.zip`);
    const listing = execFileSync('7z', ['l', '-slt', (await zip.path())!]).toString();
    expect(listing).toContain('Method = AES-256');
    await page.context().close();
  });
});
