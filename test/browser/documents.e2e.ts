// Documents on the case page in the browser: filing a scan, downloading it, pointing the consent at the
// signed form, and being told why a file whose content is not what it claims is refused.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { exampleReferral } from '../../workflows/case/index.js';
import {
  choose,
  logIn,
  openAction,
  screenshot,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let harness: BrowserHarness;
let page: Page;
let caseId: string;

beforeAll(async () => {
  harness = await startBrowserHarness();
  page = await harness.newPage();
  const coordinator = await harness.api.anonymous.as('coordinatore@percorsi.demo');
  caseId = (
    await coordinator.post('/api/cases', exampleReferral({ firstName: 'Ștefan', lastName: 'Öztürk' }))
  ).body.id;
});

afterAll(() => harness.close());

function fileNamed(name: string, content: Buffer): string {
  const path = join(tmpdir(), `${process.pid}-${name}`);
  writeFileSync(path, content);
  return path;
}

describe('documents on the case page', () => {
  it('files a signed consent and downloads it back', async () => {
    await logIn(page, 'coordinatore@percorsi.demo', 'Le mie attività');
    await page.goto(`/casi/${caseId}`);
    // The consent form has nothing to offer yet, and says where to file the signed form.
    const consentForm = await openAction(page, 'Registra il consenso informato', 'RECORD_CONSENT');
    await consentForm.getByText('Nessun documento «Consenso firmato» tra i documenti del caso').waitFor();
    expect(await consentForm.getByRole('link', { name: 'Vai a Documenti' }).getAttribute('href')).toBe(
      '#file-documents',
    );
    const section = page.getByTestId('file-documents');
    await section.getByText('Nessun documento caricato.').waitFor();
    await choose(page, section, /^Tipo di documento/, 'Consenso firmato');
    await section.locator('input[type=file]').setInputFiles(fileNamed('consenso.pdf', PDF));
    await section.getByRole('button', { name: 'Carica il documento' }).click();
    await section.getByRole('status').filter({ hasText: 'è stato caricato' }).waitFor();
    const row = section.getByTestId('document-row');
    await row.waitFor();
    expect(await row.textContent()).toContain('Consenso firmato');
    await screenshot(page, '31-documenti');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: /^Scarica/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/consenso\.pdf$/);
  });

  it('records the consent pointing at the signed form, which the consent section then offers', async () => {
    const form = page.getByTestId('event-form-RECORD_CONSENT');
    await choose(page, form, /^Modulo di consenso firmato/, /consenso\.pdf/);
    await form.getByRole('button', { name: 'Registra il consenso informato', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    const consent = page.getByTestId('file-consenso');
    const signed = consent.getByTestId('signed-form');
    await signed.waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      signed.getByRole('button', { name: /^Scarica .*consenso\.pdf$/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/consenso\.pdf$/);
    // The timeline's entry says the form came with it.
    await page
      .getByTestId('timeline')
      .locator('[data-event=RECORD_CONSENT]')
      .getByText('Con il modulo firmato, tra i documenti del caso')
      .waitFor();
  });

  it('says why a file whose content is not what its name claims is refused', async () => {
    const section = page.getByTestId('file-documents');
    await choose(page, section, /^Tipo di documento/, 'ISEE');
    await section.locator('input[type=file]').setInputFiles(fileNamed('isee.pdf', Buffer.from('solo testo')));
    await section.getByRole('button', { name: 'Carica il documento' }).click();
    await section.getByRole('alert').filter({ hasText: 'non corrisponde al suo tipo' }).waitFor();
    expect(await section.getByTestId('document-row').count()).toBe(1);
  });
});
