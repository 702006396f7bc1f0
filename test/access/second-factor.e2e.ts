// TOTP as a second factor: enrolment (QR code, otpauth URI and the key to type), login with the code, a wrong
// code and a replayed one refused, single-use recovery codes, the roles that must enrol doing nothing
// else until they have, and turning it off: by the user (where the role allows, proved again) or an
// amministratore, each change recorded.
import { describe, expect, it } from '@jest/globals';
import { ApiClient } from '../support/api.js';
import { codeAt, currentStep, withTotpCode } from '../support/second-factor.js';
import { signInUsers } from '../support/sign-in-users.js';

const PASSWORD = 'password-di-prova-totp';
const users = signInUsers(PASSWORD);
const newUser = async (role: string) => (await users.newUser(role)).email;

const login = (email: string, code?: string) =>
  users.api.anonymous.post('/api/auth/login', {
    email,
    password: PASSWORD,
    ...(code === undefined ? {} : { code }),
  });

/** A code of `secret` that is certainly not the right one now (nor one step either side). */
async function wrongCode(secret: string): Promise<string> {
  const near = await Promise.all([-1, 0, 1].map((offset) => codeAt(currentStep() + offset, secret)));
  for (let candidate = 0; ; candidate++) {
    const code = String(candidate).padStart(6, '0');
    if (!near.includes(code)) return code;
  }
}

/** Sets up the second factor on the client's account; returns the key and the recovery codes. */
async function enrol(client: ApiClient) {
  const started = await client.post('/api/auth/second-factor');
  expect(started.status).toBe(200);
  const { secret } = started.body as { secret: string };
  const confirmed = await client.post('/api/auth/second-factor/confirm', {
    code: await codeAt(currentStep(), secret),
  });
  expect(confirmed.status).toBe(200);
  return { secret, recoveryCodes: confirmed.body.recoveryCodes as string[], started: started.body };
}

describe('enrolment', () => {
  it('gives the key as a QR code, an otpauth URI and text, and turns on only with a code of it', async () => {
    const email = await newUser('operatore');
    const client = await users.api.anonymous.as(email, PASSWORD);
    expect((await client.get('/api/auth/session')).body).toMatchObject({
      mustEnrol: false,
      secondFactor: { enabled: false, required: false },
    });
    const started = await client.post('/api/auth/second-factor');
    const { secret, uri, qrCode } = started.body as { secret: string; uri: string; qrCode: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const parsed = new URL(uri);
    expect(parsed.protocol).toBe('otpauth:');
    expect(decodeURIComponent(parsed.pathname)).toContain(`Percorsi:${email}`);
    expect(parsed.searchParams.get('secret')).toBe(secret);
    expect(parsed.searchParams.get('issuer')).toBe('Percorsi');
    expect(Buffer.from(qrCode.replace('data:image/svg+xml;base64,', ''), 'base64').toString()).toContain(
      '<svg',
    );
    // Not on yet: the login still asks for nothing more.
    expect((await login(email)).status).toBe(200);

    const refused = await client.post('/api/auth/second-factor/confirm', { code: await wrongCode(secret) });
    expect(refused.status).toBe(422);
    expect(refused.body.fields[0].field).toBe('code');
    const confirmCode = await codeAt(currentStep(), secret);
    const confirmed = await client.post('/api/auth/second-factor/confirm', { code: confirmCode });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    for (const code of confirmed.body.recoveryCodes)
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect((await client.get('/api/auth/session')).body.secondFactor).toEqual({
      enabled: true,
      required: false,
    });
    // Only hashes are kept.
    const stored: { code_hash: string }[] = await users.api.dataSource.query(
      'SELECT code_hash FROM recovery_codes rc JOIN users u ON u.id = rc.user_id WHERE u.email = $1',
      [email],
    );
    expect(stored).toHaveLength(10);
    for (const code of confirmed.body.recoveryCodes) expect(JSON.stringify(stored)).not.toContain(code);
    // The code that confirmed cannot also log in: a code opens one door once.
    const replayed = await login(email, confirmCode);
    expect(replayed.status).toBe(401);
    expect(replayed.body.secondFactor).toBe('used');
  });
});

describe('login with the second factor', () => {
  it('asks for the code after the right password, refuses a wrong one and a replayed one, accepts the next', async () => {
    const email = await newUser('coordinatore');
    const { secret } = await enrol(await users.api.anonymous.as(email, PASSWORD));
    const asked = await login(email);
    expect(asked.status).toBe(401);
    expect(asked.body).toMatchObject({ code: 'unauthenticated', secondFactor: 'required' });
    // A wrong password is refused as before, without saying whether a code would be asked.
    const wrongPassword = await users.api.anonymous.post('/api/auth/login', {
      email,
      password: 'sbagliata',
      code: '123456',
    });
    expect(wrongPassword.body).toEqual({ code: 'unauthenticated', message: 'E-mail o password errate.' });

    const wrong = await login(email, await wrongCode(secret));
    expect(wrong.status).toBe(401);
    expect(wrong.body.secondFactor).toBe('wrong');
    const [{ failed_logins }] = await users.api.dataSource.query(
      'SELECT failed_logins FROM users WHERE email = $1',
      [email],
    );
    expect(failed_logins).toBeGreaterThan(0);

    const used: string[] = [];
    const accepted = await withTotpCode(async (code) => {
      const answer = await login(email, code);
      used.push(code);
      return answer.status === 401 && answer.body.secondFactor === 'used' ? 'used' : answer;
    }, secret);
    expect(accepted.status).toBe(200);
    expect(
      (await new ApiClient(users.api.anonymous.baseUrl, accepted.body.token).get('/api/me')).status,
    ).toBe(200);
    const again = await login(email, used.at(-1));
    expect(again.body.secondFactor).toBe('used');
  });

  it('takes each recovery code once, in place of the app’s code', async () => {
    const email = await newUser('operatore');
    const { recoveryCodes } = await enrol(await users.api.anonymous.as(email, PASSWORD));
    const first = await login(email, recoveryCodes[0].toLowerCase().replaceAll('-', ' '));
    expect(first.status).toBe(200);
    const spent = await login(email, recoveryCodes[0]);
    expect(spent.status).toBe(401);
    expect(spent.body.secondFactor).toBe('wrong');
    expect((await login(email, recoveryCodes[1])).status).toBe(200);
  });

  it('asks the demo’s amministratore and DPO for it', async () => {
    for (const email of ['admin@percorsi.demo', 'dpo@percorsi.demo', 'admin.lucca@percorsi.demo']) {
      const answer = await users.api.anonymous.post('/api/auth/login', { email, password: 'percorsi-demo' });
      expect(answer.body.secondFactor).toBe('required');
    }
  });
});

describe('roles that require it', () => {
  it('may do nothing but set it up until they have, then everything, and log in with it after', async () => {
    for (const role of ['amministratore', 'dpo']) {
      const email = await newUser(role);
      const first = await login(email);
      expect(first.status).toBe(200);
      expect(first.body.mustEnrol).toBe(true);
      const client = new ApiClient(users.api.anonymous.baseUrl, first.body.token);
      const home = role === 'dpo' ? '/api/audit' : '/api/admin/users';
      const held = await client.get(home);
      expect(held.status).toBe(403);
      expect(held.body.rule).toBe('second_factor_enrolment');
      expect((await client.get('/api/auth/session')).body).toMatchObject({
        mustEnrol: true,
        secondFactor: { enabled: false, required: true },
      });
      const { secret } = await enrol(client);
      expect((await client.get(home)).status).toBe(200);
      expect((await login(email)).body.secondFactor).toBe('required');
      const next = await withTotpCode(async (code) => {
        const answer = await login(email, code);
        return answer.body.secondFactor === 'used' ? 'used' : answer;
      }, secret);
      expect(next.body.mustEnrol).toBe(false);
    }
  });
});

/** The recorded changes of a user's second factor, oldest first. */
const changesOf = async (userId: string) =>
  users.api.dataSource.query(
    'SELECT change, proof, changed_by FROM second_factor_changes WHERE user_id = $1 ORDER BY id',
    [userId],
  );

describe('turning it off yourself', () => {
  it('takes the current password or a current code, refuses a wrong one, and is recorded', async () => {
    const { id, email } = await users.newUser('operatore');
    const client = await users.api.anonymous.as(email, PASSWORD);
    const { secret } = await enrol(client);
    const disable = (body: unknown) => client.post('/api/auth/second-factor/disable', body);

    const wrongPassword = await disable({ password: 'non-è-questa' });
    expect(wrongPassword).toMatchObject({ status: 422, body: { fields: [{ field: 'password' }] } });
    const wrong = await disable({ code: await wrongCode(secret) });
    expect(wrong).toMatchObject({ status: 422, body: { fields: [{ field: 'code' }] } });
    expect((await disable({})).status).toBe(422);
    expect((await disable({ password: PASSWORD, code: '123456' })).status).toBe(422);
    expect((await client.get('/api/auth/session')).body.secondFactor.enabled).toBe(true);

    expect(await disable({ password: PASSWORD })).toEqual({ status: 200, body: { enabled: false } });
    expect((await client.get('/api/auth/session')).body.secondFactor.enabled).toBe(false);
    // The password alone opens the account again.
    expect((await login(email)).status).toBe(200);

    // On again, then off with a recovery code, which is spent.
    const { recoveryCodes } = await enrol(client);
    expect((await disable({ code: recoveryCodes[0] })).status).toBe(200);
    expect(await users.api.dataSource.query('SELECT 1 FROM recovery_codes WHERE user_id = $1', [id])).toEqual(
      [],
    );
    expect(await changesOf(id)).toEqual([
      { change: 'attivata', proof: null, changed_by: id },
      { change: 'disattivata', proof: 'password', changed_by: id },
      { change: 'attivata', proof: null, changed_by: id },
      { change: 'disattivata', proof: 'codice', changed_by: id },
    ]);
  });

  it('is refused to the amministratore and the DPO, whose role requires it', async () => {
    const { id, email } = await users.newUser('dpo');
    const client = new ApiClient(users.api.anonymous.baseUrl, (await login(email)).body.token);
    await enrol(client);
    const refused = await client.post('/api/auth/second-factor/disable', { password: PASSWORD });
    expect(refused).toMatchObject({ status: 403, body: { rule: 'second_factor_required' } });
    expect((await client.get('/api/auth/session')).body.secondFactor.enabled).toBe(true);
    expect(await changesOf(id)).toEqual([{ change: 'attivata', proof: null, changed_by: id }]);
  });
});

describe('an amministratore’s reset', () => {
  it('turns a lost second factor off and ends the sessions; a required role must set it up again', async () => {
    const { id, email } = await users.newUser('dpo');
    const first = await login(email);
    const client = new ApiClient(users.api.anonymous.baseUrl, first.body.token);
    const { secret } = await enrol(client);
    const listed = (await users.admin.get('/api/admin/users')).body as {
      id: string;
      secondFactor: boolean;
    }[];
    expect(listed.find((user) => user.id === id)?.secondFactor).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(secret);
    const lucca = await users.api.anonymous.as('admin.lucca@percorsi.demo');
    expect((await lucca.request('DELETE', `/api/admin/users/${id}/second-factor`)).status).toBe(403);

    const reset = await users.admin.request('DELETE', `/api/admin/users/${id}/second-factor`);
    expect(reset.status).toBe(200);
    expect(reset.body.secondFactor).toBe(false);
    const [{ id: adminId }] = await users.api.dataSource.query(
      "SELECT id FROM users WHERE email = 'admin@percorsi.demo'",
    );
    expect((await changesOf(id)).at(-1)).toEqual({
      change: 'disattivata',
      proof: 'amministratore',
      changed_by: adminId,
    });
    expect((await client.get('/api/me')).status).toBe(401);
    const again = await login(email);
    expect(again.status).toBe(200);
    expect(again.body.mustEnrol).toBe(true);
  });
});
