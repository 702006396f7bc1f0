import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleReferral } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { demoPayloads } from '../support/demo-territory.js';

let api: TestApi;
let admin: ApiClient;

beforeAll(async () => {
  api = await startApi();
  admin = await api.anonymous.as('admin@percorsi.demo');
});

afterAll(() => api.close());

const field = (response: { body: { fields?: { field: string }[] } }) =>
  (response.body.fields ?? []).map((problem) => problem.field);

describe('administration of organisations and users', () => {
  it('adds an organisation to the amministratore’s own ambito and a user who can then log in with the role given', async () => {
    const lucca = await api.anonymous.as('admin.lucca@percorsi.demo');
    const organisation = await lucca.post('/api/admin/organisations', { name: 'UEPE Lucca', type: 'uepe' });
    expect(organisation.status).toBe(201);
    expect(organisation.body).toMatchObject({ name: 'UEPE Lucca', type: 'uepe', ambito: 'piana_di_lucca' });
    const user = await lucca.post('/api/admin/users', {
      email: 'Nuova.Operatrice@lucca.test',
      fullName: 'Nuova Operatrice',
      role: 'operatore',
      organisationId: organisation.body.id,
      password: 'una-password-lunga',
    });
    expect(user.status).toBe(201);
    expect(user.body).toEqual({
      id: expect.any(String),
      email: 'nuova.operatrice@lucca.test',
      fullName: 'Nuova Operatrice',
      role: 'operatore',
      organisationId: organisation.body.id,
      organisationName: 'UEPE Lucca',
      active: true,
      lockedUntil: null,
      secondFactor: false,
    });
    const me = (
      await (await api.anonymous.as('nuova.operatrice@lucca.test', 'una-password-lunga')).get('/api/me')
    ).body;
    expect(me).toMatchObject({ role: 'operatore', organisation: { type: 'uepe', ambito: 'piana_di_lucca' } });
  });

  it('names the field of every refusal and saves nothing', async () => {
    const before = (await admin.get('/api/admin/users')).body.length;
    expect(
      field(
        await admin.post('/api/admin/users', {
          email: 'x@y.test',
          fullName: 'X',
          role: 'capo',
          password: 'corta',
        }),
      ),
    ).toEqual(expect.arrayContaining(['fullName', 'role', 'organisationId', 'password']));
    const [{ id: organisationId }] = (await admin.get('/api/admin/organisations')).body;
    const duplicate = await admin.post('/api/admin/users', {
      email: 'operatore@percorsi.demo',
      fullName: 'Doppione',
      role: 'operatore',
      organisationId,
      password: 'una-password-lunga',
    });
    expect(duplicate.status).toBe(422);
    expect(field(duplicate)).toEqual(['email']);
    const unknownOrganisation = await admin.post('/api/admin/users', {
      email: 'orfano@percorsi.test',
      fullName: 'Orfano',
      role: 'operatore',
      organisationId: '00000000-0000-4000-8000-000000000000',
      password: 'una-password-lunga',
    });
    expect(field(unknownOrganisation)).toEqual(['organisationId']);
    expect(
      field(await admin.post('/api/admin/organisations', { name: 'X', type: 'bar', ambito: 'Zona Due' })),
    ).toEqual(expect.arrayContaining(['name', 'type', 'ambito']));
    expect((await admin.get('/api/admin/users')).body.length).toBe(before);
  });

  it('never returns password hashes', async () => {
    expect(JSON.stringify((await admin.get('/api/admin/users')).body)).not.toContain('argon2');
  });

  it('lifts a lockout when the administrator sets a new password', async () => {
    for (let i = 0; i < 5; i++)
      await api.anonymous.post('/api/auth/login', { email: 'scuola@percorsi.demo', password: 'x' });
    expect(
      (
        await api.anonymous.post('/api/auth/login', {
          email: 'scuola@percorsi.demo',
          password: 'percorsi-demo',
        })
      ).status,
    ).toBe(429);
    const users = (await admin.get('/api/admin/users')).body as {
      id: string;
      email: string;
      lockedUntil: string | null;
    }[];
    const locked = users.find((user) => user.email === 'scuola@percorsi.demo')!;
    expect(locked.lockedUntil).not.toBeNull();
    const changed = await admin.request('PATCH', `/api/admin/users/${locked.id}`, {
      password: 'nuova-password-sicura',
    });
    expect(changed.body.lockedUntil).toBeNull();
    expect(
      (
        await api.anonymous.post('/api/auth/login', {
          email: 'scuola@percorsi.demo',
          password: 'nuova-password-sicura',
        })
      ).status,
    ).toBe(200);
  });

  it('shows Bull Board to administrators only, behind their Percorsi session', async () => {
    const path = '/api/admin/queues/api/queues';
    expect((await api.anonymous.fetch(path)).status).toBe(401);
    const coordinator = await api.anonymous.as('coordinatore@percorsi.demo');
    expect((await coordinator.fetch(path)).status).toBe(403);
    const queues = await admin.fetch(path);
    expect(queues.status).toBe(200);
    expect(
      ((await queues.json()) as { queues: { name: string }[] }).queues.map((queue) => queue.name).sort(),
    ).toEqual(['deadlines', 'mail']);
    // Its own page cannot send the CSRF token: a change must come from this origin.
    expect(
      (await admin.fetch('/api/admin/queues/api/queues/mail/clean/failed', { method: 'PUT' })).status,
    ).toBe(403);
  });

  it('keeps each amministratore to their own ambito', async () => {
    const users = (await admin.get('/api/admin/users')).body as { email: string; organisationId: string }[];
    expect(users.map((user) => user.email)).toContain('coordinatore@percorsi.demo');
    expect(users.map((user) => user.email)).not.toContain('coordinatore.lucca@percorsi.demo');
    const organisations = (await admin.get('/api/admin/organisations')).body as { ambito: string }[];
    expect(new Set(organisations.map((organisation) => organisation.ambito))).toEqual(
      new Set(['valdinievole']),
    );

    const lucca = await api.anonymous.as('admin.lucca@percorsi.demo');
    const luccaUsers = (await lucca.get('/api/admin/users')).body as {
      id: string;
      email: string;
      organisationId: string;
    }[];
    const luccaCoordinator = luccaUsers.find((user) => user.email === 'coordinatore.lucca@percorsi.demo')!;
    expect(
      await admin.request('PATCH', `/api/admin/users/${luccaCoordinator.id}`, { fullName: 'Rinominata' }),
    ).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(
      await admin.post('/api/admin/organisations', {
        name: 'Intrusa',
        type: 'ets',
        ambito: 'piana_di_lucca',
      }),
    ).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    const elsewhere = await admin.post('/api/admin/users', {
      email: 'intrusa@percorsi.test',
      fullName: 'Intrusa',
      role: 'operatore',
      organisationId: luccaCoordinator.organisationId,
      password: 'una-password-lunga',
    });
    expect(field(elsewhere)).toEqual(['organisationId']);
    expect((await lucca.get('/api/admin/users')).body).toEqual(luccaUsers);
  });

  it('deactivates a user: no login, the token already held stops working, back again when reactivated', async () => {
    const comune = await api.anonymous.as('comune@percorsi.demo');
    expect((await comune.get('/api/me')).status).toBe(200);
    const users = (await admin.get('/api/admin/users')).body as { id: string; email: string }[];
    const { id } = users.find((user) => user.email === 'comune@percorsi.demo')!;
    const deactivated = await admin.request('PATCH', `/api/admin/users/${id}`, { active: false });
    expect(deactivated).toMatchObject({ status: 200, body: { active: false } });
    try {
      expect(await comune.get('/api/me')).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
      const login = await api.anonymous.post('/api/auth/login', {
        email: 'comune@percorsi.demo',
        password: 'percorsi-demo',
      });
      expect(login).toMatchObject({ status: 401, body: { message: expect.stringMatching(/disattivato/) } });
      const wrong = await api.anonymous.post('/api/auth/login', {
        email: 'comune@percorsi.demo',
        password: 'x',
      });
      expect(wrong.body.message).not.toMatch(/disattivato/);
      const coordinator = await api.anonymous.as('coordinatore@percorsi.demo');
      // Nobody can name them any more, in a picker or in an event.
      const directory = (await coordinator.get('/api/users')).body as { id: string }[];
      expect(directory.map((user) => user.id)).not.toContain(id);
      const payloads = await demoPayloads(api.dataSource);
      const created = await coordinator.post('/api/cases', exampleReferral({ lastName: 'Disattivato' }));
      for (const type of ['RECORD_CONSENT', 'SUBMIT', 'ACCEPT'] as const)
        await coordinator.send(created.body.id, type, payloads[type]);
      const [{ organisation_id: organisationId }] = await api.dataSource.query(
        'SELECT organisation_id FROM users WHERE id = $1',
        [id],
      );
      const assessor = { userId: id, name: 'Franco Grigi', organisationId, organisationType: 'comune' };
      const current = (await coordinator.get(`/api/cases/${created.body.id}`)).body;
      const refused = await coordinator.post(`/api/cases/${created.body.id}/events`, {
        type: 'ASSIGN_ASSESSORS',
        data: { assessors: [assessor, payloads.ASSIGN_ASSESSORS.assessors[1]] },
        expectedVersion: current.version,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.fields).toEqual([
        { field: 'data.assessors.0.userId', reason: 'is a deactivated user' },
      ]);
    } finally {
      await admin.request('PATCH', `/api/admin/users/${id}`, { active: true });
    }
    expect((await (await api.anonymous.as('comune@percorsi.demo')).get('/api/me')).status).toBe(200);
  });

  it('refuses an amministratore deactivating themselves, naming the field', async () => {
    const me = (await admin.get('/api/me')).body;
    const refused = await admin.request('PATCH', `/api/admin/users/${me.id}`, { active: false });
    expect(refused.status).toBe(422);
    expect(field(refused)).toEqual(['active']);
    expect((await admin.get('/api/me')).status).toBe(200);
  });

  it('is for administrators only', async () => {
    const coordinator = await api.anonymous.as('coordinatore@percorsi.demo');
    for (const response of [
      await coordinator.get('/api/admin/users'),
      await coordinator.post('/api/admin/organisations', {
        name: 'Abusiva',
        type: 'ets',
        ambito: 'valdinievole',
      }),
    ]) {
      expect(response).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    }
  });
});
