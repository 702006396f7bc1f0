// The diary on the case page: an operator writes a note and corrects it, the earlier text stays readable;
// a health note of the Ser.D is withheld from the job centre, saying so.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleReferral, happyPath } from '../../workflows/case/index.js';
import { demoPayloads } from '../support/demo-territory.js';
import { logIn, screenshot, startBrowserHarness, type BrowserHarness } from './browser.js';

let harness: BrowserHarness;

beforeAll(async () => {
  harness = await startBrowserHarness();
});

afterAll(() => harness.close());

describe('the diary in the browser', () => {
  it('keeps the earlier text of a corrected note, and withholds a health note from the job centre', async () => {
    const coordinator = await harness.api.anonymous.as('coordinatore@percorsi.demo');
    const created = await coordinator.post('/api/cases', exampleReferral({ lastName: 'Diario' }));
    const caseId: string = created.body.id;
    for (const step of happyPath(await demoPayloads(harness.api.dataSource)).slice(0, 8)) {
      await coordinator.send(caseId, step.type, step.data);
    }
    const serd = await harness.api.anonymous.as('serd@percorsi.demo');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
    await serd.post(`/api/cases/${caseId}/diary`, {
      occurredOn: today,
      category: 'particolari',
      text: 'Terapia in corso al Ser.D.',
    });

    const page = await harness.newPage();
    await logIn(page, 'operatore@percorsi.demo');
    await page.goto(`/casi/${caseId}`);
    const diary = page.getByTestId('file-diario');
    const form = diary.getByTestId('diary-form');
    await form.getByLabel(/^Nota/).fill('Colloquio con la persona: cerca lavoro come magazziniere.');
    await form.getByRole('button', { name: 'Aggiungi al diario' }).click();
    const entry = diary.getByTestId('diary-entry').filter({ hasText: 'magazziniere' });
    await entry.waitFor();
    expect(await form.getByLabel(/^Nota/).inputValue()).toBe('');

    await entry.getByRole('button', { name: 'Modifica' }).click();
    await entry
      .getByLabel(/^Nota/)
      .fill('Colloquio con la persona: cerca lavoro come magazziniere o autista.');
    await entry.getByRole('button', { name: 'Salva la modifica' }).click();
    await entry.getByText('modificata').waitFor();
    await entry.getByRole('button', { name: 'Versioni precedenti' }).click();
    const versions = await entry.getByTestId('diary-versions').textContent();
    expect(versions).toContain('Versione 1 (Giulia Bianchi');
    expect(versions).toContain('cerca lavoro come magazziniere.');
    expect(await entry.textContent()).toContain('magazziniere o autista.');
    // The SdS operator neither reads health data nor is responsabile: the Ser.D's note is withheld.
    expect(await diary.getByTestId('diary-withheld').textContent()).toContain(
      'riservata (Dati sanitari (particolari))',
    );
    expect(await diary.textContent()).not.toContain('Terapia in corso');
    await screenshot(page, '44-diario');
    await page.context().close();
  });
});
