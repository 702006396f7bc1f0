// "I miei messaggi" in the browser: the e-mails sent to the user, newest first, each opening its case.
// The messages are recorded as the mail sender records them; test/scheduling/notices.e2e.ts sends real ones.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { exampleReferral } from '../../workflows/case/index.js';
import { logIn, screenshot, startBrowserHarness, type BrowserHarness } from './browser.js';

let harness: BrowserHarness;
let page: Page;

beforeAll(async () => {
  harness = await startBrowserHarness();
  page = await harness.newPage();
});

afterAll(() => harness.close());

async function sentTo(email: string, caseId: string, kind: string, subject: string): Promise<void> {
  await harness.api.dataSource.query(
    `INSERT INTO notifications (idempotency_key, case_id, kind, recipient_user_id, recipient_email, subject, sent_at)
     SELECT $1, $2, $3, id, email, $4, now() FROM users WHERE email = $5`,
    [`${caseId}.browser.${kind}`, caseId, kind, subject, email],
  );
}

describe('I miei messaggi', () => {
  it('lists the user’s messages, newest first, with their kind, and opens the case', async () => {
    const inviante = await harness.api.anonymous.as('inviante@percorsi.demo');
    const caseId = (await inviante.post('/api/cases', exampleReferral())).body.id;
    await sentTo('cpi@percorsi.demo', caseId, 'valutatori_assegnati', '[Percorsi] Valutazione — M. R.');
    await sentTo('cpi@percorsi.demo', caseId, 'equipe_convocata', '[Percorsi] Convocazione equipe — M. R.');

    await logIn(page, 'cpi@percorsi.demo', 'Le mie attività');
    await page.getByRole('link', { name: 'Messaggi' }).click();
    await page.getByRole('heading', { name: 'I miei messaggi' }).waitFor();
    const rows = page.getByTestId('notification-row');
    await rows.first().waitFor();
    expect(await rows.nth(0).textContent()).toContain('Convocazione equipe');
    expect(await rows.nth(1).textContent()).toContain('Valutazione assegnata');
    await screenshot(page, '30-messaggi');
    await rows.nth(0).getByRole('link').click();
    await page.waitForURL((url) => url.pathname === `/casi/${caseId}`);
  });
});
