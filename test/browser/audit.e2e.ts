// The DPO's home: the ambito's audit log, searched by user, case and dates, and downloaded as CSV. The DPO
// is offered no screen about cases, which she may not open.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  choose,
  expectAccessible,
  logIn,
  screenshot,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

let harness: BrowserHarness;
let page: Page;
let caseId: string;

beforeAll(async () => {
  harness = await startBrowserHarness();
  // Reads of protected data by two services of the ambito, as the API records them (test/access checks
  // that it does): the log the DPO searches.
  const [{ id }] = await harness.api.dataSource.query('SELECT id FROM cases ORDER BY created_at LIMIT 1');
  caseId = id;
  await harness.api.dataSource.query(
    `INSERT INTO audit_log (at, user_id, organisation_id, case_id, action, fields, purpose)
     SELECT now() - interval '1 hour' * n, u.id, u.organisation_id, $1, 'lettura', ARRAY['data.assessments'], p
     FROM users u JOIN (VALUES ('serd@percorsi.demo', 'verifica del PaIS', 1),
                               ('coordinatore@percorsi.demo', 'preparazione dell’equipe', 2)) v(email, p, n)
       ON v.email = u.email`,
    [caseId],
  );
  page = await harness.newPage();
});

afterAll(() => harness.close());

interface ShownPage {
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
  querySelectorAll(selector: string): ArrayLike<{ innerText: string }>;
}

/**
 * Waits until the search asked for has loaded and every row shows `text` (until then the previous search's
 * rows stay on screen, dimmed and busy), then returns the rows.
 */
async function rowsShowing(text: string): Promise<string[]> {
  // A function (the page's CSP forbids evaluating strings while polling), typed by hand: the tests compile
  // without the DOM's types.
  await page.waitForFunction((expected) => {
    const { document } = globalThis as unknown as { document: ShownPage };
    const rows = Array.from(document.querySelectorAll('[data-testid=audit-row]'));
    return (
      document.querySelector('[data-testid=audit-table]')?.getAttribute('aria-busy') === 'false' &&
      rows.length > 0 &&
      rows.every((row) => row.innerText.includes(expected))
    );
  }, text);
  return page.getByTestId('audit-row').allInnerTexts();
}

describe('the DPO', () => {
  it('lands on the access log and is offered nothing about cases', async () => {
    await logIn(page, 'dpo@percorsi.demo', 'Registro degli accessi');
    const menu = page.getByRole('navigation');
    expect(await menu.getByRole('link', { name: 'Nuova segnalazione' }).count()).toBe(0);
    expect(await menu.getByRole('link', { name: 'I miei casi' }).count()).toBe(0);
    await page.getByTestId('audit-row').first().waitFor();
    // What was read in words, never as the field paths the services record.
    const shown = (await page.getByTestId('audit-row').allInnerTexts()).join('\n');
    expect(shown).toContain('Valutazioni');
    expect(shown).not.toMatch(/data\.|history\.\d/);
    await screenshot(page, '50-registro-accessi');
    // Nor by typing their addresses: each leads back to the log.
    for (const path of ['/casi', '/segnalazioni/nuova', '/attivita']) {
      await page.goto(path);
      await page.waitForURL((url) => url.pathname === '/registro-accessi');
      await page.getByTestId('audit-row').first().waitFor();
    }
  });

  it('narrows the log to one user and one case, and back and reload keep the search', async () => {
    await choose(page, page, /^Utente/, /^Paola Gialli/);
    await page.waitForURL((url) => url.searchParams.has('utente'));
    expect((await rowsShowing('Paola Gialli')).join('\n')).toContain('verifica del PaIS');
    await page.reload();
    await page.getByTestId('audit-row').filter({ hasText: 'verifica del PaIS' }).first().waitFor();
    expect(await page.getByRole('combobox', { name: /^Utente/ }).inputValue()).toMatch(/^Paola Gialli/);

    await page.getByLabel(/^Caso/).fill('non-un-caso');
    await page.getByText('Non è il codice intero di un caso').waitFor();
    await page.getByLabel(/^Caso/).fill(caseId);
    // Only that case, still only that user.
    for (const row of await rowsShowing(caseId.slice(0, 8))) expect(row).toContain('Paola Gialli');
    await expectAccessible(page, 'filtered');
  });

  it('downloads what the filters find as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Scarica CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('registro-accessi.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toContain(
      'Data e ora (ora italiana, Europe/Rome, con scarto da UTC);Utente;E-mail;Ente;Caso',
    );
    expect(lines.slice(1).every((line) => line.includes('Paola Gialli') && line.includes(caseId))).toBe(true);
    expect(csv).toContain(';Lettura;Valutazioni;verifica del PaIS;data.assessments');
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0[12]:00;/);
  });
});
