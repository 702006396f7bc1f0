// "Le mie attività" in the browser, on the demo territory: the home page of operators and coordinators,
// one list in the server's order (most urgent first) whose rows open their case; the referring service
// has no worklist and starts from I miei casi.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { ownDemoDatabase } from '../support/own-demo-database.js';
import { logIn, screenshot, startBrowserHarness, type BrowserHarness } from './browser.js';

let database: Awaited<ReturnType<typeof ownDemoDatabase>>;
let harness: BrowserHarness;
let page: Page;

beforeAll(async () => {
  // Its own demo database: the run's is shared with files that change the demo operator's cases.
  database = await ownDemoDatabase();
  harness = await startBrowserHarness({ DATABASE_URL: database.url });
  page = await harness.newPage();
});

afterAll(async () => {
  await harness.close();
  await database.drop();
});

const rowLinks = () =>
  page
    .getByTestId('activity-row')
    .getByRole('link')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href')));

describe('Le mie attività', () => {
  it('is the operator’s home: what waits on them, most urgent first, as the server orders it', async () => {
    await logIn(page, 'operatore@percorsi.demo', 'Le mie attività');
    await page.waitForURL(/\/attivita$/);
    await page.getByRole('heading', { name: 'Le mie attività' }).waitFor();
    await page.getByTestId('activity-row').first().waitFor();
    const operator = await harness.api.anonymous.as('operatore@percorsi.demo');
    const expected = (await operator.get('/api/activities?days=14')).body.items;
    expect(expected.length).toBeGreaterThan(1);
    expect(await rowLinks()).toEqual(expected.map((item: { caseId: string }) => `/casi/${item.caseId}`));
    // The demo's late assessment waits on this operator, and is shown as late.
    expect(await page.getByTestId('activity-row').filter({ hasText: 'In ritardo' }).count()).toBe(
      expected.filter((item: { overdue: boolean }) => item.overdue).length,
    );
    expect(await page.getByTestId('activity-row').filter({ hasText: 'In ritardo' }).count()).toBeGreaterThan(
      0,
    );
    await screenshot(page, '04-le-mie-attivita');
  });

  it('opens the case of a row with the keyboard', async () => {
    const first = page.getByTestId('activity-row').first().getByRole('link');
    const href = await first.getAttribute('href');
    await first.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === href);
    await page.getByRole('link', { name: 'Le mie attività' }).click();
    await page.getByRole('heading', { name: 'Le mie attività' }).waitFor();
  });

  it('shows the coordinatore the referrals waiting for triage', async () => {
    await logIn(page, 'coordinatore@percorsi.demo', 'Le mie attività');
    await page.getByRole('heading', { name: 'Le mie attività' }).waitFor();
    await page.getByTestId('activity-row').filter({ hasText: 'Segnalazione da valutare' }).first().waitFor();
  });

  it('leaves the referring service on I miei casi, with no worklist in the menu', async () => {
    await logIn(page, 'inviante@percorsi.demo');
    await page.goto('/');
    await page.waitForURL(/\/casi$/);
    await page.getByRole('heading', { name: 'I miei casi' }).waitFor();
    expect(await page.getByRole('link', { name: 'Le mie attività' }).count()).toBe(0);
  });
});
