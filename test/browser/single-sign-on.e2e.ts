// OpenID Connect login end to end: a real provider (oidc-provider, its development login pages) started here,
// the web app's button, the code flow with PKCE (openid-client), and Percorsi's own users: a known e-mail
// logs in with the role Percorsi gives it, an unknown one is refused, and passwords can be turned off.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Provider from 'oidc-provider';
import type { Page } from 'playwright-core';
import { startApi, type TestApi } from '../support/api.js';
import { screenshot, startBrowserHarness, type BrowserHarness } from './browser.js';

let harness: BrowserHarness;
let passwordsOff: TestApi;
let provider: Server;
let page: Page;

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  const issuer = `http://127.0.0.1:${await freePort()}`;
  const settings = {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'percorsi',
    OIDC_CLIENT_SECRET: 'segreto-del-client-di-prova',
    OIDC_LABEL: 'Identità Toscana (prova)',
  };
  harness = await startBrowserHarness(settings);
  passwordsOff = await startApi(undefined, { ...settings, LOCAL_LOGIN: 'false' });
  const oidc = new Provider(issuer, {
    clients: [
      {
        client_id: 'percorsi',
        client_secret: 'segreto-del-client-di-prova',
        redirect_uris: [harness.api.anonymous.baseUrl, passwordsOff.anonymous.baseUrl].map(
          (base) => `${base}/api/auth/oidc/callback`,
        ),
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email'] },
    // The development login page takes any name: here it is the e-mail the provider vouches for.
    findAccount: async (_context: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, email: sub }),
    }),
    cookies: { keys: ['chiave-dei-cookie-del-provider-di-prova'] },
    ttl: { Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, Interaction: 600 },
  });
  provider = oidc.listen(Number(new URL(issuer).port), '127.0.0.1') as unknown as Server;
  page = await harness.newPage();
});

afterAll(async () => {
  provider?.close();
  await passwordsOff?.close();
  await harness?.close();
});

/** Signs in on the provider's own pages as `email`, from the login page at `base`. */
async function signInThroughProvider(base: string, email: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${base}/login`);
  await page.getByRole('link', { name: 'Accedi con Identità Toscana (prova)' }).click();
  await page.locator('input[name=login]').fill(email);
  await page.locator('input[name=password]').fill('qualsiasi');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  const consent = page.getByRole('button', { name: 'Continue' });
  await consent
    .or(page.getByRole('heading', { name: 'Accedi a Percorsi' }))
    .or(page.getByRole('button', { name: 'Esci' }))
    .first()
    .waitFor();
  if (await consent.isVisible()) await consent.click();
}

describe('OpenID Connect', () => {
  it('logs a Percorsi user in through the provider, with the role Percorsi gives them', async () => {
    await signInThroughProvider(harness.api.anonymous.baseUrl, 'coordinatore@percorsi.demo');
    await page.getByRole('button', { name: 'Esci' }).waitFor();
    const user = page.getByTestId('current-user');
    await user.getByText('Coordinatore').first().waitFor();
    await screenshot(page, '95-accesso-oidc');
    // A session like any other: a state-changing request works with the page's CSRF token, and Esci ends it.
    await page.getByRole('button', { name: 'Esci' }).click();
    await page.getByRole('heading', { name: 'Accedi a Percorsi' }).waitFor();
  });

  it('refuses an identity that is no Percorsi user until the amministratore creates one', async () => {
    const email = `nuova.${Date.now()}@ente.toscana.it`;
    await signInThroughProvider(harness.api.anonymous.baseUrl, email);
    await page.getByText('Questa identità non corrisponde a nessun utente attivo di Percorsi').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByRole('button', { name: 'Esci' }).count()).toBe(0);

    const admin = await harness.api.anonymous.as('admin@percorsi.demo');
    const created = await admin.post('/api/admin/users', {
      email,
      fullName: 'Nuova Operatrice Ente',
      role: 'operatore',
      organisationId: (await admin.get('/api/me')).body.organisation.id,
      // Required by the form; with the provider she never types it.
      password: 'una-password-mai-usata',
    });
    expect(created.status).toBe(201);
    await signInThroughProvider(harness.api.anonymous.baseUrl, email);
    await page.getByTestId('current-user').getByText('Nuova Operatrice Ente').waitFor();
  });

  it('leaves only the provider when passwords are turned off', async () => {
    const refused = await passwordsOff.anonymous.post('/api/auth/login', {
      email: 'coordinatore@percorsi.demo',
      password: 'percorsi-demo',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.rule).toBe('local_login_off');
    await page.context().clearCookies();
    await page.goto(`${passwordsOff.anonymous.baseUrl}/login`);
    await page.getByRole('link', { name: 'Accedi con Identità Toscana (prova)' }).waitFor();
    expect(await page.locator('input[type=password]').count()).toBe(0);
    await signInThroughProvider(passwordsOff.anonymous.baseUrl, 'operatore@percorsi.demo');
    await page.getByRole('button', { name: 'Esci' }).waitFor();
    // Nor is a password changed here: the provider holds it.
    await page.getByTestId('current-user').getByRole('link', { name: 'Sicurezza' }).waitFor();
    expect(await page.getByRole('link', { name: 'Cambia password' }).count()).toBe(0);
    await page.goto(`${passwordsOff.anonymous.baseUrl}/password`);
    await page.getByText('la password si cambia lì, non in Percorsi').waitFor();
    const operatore = await harness.api.anonymous.as('operatore@percorsi.demo');
    const change = await operatore
      .at(passwordsOff.anonymous.baseUrl)
      .post('/api/auth/password', { currentPassword: 'percorsi-demo', newPassword: 'una-password-nuova' });
    expect(change.status).toBe(403);
    expect(change.body.rule).toBe('local_login_off');
  });
});
