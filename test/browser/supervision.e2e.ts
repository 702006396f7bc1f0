// The coordinatore's supervision screens in the browser, on the demo territory: the stuck list (most
// overdue first) opens a case, and the dashboard shows every chart with its table.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { OPEN_LEAF_STATES, recomputeLateness } from '../../libs/supervision/index.js';
import { logIn, screenshot, startBrowserHarness, type BrowserHarness } from './browser.js';

let harness: BrowserHarness;
let page: Page;

beforeAll(async () => {
  harness = await startBrowserHarness();
  // The demo cases were all written a moment ago, on the wall clock: a zero-day threshold for every open
  // state makes each one late now, recomputed as a coordinator's change is.
  await harness.api.dataSource.query(
    `INSERT INTO supervision_thresholds (ambito, state, after_days)
     SELECT o.ambito, state, 0 FROM users u JOIN organisations o ON o.id = u.organisation_id,
            unnest($1::text[]) AS state
     WHERE u.email = 'coordinatore@percorsi.demo'`,
    [OPEN_LEAF_STATES],
  );
  await recomputeLateness(harness.api.dataSource);
  page = await harness.newPage();
});

afterAll(() => harness.close());

describe('a coordinatore supervising their ambito', () => {
  it('is the only one who sees the supervision screens in the navigation', async () => {
    await logIn(page, 'operatore@percorsi.demo');
    expect(await page.getByRole('link', { name: 'Casi bloccati' }).count()).toBe(0);
    await logIn(page, 'coordinatore@percorsi.demo');
    await page.getByRole('link', { name: 'Casi bloccati' }).waitFor();
    expect(await page.getByRole('link', { name: 'Cruscotto' }).count()).toBe(1);
  });

  it('sees the stuck cases, most overdue first, and opens one with a click', async () => {
    await page.getByRole('link', { name: 'Casi bloccati' }).click();
    await page.getByRole('heading', { name: 'Casi bloccati' }).waitFor();
    await page.getByTestId('stuck-row').first().waitFor();
    const rows = page.getByTestId('stuck-row');
    expect(await rows.count()).toBeGreaterThan(1);
    const overdueSince = await page.getByTestId('overdue-since').allInnerTexts();
    const sortable = overdueSince.map((text) => text.split('/').reverse().join(''));
    expect(sortable).toEqual([...sortable].sort());
    await screenshot(page, '20-casi-bloccati');

    const first = rows.first();
    const link = first.getByRole('link');
    const href = await link.getAttribute('href');
    const state = await first.getByTestId('stuck-state').innerText();
    await first.getByTestId('stuck-state').click();
    await page.waitForURL((url) => url.pathname === href);
    await page.getByTestId('case-state').filter({ hasText: state }).waitFor();
    await screenshot(page, '22-caso-da-casi-bloccati');
  });

  it('sees the dashboard: every chart with its table, and a CSV for each', async () => {
    await page.getByRole('link', { name: 'Cruscotto' }).click();
    await page.getByRole('heading', { name: 'Cruscotto' }).waitFor();
    const tables = [
      'funnel',
      'phase-durations',
      'referrals',
      'outcomes',
      'workload-operators',
      'workload-responsabili',
      'escalations',
    ];
    for (const table of tables) {
      const section = page.getByTestId(`dashboard-${table}`);
      await section.waitFor();
      expect([table, await section.getByRole('button', { name: 'Scarica CSV' }).count()]).toEqual([table, 1]);
      expect([table, await section.locator('.recharts-surface').count()]).toEqual([table, 1]);
    }
    expect(await page.getByTestId('dashboard-in-care').textContent()).toMatch(
      /^Oggi in carico: \d+ persone in \d+ nuclei familiari$/,
    );
    const funnel = page.getByTestId('dashboard-funnel');
    const cases = (await funnel.locator('tbody tr td:nth-child(2)').allInnerTexts()).map(Number);
    expect(cases.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
    // Each referrer of the table has its bar and its name in the legend, a dotted one too ("Ser.D …").
    const referrals = page.getByTestId('dashboard-referrals');
    // Months named, not coded ("ottobre 2026", not "2026-10").
    const months = await referrals.locator('tbody tr td:nth-child(1)').allInnerTexts();
    expect(months.length).toBeGreaterThan(0);
    expect(months.filter((month) => !/^[a-z]+ \d{4}$/.test(month))).toEqual([]);
    const referrers = new Set(await referrals.locator('tbody tr td:nth-child(2)').allInnerTexts());
    expect([...referrers].some((name) => name.includes('.'))).toBe(true);
    const legend = await referrals.locator('[class*="legendItemName"]').allInnerTexts();
    expect(legend.sort()).toEqual([...referrers].sort());
    const workload = page.getByTestId('dashboard-workload-operators').locator('tbody tr');
    expect(await workload.count()).toBeGreaterThan(0);
    await screenshot(page, '21-cruscotto');
  });

  it('chooses the months of the dashboard by name, in Italian, from the keyboard', async () => {
    const months = [
      'gennaio',
      'febbraio',
      'marzo',
      'aprile',
      'maggio',
      'giugno',
      'luglio',
      'agosto',
      'settembre',
      'ottobre',
      'novembre',
      'dicembre',
    ];
    const subtitle = page.getByText(/^Ambito .*, da /);
    const from = page.getByLabel('Dal mese');
    // Named as the page's language names them, whatever the browser's own ("January 2026" before).
    const [month, year] = (await from.innerText()).split(' ');
    expect(months).toContain(month);
    expect(await subtitle.innerText()).toContain(`da ${month} ${year} a `);
    // Enter opens the months, Enter on the next one picks it. (Where the focus starts in the open list is
    // Mantine's: an arrow from the field picked the same month again in a later run.)
    await from.focus();
    await page.keyboard.press('Enter');
    const next = (months.indexOf(month) + 1) % 12;
    const picked = next ? `${months[next]} ${year}` : `gennaio ${Number(year) + 1}`;
    if (!next) await page.getByRole('button', { name: /next year|anno successivo/i }).click();
    await page
      .locator('.mantine-MonthPickerInput-monthsListControl')
      .filter({ hasText: new RegExp(`^${months[next].slice(0, 3)}`) })
      .focus();
    await page.keyboard.press('Enter');
    await subtitle.filter({ hasText: `da ${picked} a ` }).waitFor();
    expect(await from.innerText()).toBe(picked);
    expect(new URL(page.url()).searchParams.get('dal')).toMatch(/^\d{4}-\d{2}$/);
  });

  it('changes a threshold of the ambito, and goes back to the default', async () => {
    await page.getByRole('link', { name: 'Soglie' }).click();
    await page.getByRole('heading', { name: 'Soglie di permanenza' }).waitFor();
    const triage = page.getByTestId('threshold-segnalazione.inviata');
    const days = triage.getByLabel('Giorni per Inviata, in attesa di triage');
    const applied = await triage.getByTestId('threshold-applied').innerText();
    // Kept as typed: "2,5" is not saved as 25, "-5" is refused by the server beside the field, not made 1.
    await days.fill('2,5');
    await triage.getByText('Scrivi un numero intero di giorni').waitFor();
    expect(await triage.getByRole('button', { name: 'Salva' }).isDisabled()).toBe(true);
    await days.fill('-5');
    await triage.getByRole('button', { name: 'Salva' }).click();
    await triage.locator('.mantine-InputWrapper-error').waitFor();
    expect(await days.inputValue()).toBe('-5');
    expect(await triage.getByTestId('threshold-applied').innerText()).toBe(applied);

    await days.fill('7');
    await triage.getByRole('button', { name: 'Salva' }).click();
    await triage.getByTestId('threshold-applied').filter({ hasText: '7 giorni' }).waitFor();
    await triage.getByText('Modificata da Laura Neri').waitFor();
    await screenshot(page, '23-soglie');

    await triage.getByRole('button', { name: 'Torna alla predefinita' }).click();
    await triage.getByTestId('threshold-applied').filter({ hasText: '10 giorni' }).waitFor();
    expect(await triage.getByRole('button', { name: 'Torna alla predefinita' }).count()).toBe(0);
    const [stored] = await harness.api.dataSource.query(
      "SELECT count(*)::int AS rows FROM supervision_thresholds WHERE state = 'segnalazione.inviata'",
    );
    expect(stored.rows).toBe(0);
  });

  it('reads the stuck cases and the thresholds in English, the server’s names included', async () => {
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('link', { name: 'Stuck cases' }).click();
    await page.getByRole('heading', { name: 'Stuck cases' }).waitFor();
    const reasons = page
      .getByTestId('stuck-row')
      .first()
      .getByText('In this state longer than the ambito’s threshold');
    await reasons.waitFor();
    expect(await page.getByText('In questo stato da più della soglia dell’ambito').count()).toBe(0);
    await screenshot(page, '20-en-casi-bloccati');

    await page.getByRole('link', { name: 'Thresholds' }).click();
    await page.getByRole('heading', { name: 'Time-in-state thresholds' }).waitFor();
    const triage = page.getByTestId('threshold-segnalazione.inviata');
    await triage.getByText('Submitted, awaiting triage', { exact: true }).waitFor();
    await triage.getByLabel('Days for Submitted, awaiting triage').waitFor();
    await screenshot(page, '23-en-soglie');
    await page.getByText('IT', { exact: true }).click();
    await triage.getByText('Inviata, in attesa di triage', { exact: true }).waitFor();
  });
});
