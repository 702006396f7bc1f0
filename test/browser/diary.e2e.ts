// The diary on the case page in the browser: a note written, edited with its earlier text kept and shown,
// and a health note of Ser.D shown to the coordinator as existing but not readable.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { exampleReferral } from '../../workflows/case/index.js';
import { demoPayloads } from '../support/demo-territory.js';
import { logIn, screenshot, startBrowserHarness, type BrowserHarness } from './browser.js';

let harness: BrowserHarness;
let page: Page;
let caseId: string;

beforeAll(async () => {
  harness = await startBrowserHarness();
  page = await harness.newPage();
  const coordinator = await harness.api.anonymous.as('coordinatore@percorsi.demo');
  const payloads = await demoPayloads(harness.api.dataSource, new Date().toISOString().slice(0, 10));
  caseId = (await coordinator.post('/api/cases', exampleReferral())).body.id;
  await coordinator.send(caseId, 'RECORD_CONSENT', payloads.RECORD_CONSENT);
  for (const [type, data] of [
    ['SUBMIT', {}],
    ['ACCEPT', {}],
    ['ASSIGN_ASSESSORS', payloads.ASSIGN_ASSESSORS],
    ['RECORD_DOMAIN_ASSESSMENT', { ...payloads.RECORD_DOMAIN_ASSESSMENT, domain: 'lavoro' }],
    ['RECORD_DOMAIN_ASSESSMENT', { ...payloads.RECORD_DOMAIN_ASSESSMENT, domain: 'casa' }],
    ['COMPLETE_ASSESSMENT', payloads.COMPLETE_ASSESSMENT],
    ['SCHEDULE_MEETING', payloads.SCHEDULE_MEETING],
  ] as const) {
    await coordinator.send(caseId, type, data);
  }
  const serd = await harness.api.anonymous.as('serd@percorsi.demo');
  await serd.post(`/api/cases/${caseId}/diary`, {
    date: new Date().toISOString().slice(0, 10),
    category: 'particolari',
    text: 'Terapia in corso.',
  });
});

afterAll(() => harness.close());

describe('the diary on the case page', () => {
  it('writes a note, edits it keeping the earlier text, and says a health note exists without showing it', async () => {
    await logIn(page, 'coordinatore@percorsi.demo', 'Le mie attività');
    await page.goto(`/casi/${caseId}`);
    const section = page.getByTestId('file-diary');
    await section.getByTestId('diary-withheld').waitFor();
    expect(await section.textContent()).not.toContain('Terapia');

    await section
      .getByRole('textbox', { name: /^Nota/ })
      .fill('Telefonata con la persona: presente in equipe.');
    await section.getByRole('button', { name: 'Aggiungi la nota' }).click();
    await section.getByRole('status').filter({ hasText: 'Nota aggiunta' }).waitFor();
    const entry = section.getByTestId('diary-entry').filter({ hasText: 'Telefonata' });
    await entry.getByRole('button', { name: 'Modifica' }).click();
    await entry.getByRole('textbox', { name: /^Nota/ }).fill('Telefonata: presente in equipe con la figlia.');
    await entry.getByRole('button', { name: 'Salva la modifica' }).click();
    const edited = section.getByTestId('diary-entry').filter({ hasText: 'con la figlia' });
    await edited.getByText('modificata una volta').click();
    await edited.getByText('Telefonata con la persona: presente in equipe.').waitFor();
    await screenshot(page, '33-diario');
  });
});
