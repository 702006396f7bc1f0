import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleReferral, happyPath, type ExamplePayloads } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { demoPayloads } from '../support/demo-territory.js';
import { TestClock } from '../support/test-clock.js';

let api: TestApi;
let clock: TestClock;
let coordinator: ApiClient;
let payloads: ExamplePayloads;

beforeAll(async () => {
  clock = new TestClock();
  api = await startApi(clock);
  coordinator = await api.anonymous.as('coordinatore@percorsi.demo');
  payloads = await demoPayloads(api.dataSource);
});

afterAll(() => api.close());

async function newCase(overrides: Parameters<typeof exampleReferral>[0] = {}) {
  const created = await coordinator.post('/api/cases', exampleReferral(overrides));
  expect(created.status).toBe(201);
  return created.body;
}

async function countRows(table: string, caseId?: string): Promise<number> {
  const [{ count }] = await api.dataSource.query(
    `SELECT count(*)::int AS count FROM ${table} ${caseId ? 'WHERE case_id = $1' : ''}`,
    caseId ? [caseId] : [],
  );
  return count;
}

describe('login', () => {
  it('returns a token and the user with organisation and role', async () => {
    const login = await api.anonymous.post('/api/auth/login', {
      email: 'coordinatore@percorsi.demo',
      password: 'percorsi-demo',
    });
    expect(login.status).toBe(200);
    expect(typeof login.body.token).toBe('string');
    const me = await new ApiClient(api.anonymous.baseUrl, login.body.token).get('/api/me');
    expect(me.body).toMatchObject({
      email: 'coordinatore@percorsi.demo',
      role: 'coordinatore',
      organisation: { type: 'sds', ambito: 'valdinievole' },
    });
  });

  it('refuses a wrong password and an unknown e-mail alike', async () => {
    const wrong = await api.anonymous.post('/api/auth/login', {
      email: 'coordinatore@percorsi.demo',
      password: 'x',
    });
    const unknown = await api.anonymous.post('/api/auth/login', {
      email: 'nobody@percorsi.demo',
      password: 'x',
    });
    expect(wrong).toEqual({
      status: 401,
      body: { code: 'unauthenticated', message: 'E-mail o password errate.' },
    });
    expect(unknown).toEqual(wrong);
  });

  it('names the field of a malformed login', async () => {
    const response = await api.anonymous.post('/api/auth/login', { email: 'not-an-email', password: 'x' });
    expect(response.status).toBe(422);
    expect(response.body.fields.map((field: { field: string }) => field.field)).toEqual(['email']);
  });

  it('requires a valid token on every other endpoint', async () => {
    expect((await api.anonymous.get('/api/cases')).status).toBe(401);
    expect((await api.anonymous.get('/api/workflow')).status).toBe(401);
    expect((await new ApiClient(api.anonymous.baseUrl, 'forged.token.value').get('/api/me')).status).toBe(
      401,
    );
  });
});

describe('creating a referral', () => {
  it('creates a draft at version 1 with its first history row', async () => {
    const created = await newCase({ lastName: 'Creazione' });
    expect(created).toMatchObject({
      version: 1,
      phase: 'segnalazione',
      state: 'segnalazione.bozza',
      person: { lastName: 'Creazione', codiceFiscale: 'CRZMRA85T10A562Z' },
      enteredStateAt: clock.now().toISOString(),
    });
    expect(created.availableEvents.sort()).toEqual(['RECORD_CONSENT', 'SUBMIT', 'UPDATE_REFERRAL']);
    const history = await coordinator.get(`/api/cases/${created.id}/history`);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        seq: 1,
        eventType: 'CREATE_REFERRAL',
        fromState: null,
        toState: 'segnalazione.bozza',
      }),
    ]);
  });

  it('keeps the person’s identity out of the workflow snapshot', async () => {
    const created = await newCase({ lastName: 'Riservato' });
    const { codiceFiscale } = exampleReferral({ lastName: 'Riservato' }).person;
    const [{ snapshot }] = await api.dataSource.query('SELECT snapshot FROM cases WHERE id = $1', [
      created.id,
    ]);
    expect(JSON.stringify(snapshot)).not.toContain('Riservato');
    expect(JSON.stringify(snapshot)).not.toContain(codiceFiscale);
  });

  it('rejects a codice fiscale with a wrong check character, naming the field, and saves nothing', async () => {
    const before = await countRows('persons');
    const response = await coordinator.post(
      '/api/cases',
      exampleReferral({ codiceFiscale: 'RSSMRA85T10A562X' }),
    );
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'invalid_payload',
      fields: [{ field: 'person.codiceFiscale', reason: 'has a wrong check character (last character)' }],
    });
    expect(await countRows('persons')).toBe(before);
  });

  it('rejects unknown fields and missing ones by name', async () => {
    const body = exampleReferral();
    const response = await coordinator.post('/api/cases', {
      ...body,
      person: { ...body.person, birthDate: undefined, hobby: 'calcio' },
    });
    expect(response.status).toBe(422);
    expect(response.body.fields.map((field: { field: string }) => field.field).sort()).toEqual([
      'person.birthDate',
      'person.hobby',
    ]);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const response = await coordinator.request('POST', '/api/cases', undefined, '{"person": ');
    expect(response).toEqual({
      status: 400,
      body: { code: 'bad_request', message: 'Il corpo della richiesta non è JSON valido.' },
    });
  });

  it('words its refusals in the language the request asks for, Italian when it names none', async () => {
    const missing = `/api/cases/${randomUUID()}`;
    const refusal = { status: 404, body: { code: 'not_found', caseId: expect.any(String) } };
    expect(await coordinator.get(missing)).toMatchObject({
      ...refusal,
      body: { ...refusal.body, message: 'Caso inesistente.' },
    });
    for (const language of ['en', 'en-GB,en;q=0.9', 'de;q=1, en;q=0.5']) {
      expect(
        await coordinator.request('GET', missing, undefined, undefined, { 'accept-language': language }),
      ).toMatchObject({
        ...refusal,
        body: { ...refusal.body, message: 'No such case.' },
      });
    }
    expect(
      await coordinator.request('GET', missing, undefined, undefined, { 'accept-language': 'de' }),
    ).toMatchObject({ body: { message: 'Caso inesistente.' } });
    // Answers and refusals alike differ by language: a cache must keep them apart.
    for (const path of ['/api/workflow', missing]) {
      expect((await coordinator.fetch(path)).headers.get('vary')).toMatch(/accept-language/i);
    }
  });
});

describe('applying events', () => {
  it('moves the case, bumps the version, appends history and an outbox row in one go', async () => {
    const created = await newCase();
    clock.advance(60_000);
    const consent = await coordinator.send(created.id, 'RECORD_CONSENT', payloads.RECORD_CONSENT);
    expect(consent).toMatchObject({ version: 2, state: 'segnalazione.bozza' });
    const submitted = await coordinator.send(created.id, 'SUBMIT');
    expect(submitted).toMatchObject({
      version: 3,
      state: 'segnalazione.inviata',
      enteredStateAt: clock.now().toISOString(),
      deadlines: [expect.objectContaining({ key: 'triage', dueAt: '2026-03-12T09:01:00.000Z' })],
    });
    // The answer's next deadline is the one the transition just wrote (the case page's header shows it).
    expect(consent.nextDeadline).toBeNull();
    expect(submitted.nextDeadline).toMatchObject({ key: 'triage', dueAt: '2026-03-12T09:01:00.000Z' });
    expect(submitted.nextDeadline).toEqual(
      (await coordinator.get(`/api/cases/${created.id}`)).body.nextDeadline,
    );
    const history = (await coordinator.get(`/api/cases/${created.id}/history`)).body.items;
    expect(history.map((row: { seq: number; eventType: string }) => [row.seq, row.eventType])).toEqual([
      [1, 'CREATE_REFERRAL'],
      [2, 'RECORD_CONSENT'],
      [3, 'SUBMIT'],
    ]);
    expect(history[2]).toMatchObject({
      fromState: 'segnalazione.bozza',
      toState: 'segnalazione.inviata',
      actorName: 'Laura Neri',
    });
    const outbox = await api.dataSource.query('SELECT seq, kind, payload FROM outbox WHERE case_id = $1', [
      created.id,
    ]);
    expect(outbox).toEqual([
      {
        seq: 3,
        kind: 'state_changed',
        payload: expect.objectContaining({
          fromState: 'segnalazione.bozza',
          toState: 'segnalazione.inviata',
        }),
      },
    ]);
  });

  it('refuses an event the state does not accept with 409 illegal_event naming the state and the accepted events', async () => {
    const created = await newCase();
    const response = await coordinator.post(`/api/cases/${created.id}/events`, {
      type: 'SIGN',
      data: payloads.SIGN,
      expectedVersion: 1,
    });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'illegal_event', state: 'segnalazione.bozza' });
    expect(response.body.accepted.sort()).toEqual(['RECORD_CONSENT', 'SUBMIT', 'UPDATE_REFERRAL']);
  });

  it('refuses a failed guard with 422 guard_failed and the rule in words', async () => {
    const created = await newCase();
    await coordinator.send(created.id, 'SUBMIT');
    const response = await coordinator.post(`/api/cases/${created.id}/events`, {
      type: 'ACCEPT',
      data: {},
      expectedVersion: 2,
    });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'guard_failed', guards: ['consentRecorded'] });
    expect(response.body.message).toContain('consenso');
    // The same rule holds the event back on the case page, in the language asked for.
    const english = { 'accept-language': 'en' };
    const view = await coordinator.request('GET', `/api/cases/${created.id}`, undefined, undefined, english);
    expect(view.body).toMatchObject({
      stateLabel: 'Submitted, awaiting triage',
      blockedEvents: [
        {
          type: 'ACCEPT',
          message: 'The person’s informed consent is not recorded: record it before accepting.',
        },
      ],
      nextDeadline: { key: 'triage', label: 'Triage of the referral' },
    });
    const italian = await coordinator.get(`/api/cases/${created.id}`);
    expect(italian.body).toMatchObject({
      stateLabel: 'Inviata, in attesa di triage',
      nextDeadline: { label: 'Triage della segnalazione' },
    });
  });

  it('names every invalid field of an event payload, including unknown type and version', async () => {
    const created = await newCase();
    const badType = await coordinator.post(`/api/cases/${created.id}/events`, { type: 'FLY', data: {} });
    expect(badType.status).toBe(422);
    expect(badType.body.fields.map((field: { field: string }) => field.field)).toEqual([
      'type',
      'expectedVersion',
    ]);
    const badData = await coordinator.post(`/api/cases/${created.id}/events`, {
      type: 'RECORD_CONSENT',
      data: { given: 'yes', informedOn: '2026-02-30', extra: true },
      expectedVersion: 1,
    });
    expect(badData.status).toBe(422);
    expect(badData.body.fields.map((field: { field: string }) => field.field).sort()).toEqual([
      'data.extra',
      'data.given',
      'data.informedOn',
    ]);
  });

  it('leaves the case untouched when an event is refused', async () => {
    const created = await newCase();
    const before = (await coordinator.get(`/api/cases/${created.id}`)).body;
    const rows = [await countRows('case_history', created.id), await countRows('outbox', created.id)];
    clock.advance(1000);
    for (const body of [
      { type: 'SIGN', data: payloads.SIGN, expectedVersion: 1 },
      { type: 'SUBMIT', data: { unexpected: 1 }, expectedVersion: 1 },
      { type: 'SUBMIT', data: {}, expectedVersion: 7 },
    ]) {
      expect((await coordinator.post(`/api/cases/${created.id}/events`, body)).status).toBeGreaterThanOrEqual(
        400,
      );
    }
    expect((await coordinator.get(`/api/cases/${created.id}`)).body).toEqual(before);
    expect([await countRows('case_history', created.id), await countRows('outbox', created.id)]).toEqual(
      rows,
    );
  });

  it('answers a stale expectedVersion with 409 version_conflict and the current version', async () => {
    const created = await newCase();
    await coordinator.send(created.id, 'RECORD_CONSENT', payloads.RECORD_CONSENT);
    const stale = await coordinator.post(`/api/cases/${created.id}/events`, {
      type: 'SUBMIT',
      data: {},
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
  });

  it('lets exactly one of two racing operators win; the history has one row for it', async () => {
    const created = await newCase();
    const operator = await api.anonymous.as('operatore@percorsi.demo');
    const body = { type: 'SUBMIT', data: {}, expectedVersion: 1 };
    for (let round = 0; round < 5; round++) {
      const fresh = round === 0 ? created : await newCase();
      const responses = await Promise.all([
        coordinator.post(`/api/cases/${fresh.id}/events`, body),
        operator.post(`/api/cases/${fresh.id}/events`, body),
      ]);
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
      expect(responses.find((response) => response.status === 409)?.body.code).toBe('version_conflict');
      const history = (await coordinator.get(`/api/cases/${fresh.id}/history`)).body.items;
      expect(history.filter((row: { eventType: string }) => row.eventType === 'SUBMIT')).toHaveLength(1);
      expect((await coordinator.get(`/api/cases/${fresh.id}`)).body.version).toBe(2);
    }
  });

  it('answers 404 for an unknown or malformed case id', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expect((await coordinator.get(`/api/cases/${id}`)).status).toBe(404);
      expect((await coordinator.get(`/api/cases/${id}/history`)).status).toBe(404);
      const event = await coordinator.post(`/api/cases/${id}/events`, {
        type: 'SUBMIT',
        data: {},
        expectedVersion: 1,
      });
      expect(event.status).toBe(404);
    }
  });

  it('keeps history append-only even for a direct SQL update', async () => {
    const created = await newCase();
    await expect(
      api.dataSource.query('UPDATE case_history SET event_type = $1 WHERE case_id = $2', ['X', created.id]),
    ).rejects.toThrow('append-only');
    await expect(
      api.dataSource.query('DELETE FROM case_history WHERE case_id = $1', [created.id]),
    ).rejects.toThrow('append-only');
  });
});

describe('a referral taken to an outcome', () => {
  it('goes through every phase to esito and the history shows each step', async () => {
    const created = await newCase({ lastName: 'Percorso' });
    const phases = new Set<string>();
    for (const step of happyPath(payloads)) {
      clock.advance(3600_000);
      phases.add((await coordinator.send(created.id, step.type, step.data)).phase);
    }
    expect([...phases]).toEqual(['segnalazione', 'valutazione', 'equipe', 'pais', 'monitoraggio', 'esito']);
    const closed = (await coordinator.get(`/api/cases/${created.id}`)).body;
    expect(closed).toMatchObject({ state: 'esito', closed: true, availableEvents: [], version: 15 });
    expect(closed.data.outcome).toMatchObject({ primary: 'occupazione', contractType: 'tempo_determinato' });
    expect(closed.deadlines.map((deadline: { key: string }) => deadline.key)).toEqual([
      'follow_up_6_mesi',
      'follow_up_12_mesi',
    ]);
    const history = (await coordinator.get(`/api/cases/${created.id}/history`)).body.items;
    expect(history).toHaveLength(15);
    expect(history.at(-1)).toMatchObject({
      seq: 15,
      eventType: 'CLOSE',
      fromState: 'monitoraggio.attivo',
      toState: 'esito',
    });
    const closeAgain = await coordinator.post(`/api/cases/${created.id}/events`, {
      type: 'RESUME',
      data: {},
      expectedVersion: 15,
    });
    expect(closeAgain.body).toMatchObject({ code: 'illegal_event', state: 'esito', accepted: [] });
  });
});

describe('listing and describing', () => {
  it('filters by phase, state and text, and paginates with a total', async () => {
    await newCase({ lastName: 'Elencato', firstName: 'Primo' });
    await newCase({ lastName: 'Elencato', firstName: 'Secondo' });
    const page1 = await coordinator.get('/api/cases?text=elencat&pageSize=1');
    expect(page1.body).toMatchObject({ total: 2, totalCapped: false, pageSize: 1 });
    const page2 = await coordinator.get(`/api/cases?text=elencat&pageSize=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
    expect(page2.body.nextCursor).toBeNull();
    const drafts = await coordinator.get(
      '/api/cases?phase=segnalazione&state=segnalazione.bozza&text=Elencato',
    );
    expect(drafts.body.total).toBe(2);
    const none = await coordinator.get('/api/cases?phase=esito&text=Elencato');
    expect(none.body).toMatchObject({ total: 0, items: [] });
  });

  it('names a bad filter', async () => {
    const response = await coordinator.get('/api/cases?phase=limbo&pageSize=1000');
    expect(response.status).toBe(422);
    expect(response.body.fields.map((field: { field: string }) => field.field).sort()).toEqual([
      'pageSize',
      'phase',
    ]);
  });

  it('describes the workflow for clients', async () => {
    const workflow = (await coordinator.get('/api/workflow')).body;
    expect(workflow.states.map((state: { id: string }) => state.id)).toContain('monitoraggio.sospeso');
    expect(workflow.events).toHaveLength(24);
  });

  it('publishes an OpenAPI document', async () => {
    const document = await api.anonymous.get('/api/docs-json');
    expect(document.status).toBe(200);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/cases', '/api/cases/{id}/events', '/api/workflow']),
    );
    // The list's parameters come from the schema the reader validates with.
    const listed = document.body.paths['/api/cases'].get.parameters.map(
      (parameter: { name: string }) => parameter.name,
    );
    expect(listed).toEqual(
      expect.arrayContaining(['sort', 'direction', 'overdue', 'mine', 'text', 'cursor', 'pageSize']),
    );
    expect(listed).not.toContain('page');
  });
});

describe('refusals people can act on', () => {
  it('names an organisation the consent does not cover by its name, even when the payload gave only its id', async () => {
    const created = await newCase({ lastName: 'Consenso' });
    const consentToSocialAndLabour = {
      ...payloads.RECORD_CONSENT,
      authorisedOrganisations: payloads.RECORD_CONSENT.authorisedOrganisations.slice(0, 2),
    };
    const path = happyPath(payloads).slice(1, 7);
    await coordinator.send(created.id, 'RECORD_CONSENT', consentToSocialAndLabour);
    for (const step of path) await coordinator.send(created.id, step.type, step.data);
    const { organisationId, organisationType } = payloads.SCHEDULE_MEETING.participants[2];
    const current = await coordinator.get(`/api/cases/${created.id}`);
    const refused = await coordinator.post(`/api/cases/${created.id}/events`, {
      type: 'SCHEDULE_MEETING',
      data: {
        ...payloads.SCHEDULE_MEETING,
        participants: [
          ...payloads.SCHEDULE_MEETING.participants.slice(0, 2),
          { organisationId, organisationType },
        ],
      },
      expectedVersion: current.body.version,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toBe(
      'Il consenso della persona non autorizza queste organizzazioni: Ser.D Valdinievole (Azienda USL Toscana Centro). Registrare prima un nuovo consenso.',
    );
    expect(current.body.blockedEvents).toEqual([]);
  });

  it('refuses a meeting recorded as held after today, naming the field', async () => {
    const created = await newCase({ lastName: 'Futuro' });
    for (const step of happyPath(payloads).slice(0, 8))
      await coordinator.send(created.id, step.type, step.data);
    const current = await coordinator.get(`/api/cases/${created.id}`);
    const refused = await coordinator.post(`/api/cases/${created.id}/events`, {
      type: 'RECORD_MEETING',
      data: { ...payloads.RECORD_MEETING, heldOn: '2099-01-01' },
      expectedVersion: current.body.version,
    });
    expect(refused).toMatchObject({
      status: 422,
      body: {
        code: 'invalid_payload',
        fields: [{ field: 'data.heldOn', reason: 'is after today: it dates something already done' }],
      },
    });
  });
});
