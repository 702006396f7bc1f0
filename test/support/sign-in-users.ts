// For the sign-in tests: the API on a clock of the file's own, the demo amministratore of Valdinievole, and
// users she creates for the file alone, so that ending their sessions or locking them touches no other test.
import { beforeAll, beforeEach, afterAll, expect } from '@jest/globals';
import { ApiClient, startApi, type TestApi } from './api.js';
import { TestClock } from './test-clock.js';

export interface SignInUsers {
  readonly api: TestApi;
  readonly admin: ApiClient;
  /** A new user of the ambito with `password` and `role`. */
  newUser(role?: string): Promise<{ id: string; email: string }>;
}

/** Registers the file's beforeAll, afterAll and beforeEach; the fields are set once beforeAll has run. */
export function signInUsers(password: string): SignInUsers {
  const clock = new TestClock();
  let counter = 0;
  let organisationId: string;
  const users = {} as { api: TestApi; admin: ApiClient } & Pick<SignInUsers, 'newUser'>;

  beforeAll(async () => {
    users.api = await startApi(clock);
    users.admin = await users.api.anonymous.as('admin@percorsi.demo');
    organisationId = (await users.admin.get('/api/me')).body.organisation.id;
  });
  afterAll(() => users.api.close());
  // Each test logs in a few times: a minute later on the business clock, the 20 attempts a minute that a
  // client may make start again (sessions and codes run on real time).
  beforeEach(() => clock.advance(61_000));

  users.newUser = async (role = 'operatore') => {
    const email = `accesso.${++counter}.${process.pid}.${Date.now()}@percorsi.test`;
    const created = await users.admin.post('/api/admin/users', {
      email,
      fullName: 'Utente di prova accesso',
      role,
      organisationId,
      password,
    });
    expect(created.status).toBe(201);
    return { id: created.body.id, email };
  };
  return users;
}
