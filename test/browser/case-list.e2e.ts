// "I miei casi" in the browser with more cases than one page: the page asks the server for one page at a
// time (the rest with "Mostra altri casi"), searches without accents, sorts by person and filters overdue.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { exampleReferral } from '../../workflows/case/index.js';
import { codiceFiscaleOf } from '../support/codice-fiscale.js';
import { ownDemoDatabase } from '../support/own-demo-database.js';
import { logIn, screenshot, startBrowserHarness, type BrowserHarness } from './browser.js';

const EXTRA = [
  'Öztürk',
  'Ferrara',
  'Galli',
  'Conti',
  'Marino',
  'Greco',
  'Bruno',
  'Gallo',
  'Costa',
  'Fontana',
];

let database: Awaited<ReturnType<typeof ownDemoDatabase>>;
let harness: BrowserHarness;
let page: Page;
let total: number;
const requests: string[] = [];

beforeAll(async () => {
  // Its own demo database: the run's is shared with files that add cases as the same coordinator.
  database = await ownDemoDatabase();
  harness = await startBrowserHarness({ DATABASE_URL: database.url });
  const coordinator = await harness.api.anonymous.as('coordinatore@percorsi.demo');
  for (const [index, lastName] of EXTRA.entries()) {
    const birthDate = `1990-02-${String(index + 1).padStart(2, '0')}`;
    const created = await coordinator.post('/api/cases', {
      ...exampleReferral({
        lastName,
        firstName: 'Elif',
        birthDate,
        codiceFiscale: codiceFiscaleOf(lastName, 'Elif', birthDate, 'F'),
      }),
    });
    expect(created.status).toBe(201);
  }
  total = (await coordinator.get('/api/cases')).body.total;
  page = await harness.newPage();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/cases') requests.push(url.search);
  });
});

afterAll(async () => {
  await harness.close();
  await database.drop();
});

const names = () => page.getByTestId('case-row').getByRole('link').allInnerTexts();

describe('I miei casi', () => {
  it('shows the first page, then the next one on request, every case once', async () => {
    expect(total).toBeGreaterThan(20);
    await logIn(page, 'coordinatore@percorsi.demo');
    await page.getByText(`${total} casi`).waitFor();
    expect(await page.getByTestId('case-row').count()).toBe(20);
    await screenshot(page, '05-i-miei-casi');
    const before = requests.length;
    await page.getByRole('button', { name: 'Mostra altri casi' }).click();
    await page.getByTestId('case-row').nth(20).waitFor();
    expect(await page.getByTestId('case-row').count()).toBe(total);
    expect(await page.getByRole('button', { name: 'Mostra altri casi' }).count()).toBe(0);
    // One more request, for the next page only, with the cursor the first page gave.
    expect(requests.slice(before)).toEqual([expect.stringContaining('cursor=')]);
    const shown = await page
      .getByTestId('case-row')
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(new Set(shown).size).toBe(total);
  });

  it('finds Öztürk when "ozturk" is typed', async () => {
    await page.getByLabel('Cerca per nome o codice fiscale').fill('ozturk');
    await page.getByText('1 caso', { exact: true }).waitFor();
    expect(await names()).toEqual(['Öztürk Elif']);
    await page.getByLabel('Cerca per nome o codice fiscale').fill('');
    await page.getByText(`${total} casi`).waitFor();
  });

  it('sorts by person on the server, A to Z then Z to A', async () => {
    await page.getByRole('button', { name: 'Ordina per Persona' }).click();
    await page.waitForURL(/ordina=person/);
    await page.getByTestId('case-row').first().waitFor();
    const fold = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const ascending = await names();
    expect(ascending.map(fold)).toEqual([...ascending.map(fold)].sort());
    await page.getByRole('button', { name: 'Ordina per Persona' }).click();
    await page.waitForURL(/verso=desc/);
    await page.waitForFunction(
      `document.querySelector('[data-testid=case-row] a')?.textContent !== ${JSON.stringify(ascending[0])}`,
    );
    const descending = await names();
    expect(descending.map(fold)).toEqual([...descending.map(fold)].sort().reverse());
  });

  it('filters the cases with a passed deadline, as the server says', async () => {
    await page.getByRole('switch', { name: 'Solo con scadenze superate' }).check();
    await page.waitForURL(/scadute=1/);
    await page.waitForFunction("document.querySelectorAll('[data-testid=case-row]').length < 20");
    const rows = page.getByTestId('case-row');
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    expect(await rows.filter({ hasText: 'Scaduta' }).count()).toBe(count);
    await screenshot(page, '06-i-miei-casi-scaduti');
  });
});
