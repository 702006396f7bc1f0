// Sessions end when they should, at once, for the browser's cookie and an API client's bearer token alike:
// logout, an amministratore's revocation, deactivation, a new password, a lockout, the idle and absolute
// timeouts; the cookie's flags; a state-changing request without the page's CSRF token is refused.
import { describe, expect, it } from '@jest/globals';
import { SessionStore } from '../../libs/access/index.js';
import { ApiClient, startApi } from '../support/api.js';
import { signInUsers } from '../support/sign-in-users.js';

const PASSWORD = 'password-di-prova-sessioni';
const users = signInUsers(PASSWORD);
const newUser = () => users.newUser();

interface BrowserSession {
  cookie: string;
  csrfToken: string;
  setCookie: string;
  request(
    method: string,
    path: string,
    options?: { csrf?: string | null; body?: unknown },
  ): Promise<Response>;
}

/** Logs in as the web app does and keeps what a browser would: the cookie, and the CSRF token the page holds. */
async function browserLogin(email: string, password = PASSWORD): Promise<BrowserSession> {
  const response = await fetch(`${users.api.anonymous.baseUrl}/api/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { csrfToken: string; token?: string };
  expect(body.token).toBeUndefined();
  const [setCookie] = response.headers.getSetCookie();
  const cookie = setCookie.split(';')[0];
  return {
    cookie,
    csrfToken: body.csrfToken,
    setCookie,
    request: (method, path, { csrf = body.csrfToken, body: payload } = {}) =>
      fetch(`${users.api.anonymous.baseUrl}${path}`, {
        method,
        headers: {
          cookie,
          ...(csrf === null ? {} : { 'x-csrf-token': csrf }),
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: payload === undefined ? undefined : JSON.stringify(payload),
      }),
  };
}

const status = async (response: Promise<Response> | Promise<{ status: number }>) => (await response).status;

describe('the browser session', () => {
  it('lives in an HttpOnly, SameSite=Strict cookie for the whole site, never in the answer', async () => {
    const { email } = await newUser();
    const session = await browserLogin(email);
    const attributes = session.setCookie.split(';').map((part) => part.trim().toLowerCase());
    expect(session.cookie).toMatch(/^percorsi-session=/);
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    // A browser session: the cookie ends with the browser, the server ends it at its own times.
    expect(attributes.some((part) => part.startsWith('expires=') || part.startsWith('max-age='))).toBe(false);
    // Not Secure on plain http outside production (the browser would drop it on http://localhost).
    expect(attributes).not.toContain('secure');
    const me = await session.request('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe(email);
    const current = (await (await session.request('GET', '/api/auth/session')).json()) as {
      csrfToken: string;
    };
    expect(current.csrfToken).toBe(session.csrfToken);
  });

  it('is Secure and __Host- prefixed in production', async () => {
    const production = await startApi(undefined, {
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-signing-key-of-at-least-32-characters',
    });
    try {
      const { email } = await newUser();
      const response = await fetch(`${production.anonymous.baseUrl}/api/auth/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      const [setCookie] = response.headers.getSetCookie();
      const attributes = setCookie.split(';').map((part) => part.trim().toLowerCase());
      expect(setCookie).toMatch(/^__Host-percorsi-session=/);
      expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/', 'secure']));
    } finally {
      await production.close();
    }
  });

  it('refuses a state-changing request without the page’s CSRF token, or with another session’s', async () => {
    const { email } = await newUser();
    const session = await browserLogin(email);
    const other = await browserLogin(email);
    // What a forged cross-site request carries: the cookie, no token.
    const forged = await session.request('POST', '/api/auth/logout', { csrf: null });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ code: 'forbidden', rule: 'csrf' });
    expect(await status(session.request('POST', '/api/auth/logout', { csrf: other.csrfToken }))).toBe(403);
    expect(await status(session.request('POST', '/api/auth/logout', { csrf: 'x'.repeat(64) }))).toBe(403);
    // The same refusal on an ordinary endpoint, with a JSON body; and it changed nothing.
    expect(await status(session.request('POST', '/api/cases', { csrf: null, body: {} }))).toBe(403);
    expect(await status(session.request('GET', '/api/me'))).toBe(200);
    // The browser session's token sent as a bearer header needs the CSRF token all the same.
    const token = decodeURIComponent(session.cookie.split('=')[1]);
    const asBearer = await fetch(`${users.api.anonymous.baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(asBearer.status).toBe(403);
    expect(await status(session.request('POST', '/api/auth/logout'))).toBe(204);
  });

  it('ends at logout: the stored cookie, replayed, is refused, and the cookie is cleared', async () => {
    const { email } = await newUser();
    const session = await browserLogin(email);
    const other = await browserLogin(email);
    const logout = await session.request('POST', '/api/auth/logout');
    expect(logout.status).toBe(204);
    expect(logout.headers.getSetCookie()[0]).toMatch(/^percorsi-session=;.*Expires=Thu, 01 Jan 1970/);
    const replayed = await session.request('GET', '/api/me');
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({ code: 'unauthenticated' });
    expect(await status(session.request('POST', '/api/auth/logout'))).toBe(401);
    // Only this session: the same user's other one goes on.
    expect(await status(other.request('GET', '/api/me'))).toBe(200);
  });
});

describe('bearer tokens of API clients', () => {
  it('end at logout, and the token is refused from the next request on', async () => {
    const { email } = await newUser();
    const client = await users.api.anonymous.as(email, PASSWORD);
    expect((await client.get('/api/me')).status).toBe(200);
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/me')).status).toBe(401);
  });
});

describe('ending every session of a user', () => {
  async function sessionsOf(email: string, password = PASSWORD) {
    return {
      browser: await browserLogin(email, password),
      bearer: await users.api.anonymous.as(email, password),
    };
  }

  async function expectEnded({ browser, bearer }: Awaited<ReturnType<typeof sessionsOf>>) {
    expect(await status(browser.request('GET', '/api/me'))).toBe(401);
    expect(await status(bearer.get('/api/me'))).toBe(401);
  }

  it('an amministratore’s revocation ends them at their next request', async () => {
    const user = await newUser();
    const sessions = await sessionsOf(user.email);
    expect(await status(sessions.browser.request('GET', '/api/me'))).toBe(200);
    const revoked = await users.admin.request('DELETE', `/api/admin/users/${user.id}/sessions`);
    expect(revoked).toEqual({ status: 200, body: { ended: 2 } });
    await expectEnded(sessions);
    // The user logs in again as before.
    expect(await status((await users.api.anonymous.as(user.email, PASSWORD)).get('/api/me'))).toBe(200);
  });

  it('only an amministratore of the user’s ambito may revoke them', async () => {
    const user = await newUser();
    const lucca = await users.api.anonymous.as('admin.lucca@percorsi.demo');
    const coordinator = await users.api.anonymous.as('coordinatore@percorsi.demo');
    expect((await lucca.request('DELETE', `/api/admin/users/${user.id}/sessions`)).status).toBe(403);
    expect((await coordinator.request('DELETE', `/api/admin/users/${user.id}/sessions`)).status).toBe(403);
  });

  it('deactivation ends them, and reactivation does not bring them back', async () => {
    const user = await newUser();
    const sessions = await sessionsOf(user.email);
    expect(
      (await users.admin.request('PATCH', `/api/admin/users/${user.id}`, { active: false })).status,
    ).toBe(200);
    await expectEnded(sessions);
    expect((await users.admin.request('PATCH', `/api/admin/users/${user.id}`, { active: true })).status).toBe(
      200,
    );
    await expectEnded(sessions);
  });

  it('a new password ends the sessions opened with the old one', async () => {
    const user = await newUser();
    const sessions = await sessionsOf(user.email);
    const changed = await users.admin.request('PATCH', `/api/admin/users/${user.id}`, {
      password: 'una-nuova-password-lunga',
    });
    expect(changed.status).toBe(200);
    await expectEnded(sessions);
    expect(
      await status((await users.api.anonymous.as(user.email, 'una-nuova-password-lunga')).get('/api/me')),
    ).toBe(200);
  });

  it('the user’s own new password ends every other session, and the one that asked goes on', async () => {
    const user = await newUser();
    const others = await sessionsOf(user.email);
    const asking = await browserLogin(user.email);
    const changed = await asking.request('POST', '/api/auth/password', {
      body: { currentPassword: PASSWORD, newPassword: 'la-mia-nuova-password' },
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ endedSessions: 2 });
    await expectEnded(others);
    expect(await status(asking.request('GET', '/api/me'))).toBe(200);
    // The old password no longer logs in; the new one does.
    expect(
      (await users.api.anonymous.post('/api/auth/login', { email: user.email, password: PASSWORD })).status,
    ).toBe(401);
    const bearer = await users.api.anonymous.as(user.email, 'la-mia-nuova-password');
    // An API client changes it the same way, with its bearer token (no CSRF token to send).
    const again = await bearer.post('/api/auth/password', {
      currentPassword: 'la-mia-nuova-password',
      newPassword: 'ancora-una-password-nuova',
    });
    expect(again).toEqual({ status: 200, body: { endedSessions: 1 } });
    expect(await status(asking.request('GET', '/api/me'))).toBe(401);
    expect((await bearer.get('/api/me')).status).toBe(200);
  });

  it('refuses a wrong current password or a weak new one with 422 naming the field and why, ending nothing', async () => {
    const user = await newUser();
    const session = await browserLogin(user.email);
    const refused = async (body: object, language = 'it') => {
      const response = await fetch(`${users.api.anonymous.baseUrl}/api/auth/password`, {
        method: 'POST',
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrfToken,
          'content-type': 'application/json',
          'accept-language': language,
        },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(422);
      return ((await response.json()) as { fields: object[] }).fields;
    };
    expect(await refused({ currentPassword: 'non-è-questa', newPassword: 'una-password-lunga' })).toEqual([
      expect.objectContaining({ field: 'currentPassword', reason: 'is not your current password' }),
    ]);
    expect(await refused({ currentPassword: PASSWORD, newPassword: 'corta' })).toEqual([
      expect.objectContaining({ field: 'newPassword', reason: 'must be at least 12 characters long' }),
    ]);
    expect(await refused({ currentPassword: PASSWORD, newPassword: PASSWORD })).toEqual([
      expect.objectContaining({ field: 'newPassword', reason: 'must differ from the current password' }),
    ]);
    // Without the page's CSRF token, a browser session changes nothing.
    expect(
      await status(
        session.request('POST', '/api/auth/password', {
          csrf: null,
          body: { currentPassword: PASSWORD, newPassword: 'una-password-lunga' },
        }),
      ),
    ).toBe(403);
    expect(await status(session.request('GET', '/api/me'))).toBe(200);
    expect(await status((await users.api.anonymous.as(user.email, PASSWORD)).get('/api/me'))).toBe(200);
  });

  it('the lockout after five wrong passwords ends them', async () => {
    const user = await newUser();
    const sessions = await sessionsOf(user.email);
    for (let attempt = 0; attempt < 5; attempt++) {
      await users.api.anonymous.post('/api/auth/login', { email: user.email, password: 'sbagliata' });
    }
    await expectEnded(sessions);
  });

  it('a change of name ends nothing', async () => {
    const user = await newUser();
    const sessions = await sessionsOf(user.email);
    expect(
      (await users.admin.request('PATCH', `/api/admin/users/${user.id}`, { fullName: 'Nome Nuovo' })).status,
    ).toBe(200);
    expect(await status(sessions.browser.request('GET', '/api/me'))).toBe(200);
    expect(await status(sessions.bearer.get('/api/me'))).toBe(200);
  });
});

describe('timeouts (SESSION_IDLE_MINUTES, SESSION_MAX_HOURS)', () => {
  it('ends a session left idle longer than the idle timeout, and one past its absolute end', async () => {
    const { id, email } = await newUser();
    const idle = await users.api.anonymous.as(email, PASSWORD);
    const old = await users.api.anonymous.as(email, PASSWORD);
    const fresh = await users.api.anonymous.as(email, PASSWORD);
    // Sessions run on the database's real time, so the test moves the rows, not a clock: 31 minutes
    // unused for one, past its absolute end (but just used) for another.
    const rows: { id: string }[] = await users.api.dataSource.query(
      'SELECT id FROM sessions WHERE user_id = $1 AND ended_at IS NULL',
      [id],
    );
    expect(rows).toHaveLength(3);
    await touchedBy(idle, rows, "last_seen_at = now() - interval '31 minutes'");
    await touchedBy(old, rows, "expires_at = now() - interval '1 second'");
    expect((await idle.get('/api/me')).status).toBe(401);
    expect((await old.get('/api/me')).status).toBe(401);
    expect((await fresh.get('/api/me')).status).toBe(200);
  });
});

describe('the rows of finished sessions', () => {
  it('are deleted a day after they ended, expired or went idle; a live one and a recent logout stay', async () => {
    const { id, email } = await newUser();
    const clients = await Promise.all(
      ['live', 'loggedOut', 'endedLongAgo', 'expiredLongAgo', 'idleLongAgo'].map(async (name) => ({
        name,
        client: await users.api.anonymous.as(email, PASSWORD),
      })),
    );
    const rows: { id: string }[] = await users.api.dataSource.query(
      'SELECT id FROM sessions WHERE user_id = $1',
      [id],
    );
    const named = Object.fromEntries(clients.map(({ name, client }) => [name, client]));
    await named.loggedOut.post('/api/auth/logout');
    await touchedBy(
      named.endedLongAgo,
      rows,
      "ended_at = now() - interval '25 hours', end_reason = 'logout'",
    );
    await touchedBy(named.expiredLongAgo, rows, "expires_at = now() - interval '25 hours'");
    await touchedBy(
      named.idleLongAgo,
      rows,
      "last_seen_at = now() - interval '25 hours' - interval '31 minutes'",
    );

    // What the worker's hourly maintenance job runs (apps/worker/processors/maintenance.processor.ts).
    expect(await users.api.app.get(SessionStore).deleteFinished()).toBeGreaterThanOrEqual(3);
    const kept: { id: string }[] = await users.api.dataSource.query(
      'SELECT id FROM sessions WHERE user_id = $1',
      [id],
    );
    expect(kept.map((row) => row.id).sort()).toEqual(
      [sessionOf(named.live), sessionOf(named.loggedOut)].sort(),
    );
    expect((await named.live.get('/api/me')).status).toBe(200);
  });
});

/** The session a client's token names (read from the token's claims). */
function sessionOf(client: ApiClient): string {
  const token = (client as unknown as { token: string }).token;
  return (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sid: string }).sid;
}

/** Applies `change` to the one session row that `client`'s token names (read from the token's claims). */
async function touchedBy(client: ApiClient, rows: { id: string }[], change: string) {
  const sid = sessionOf(client);
  expect(rows.map((row) => row.id)).toContain(sid);
  await users.api.dataSource.query(`UPDATE sessions SET ${change} WHERE id = $1`, [sid]);
}
