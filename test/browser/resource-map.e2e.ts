// The Piana di Lucca's resource map in the browser: its coordinator sees the ambito's own catalogue, links
// a company from it into a PaIS action, and finds the case under "where used".
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { exampleReferral, examplePayloads, happyPath } from '../../workflows/case/index.js';
import { ambitoTerritory } from '../support/demo-territory.js';
import {
  choose,
  confirm,
  logIn,
  openAction,
  screenshot,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

let harness: BrowserHarness;
let page: Page;
let caseId: string;
const COMPANY = 'Cartiera della Piana (tirocini e inserimenti)';

beforeAll(async () => {
  harness = await startBrowserHarness();
  const coordinator = await harness.api.anonymous.as('coordinatore.lucca@percorsi.demo');
  const payloads = examplePayloads(
    await ambitoTerritory(harness.api.dataSource, 'piana_di_lucca'),
    new Date().toISOString().slice(0, 10),
  );
  caseId = (
    await coordinator.post('/api/cases', exampleReferral({ lastName: 'Mappata', municipality: 'Porcari' }))
  ).body.id;
  for (const step of happyPath(payloads).slice(0, 9)) await coordinator.send(caseId, step.type, step.data);
  page = await harness.newPage();
});

afterAll(() => harness.close());

describe('the resource map of the Piana di Lucca', () => {
  it('shows the coordinator the ambito’s own resources only', async () => {
    await logIn(page, 'coordinatore.lucca@percorsi.demo');
    await page.getByRole('link', { name: 'Risorse' }).click();
    await page.getByRole('heading', { name: 'Mappatura delle risorse' }).waitFor();
    const map = page.getByTestId('resource-map');
    await map.getByText(COMPANY).waitFor();
    expect(await map.innerText()).not.toContain('Vivai Valdinievole');
    await screenshot(page, 'resource-map');
  });

  it('links a company from the map into a PaIS action and lists the case where it is used', async () => {
    await page.goto(`/casi/${caseId}`);
    const form = await openAction(page, 'Modifica il PaIS', 'UPDATE_PLAN');
    await form.getByLabel(/^Obiettivo 1/).fill('Inserimento lavorativo');
    await form.getByLabel(/^Descrizione dell.azione/).fill('Tirocinio di inclusione in cartiera');
    await choose(page, form, /^Ente responsabile/, /Centro per l’Impiego di Lucca/);
    await form.getByLabel(/^Al/).fill('30/06/2027');
    await choose(page, form, /^Risorse della mappatura/, new RegExp(COMPANY.replace(/[()]/g, '\\$&')));
    await form.getByLabel(/^Impegno 1/).fill('Presentarsi ai colloqui in azienda');
    await confirm(page, form, 'Modifica il PaIS', 'PaIS in redazione');

    const [{ id: companyId }] = await harness.api.dataSource.query(
      'SELECT id FROM resources WHERE name = $1',
      [COMPANY],
    );
    const [{ snapshot }] = await harness.api.dataSource.query('SELECT snapshot FROM cases WHERE id = $1', [
      caseId,
    ]);
    expect(snapshot.context.plan.actions[0].resourceIds).toEqual([companyId]);

    await page.getByRole('link', { name: 'Risorse' }).click();
    const row = page.getByTestId('resource-row').filter({ hasText: COMPANY });
    await row.getByRole('button', { name: 'Dove è usata' }).click();
    await page.getByTestId('resource-uses').getByText('Tirocinio di inclusione in cartiera').waitFor();
    await screenshot(page, 'resource-where-used');
  });
});
