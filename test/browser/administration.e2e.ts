// The Piana di Lucca's amministratore in the browser: lands on Amministrazione, sees only the ambito's
// users and organisations, and changes a deadline of the ambito, which moves the running case's deadline
// and shows in its history.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { logIn, screenshot, startBrowserHarness, switchUser, type BrowserHarness } from './browser.js';

let harness: BrowserHarness;
let page: Page;
// A deadline no other test of the shared demo database relies on in this ambito.
const KEY = 'sottoscrizione_pais';

beforeAll(async () => {
  harness = await startBrowserHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  const admin = await harness.api.anonymous.as('admin.lucca@percorsi.demo');
  await admin.request('DELETE', `/api/admin/deadlines/${KEY}`);
  await harness.close();
});

async function paisDeadline(caseId: string) {
  const coordinator = await harness.api.anonymous.as('coordinatore.lucca@percorsi.demo');
  const view = (await coordinator.get(`/api/cases/${caseId}`)).body;
  return view.deadlines.find((deadline: { key: string }) => deadline.key === KEY) as {
    startsAt: string;
    dueAt: string;
  };
}

describe('the amministratore of the Piana di Lucca', () => {
  it('lands on Amministrazione and sees the ambito’s own users and organisations only', async () => {
    await logIn(page, 'admin.lucca@percorsi.demo', 'Amministrazione');
    await page.getByTestId('admin-users').waitFor();
    const users = await page.getByTestId('admin-users').innerText();
    expect(users).toContain('coordinatore.lucca@percorsi.demo');
    expect(users).not.toContain('coordinatore@percorsi.demo');
    expect(await page.getByRole('link', { name: 'Casi bloccati' }).count()).toBe(0);
    await screenshot(page, 'administration-users');
    await page.getByRole('tab', { name: 'Organizzazioni' }).click();
    const organisations = await page.getByTestId('admin-organisations').innerText();
    expect(organisations).toContain('Comune di Villa Basilica');
    expect(organisations).not.toContain('Valdinievole');
  });

  it('changes a deadline of the ambito: the running case’s due date moves and its history says so', async () => {
    const [{ id: caseId }] = await harness.api.dataSource.query(
      `SELECT id FROM cases WHERE ambito = 'piana_di_lucca' AND state = 'pais.in_redazione' ORDER BY created_at LIMIT 1`,
    );
    const before = await paisDeadline(caseId);
    await page.getByRole('tab', { name: 'Scadenze' }).click();
    const row = page.getByTestId(`deadline-${KEY}`);
    // A refusal lands beside its field, in the API's words, and saves nothing.
    await row.getByLabel(/Giorni prima dei promemoria/).fill('40');
    await row.getByRole('button', { name: 'Salva' }).click();
    await row.getByText('Deve essere meno giorni della scadenza stessa').waitFor();
    expect((await paisDeadline(caseId)).dueAt).toBe(before.dueAt);
    // Days are kept as typed: "2,5" is not turned into 25, nor "-5" into 1 (UI-walk finding).
    const days = row.getByLabel(/Giorni entro cui scade/);
    await row.getByLabel(/Giorni prima dei promemoria/).fill('');
    await days.fill('2,5');
    await row.getByText('Scrivi un numero intero di giorni').waitFor();
    await row.getByRole('button', { name: 'Salva' }).click();
    await days.fill('-5');
    await row.getByRole('button', { name: 'Salva' }).click();
    await row.locator('.mantine-InputWrapper-error').first().waitFor();
    expect(await days.inputValue()).toBe('-5');
    expect((await paisDeadline(caseId)).dueAt).toBe(before.dueAt);

    await days.fill('20');
    await row.getByLabel(/Giorni prima dei promemoria/).fill('5, 1');
    await row.getByRole('button', { name: 'Salva' }).click();
    await row.getByTestId('deadline-applied').getByText('20 giorni · promemoria 5, 1 giorni prima').waitFor();
    await page
      .getByTestId('deadline-changes')
      .getByRole('row')
      .filter({ hasText: 'Sottoscrizione del PaIS' })
      .filter({ hasText: 'Roberto Favilla' })
      .first()
      .waitFor();
    await screenshot(page, 'administration-deadlines');

    const after = await paisDeadline(caseId);
    expect(Date.parse(after.dueAt) - Date.parse(after.startsAt)).toBe(20 * 86_400_000);
    expect(after.startsAt).toBe(before.startsAt);

    await switchUser(page, 'coordinatore.lucca@percorsi.demo');
    await page.goto(`/casi/${caseId}`);
    await page.getByText('Scadenze dell’ambito modificate').first().waitFor();
  });
});
