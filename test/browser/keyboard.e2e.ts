// A referral from the form to submission with the keyboard alone, as an operator who does not use a mouse
// does: the skip link first, the menu by Tab, every field typed (a birth date as its digits, the needs and
// the organisations picked by typing), a refused submit that moves the focus to a summary of the fields,
// and Enter to send. No click anywhere after login.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { codiceFiscaleCheckCharacter } from '../../workflows/case/index.js';
import { expectAccessible, logIn, screenshot, startBrowserHarness, type BrowserHarness } from './browser.js';

let harness: BrowserHarness;
let page: Page;

beforeAll(async () => {
  harness = await startBrowserHarness();
  page = await harness.newPage();
  await logIn(page, 'operatore@percorsi.demo');
});

afterAll(() => harness.close());

/** The accessible name of what has the focus: its label, its aria-label, or its text. */
const focusedName = () =>
  page.evaluate(`(() => {
    const element = document.activeElement;
    const label = element.labels && element.labels[0] ? element.labels[0].textContent : null;
    return (label || element.getAttribute('aria-label') || element.textContent || '').trim();
  })()`) as Promise<string>;

/** Presses Tab until the focus is on the control named `name` (never more than a screenful of stops). */
async function tabTo(name: RegExp): Promise<void> {
  for (let stop = 0; stop < 80; stop++) {
    await page.keyboard.press('Tab');
    if (name.test(await focusedName())) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

/** Picks options of a searchable multi-select by typing each and pressing Enter. */
async function typeAndPick(options: string[]): Promise<void> {
  for (const option of options) {
    await page.keyboard.type(option);
    await page
      .getByRole('option', { name: new RegExp(`^${option}`) })
      .first()
      .waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Escape');
}

describe('an operator using only the keyboard', () => {
  it('reaches the page past the header through the skip link', async () => {
    await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('Vai al contenuto');
    expect(await page.getByRole('link', { name: 'Vai al contenuto' }).isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('contenuto');
  });

  it('goes to a page through the folded menu of a 1024 px screen and lands on that page, not on nothing', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.evaluate('document.activeElement.blur()');
    await tabTo(/^Apri il menu$/);
    await page.keyboard.press('Enter');
    await tabTo(/^Risorse$/);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/risorse');
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The menu closed with the link that had the focus: the focus is on the page, so Tab goes on from there.
    await page.getByRole('button', { name: 'Apri il menu' }).waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('contenuto');
    await page.setViewportSize({ width: 1600, height: 900 });
  });

  it('opens the referral form from the menu and is told which fields are missing', async () => {
    await page.keyboard.press('Shift+Tab'); // back before the page, into the header
    await page.evaluate('document.activeElement.blur()');
    await tabTo(/^Nuova segnalazione$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Nuova segnalazione' }).waitFor();

    await tabTo(/^Nome/);
    await page.keyboard.type('Ada');
    await tabTo(/^Invia la segnalazione$/);
    await page.keyboard.press('Enter');
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    expect(await page.evaluate('document.activeElement.dataset.testid')).toBe('error-summary');
    expect(await summary.innerText()).toMatch(/Cognome/);
    // No code typed and the "no code" box unticked: the code is named, not the sex and birthplace.
    expect(await summary.innerText()).toMatch(/Codice fiscale/);
    expect(await summary.innerText()).not.toMatch(/Sesso|Luogo di nascita/);
    await expectAccessible(page, 'error summary');
  });

  it('fills the scheda unica by typing and sends it with Enter', async () => {
    // The summary's link takes the user to the field.
    await page
      .getByTestId('error-summary')
      .getByRole('button', { name: /^Cognome/ })
      .focus();
    await page.keyboard.press('Enter');
    expect(await focusedName()).toMatch(/^Cognome/);
    await page.keyboard.type('Tastiera');
    const first15 = 'TSTDAA88C54G491';
    await tabTo(/^Codice fiscale/);
    await page.keyboard.type(first15 + codiceFiscaleCheckCharacter(first15));
    await tabTo(/^Data di nascita/);
    // The code says the birth date and the sex: filled in, to be checked.
    expect(await page.getByLabel(/^Data di nascita/).inputValue()).toBe('14/03/1988');
    expect(await page.getByRole('combobox', { name: 'Sesso' }).inputValue()).toBe('Femminile');
    // The calendar opens with the focus: its controls are named too.
    await expectAccessible(page, 'calendar open');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('31021988');
    await page.keyboard.press('Tab');
    await page.getByText('«31021988» non è una data: scrivi gg/mm/aaaa', { exact: false }).waitFor();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('14031988');
    await page.keyboard.press('Tab');
    expect(await page.getByLabel(/^Data di nascita/).inputValue()).toBe('14/03/1988');
    await tabTo(/^Comune di residenza/);
    await page.keyboard.type('Pescia');
    await tabTo(/^Motivo della segnalazione/);
    await page.keyboard.type('Cerca lavoro dopo un lungo periodo di malattia.');
    await tabTo(/^Ambiti di bisogno/);
    await typeAndPick(['Lavoro', 'Salute']);
    await tabTo(/informata e autorizza/);
    await page.keyboard.press('Space');
    await tabTo(/^Enti autorizzati/);
    await typeAndPick(['Società della Salute']);

    await tabTo(/^Invia la segnalazione$/);
    await page.keyboard.press('Enter');
    await page.getByTestId('case-person').filter({ hasText: 'Ada Tastiera' }).waitFor();
    await page.getByTestId('case-state').filter({ hasText: 'Inviata, in attesa di triage' }).waitFor();
    // The form and its button are gone: the focus is on the confirmation, which says what comes next, and
    // a screen reader reads it out (a status message).
    const sent = page.getByTestId('referral-sent');
    await sent.waitFor();
    expect(await page.evaluate('document.activeElement.dataset.testid')).toBe('referral-sent');
    expect(await sent.getAttribute('role')).toBe('status');
    expect(await sent.innerText()).toContain('Segnalazione inviata.');
    expect(await sent.innerText()).toContain('Il coordinatore dell’ambito la esaminerà');
    await expectAccessible(page, 'sent');
    await screenshot(page, '36-segnalazione-inviata');
    // The next Tab goes on from there into the case, not back to the top of the page.
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate('Boolean(document.querySelector("main").contains(document.activeElement))'),
    ).toBe(true);
    // Said once: a reload of the case does not say it again.
    await page.reload();
    await page.getByTestId('case-person').filter({ hasText: 'Ada Tastiera' }).waitFor();
    expect(await sent.count()).toBe(0);
  });
});
