// "I miei casi" in the browser with more cases than one page: the page asks the server for one page at a
// time (the rest with "Mostra altri casi"), searches without accents, sorts by person and filters overdue.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { codiceFiscaleOf, exampleReferral } from '../../workflows/case/index.js';
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
    const coordinator = await harness.api.anonymous.as('coordinatore@percorsi.demo');
    const fold = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (const direction of ['asc', 'desc']) {
      const served = (await coordinator.get(`/api/cases?sort=person&direction=${direction}`)).body.items;
      const expected = served.map(
        (item: { person: { lastName: string; firstName: string } }) =>
          `${item.person.lastName} ${item.person.firstName}`,
      );
      await page.getByRole('button', { name: 'Ordina per Persona' }).click();
      await page.waitForURL(direction === 'asc' ? /ordina=person/ : /verso=desc/);
      await page.getByTestId('case-row').first().filter({ hasText: expected[0] }).waitFor();
      const shown = await names();
      expect(shown).toEqual(expected);
      const sorted = [...shown.map(fold)].sort();
      expect(shown.map(fold)).toEqual(direction === 'asc' ? sorted : sorted.reverse());
    }
  });

  it('filters the cases with a passed deadline, as the server says', async () => {
    const coordinator = await harness.api.anonymous.as('coordinatore@percorsi.demo');
    const overdue = (await coordinator.get('/api/cases?overdue=true')).body.total;
    expect(overdue).toBeGreaterThan(0);
    await page.getByRole('switch', { name: 'Solo con scadenze superate' }).click();
    await page.waitForURL(/scadute=1/);
    await page.getByText(overdue === 1 ? '1 caso' : `${overdue} casi`, { exact: true }).waitFor();
    const rows = page.getByTestId('case-row');
    await rows.nth(Math.min(overdue, 20) - 1).waitFor();
    expect(await rows.count()).toBe(Math.min(overdue, 20));
    expect(await rows.filter({ hasText: 'Scaduta' }).count()).toBe(Math.min(overdue, 20));
    await screenshot(page, '06-i-miei-casi-scaduti');
  });
});
