// Versions of the chart in the browser: the Valdinievole amministratore moves the ambito's new referrals to
// version 2 on Amministrazione, and the coordinator records a colloquio di accoglienza on a new case, beside
// a case that goes on on version 1. On a database of its own: it changes an ambito's version.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { exampleReferral } from '../../workflows/case/index.js';
import { demoPayloads } from '../support/demo-territory.js';
import { ownDemoDatabase } from '../support/own-demo-database.js';
import {
  confirm,
  logIn,
  openAction,
  screenshot,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

let database: Awaited<ReturnType<typeof ownDemoDatabase>>;
let harness: BrowserHarness;
let page: Page;

beforeAll(async () => {
  database = await ownDemoDatabase();
  harness = await startBrowserHarness({ DATABASE_URL: database.url });
  page = await harness.newPage();
}, 120_000);

afterAll(async () => {
  await harness.close();
  await database.drop();
});

async function acceptedReferral(): Promise<{ id: string; workflowVersion: number }> {
  const coordinator = await harness.api.anonymous.as('coordinatore@percorsi.demo');
  const payloads = await demoPayloads(harness.api.dataSource, new Date().toISOString().slice(0, 10));
  const { id } = (await coordinator.post('/api/cases', exampleReferral())).body;
  await coordinator.send(id, 'RECORD_CONSENT', payloads.RECORD_CONSENT);
  await coordinator.send(id, 'SUBMIT');
  return coordinator.send(id, 'ACCEPT');
}

describe('versions of the chart', () => {
  it('the amministratore starts the ambito’s new referrals on version 2', async () => {
    const older = await acceptedReferral();
    expect(older.workflowVersion).toBe(1);
    await logIn(page, 'admin@percorsi.demo', 'Amministrazione');
    await page.getByRole('tab', { name: 'Versione del percorso' }).click();
    await page.getByText('L’ambito non ha mai cambiato versione').waitFor();
    expect(await page.getByRole('radio', { name: 'Versione 1' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Versione 2' }).check();
    await page.getByRole('button', { name: 'Applica alle nuove segnalazioni' }).click();
    await page.getByText('Le nuove segnalazioni partono sulla versione 2.').waitFor();
    const history = await page.getByTestId('chart-version-changes').innerText();
    expect(history).toContain('Sara Rosa');
    expect(history).toContain('Dalla versione 1 alla 2');
    await screenshot(page, 'administration-chart-version');

    // The older case goes on on version 1: no interview is offered there.
    await logIn(page, 'coordinatore@percorsi.demo');
    await page.goto(`/casi/${older.id}`);
    await page.getByRole('toolbar').getByRole('button', { name: 'Assegna i valutatori' }).waitFor();
    await page.getByText('Versione del percorso: 1', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Registra il colloquio di accoglienza' }).count()).toBe(0);
  });

  it('the coordinator records the colloquio di accoglienza of a referral started on version 2', async () => {
    const newer = await acceptedReferral();
    expect(newer.workflowVersion).toBe(2);
    await page.goto(`/casi/${newer.id}`);
    await page.getByTestId('case-state').filter({ hasText: 'Colloquio di accoglienza' }).waitFor();
    await page.getByText('Versione del percorso: 2', { exact: true }).waitFor();
    const form = await openAction(page, 'Registra il colloquio di accoglienza', 'RECORD_WELCOME_INTERVIEW');
    await form.getByLabel(/^Sintesi/).fill('Primo colloquio allo sportello: cerca lavoro vicino a casa.');
    await confirm(page, form, 'Registra il colloquio di accoglienza', 'Valutatori da assegnare');
    await screenshot(page, 'case-welcome-interview');
  });
});
