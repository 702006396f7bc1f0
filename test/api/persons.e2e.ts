// The anagrafica over HTTP against the real database: one person per ambito and codice fiscale (also when
// referrals race), people without a code, the code checked against birth date, sex and birthplace, the
// overlap the coordinator sees at triage and the referring service does not, linked percorsi, merging.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  codiceFiscaleCheckCharacter,
  codiceFiscaleOf,
  exampleReferral,
  type ExamplePayloads,
} from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { demoPayloads } from '../support/demo-territory.js';
import { TestClock } from '../support/test-clock.js';

let api: TestApi;
let coordinator: ApiClient;
let ets: ApiClient;
let cpi: ApiClient;
let operatore: ApiClient;
let payloads: ExamplePayloads;

beforeAll(async () => {
  api = await startApi(new TestClock());
  coordinator = await api.anonymous.as('coordinatore@percorsi.demo');
  ets = await api.anonymous.as('inviante@percorsi.demo');
  cpi = await api.anonymous.as('cpi@percorsi.demo');
  operatore = await api.anonymous.as('operatore@percorsi.demo');
  payloads = await demoPayloads(api.dataSource);
});

afterAll(() => api.close());

type Referral = ReturnType<typeof exampleReferral>;

async function refer(client: ApiClient, referral: Referral): Promise<string> {
  const created = await client.post('/api/cases', referral);
  expect(created.status).toBe(201);
  return created.body.id;
}

async function submitted(client: ApiClient, referral: Referral): Promise<string> {
  const id = await refer(client, referral);
  await client.send(id, 'RECORD_CONSENT', payloads.RECORD_CONSENT);
  await client.send(id, 'SUBMIT');
  return id;
}

const personIdOf = async (caseId: string): Promise<string> =>
  (await api.dataSource.query('SELECT person_id FROM cases WHERE id = $1', [caseId]))[0].person_id;

const fieldsOf = (body: { fields?: { field: string }[] }) =>
  (body.fields ?? []).map((problem) => problem.field);

/** The same code with its last digits written as omocodia letters (LMNPQRSTUV), check character redone. */
function omocodia(code: string, digits: number): string {
  const chars = code.slice(0, 15).split('');
  for (const position of [14, 13, 12, 10, 9, 7, 6].slice(0, digits)) {
    chars[position] = 'LMNPQRSTUV'[Number(chars[position])];
  }
  const first15 = chars.join('');
  return first15 + codiceFiscaleCheckCharacter(first15);
}

describe('one person per ambito and codice fiscale', () => {
  it('gives ten racing referrals of one codice fiscale one person and ten percorsi', async () => {
    const referral = exampleReferral({ firstName: 'Gara', lastName: 'Concorrente', birthDate: '1979-04-02' });
    const ids = await Promise.all(Array.from({ length: 10 }, () => refer(coordinator, referral)));
    const persons = await api.dataSource.query(
      `SELECT p.id, count(c.id)::int AS percorsi FROM persons p JOIN cases c ON c.person_id = p.id
       WHERE p.codice_fiscale = $1 GROUP BY p.id`,
      [referral.person.codiceFiscale],
    );
    expect(persons).toEqual([{ id: expect.any(String), percorsi: 10 }]);
    expect(new Set(await Promise.all(ids.map(personIdOf))).size).toBe(1);
  });

  it('reuses the person for a second service: contacts follow, identity is kept, both recorded with who', async () => {
    const first = exampleReferral({
      firstName: 'Luisa',
      lastName: 'Doppia',
      birthDate: '1990-05-15',
      sex: 'F',
    });
    const firstId = await submitted(ets, first);
    const secondId = await refer(cpi, {
      ...first,
      person: {
        ...first.person,
        firstName: 'Luisella',
        phone: '+39 333 1234567',
        email: 'luisa@example.org',
      },
    });
    const personId = await personIdOf(firstId);
    expect(await personIdOf(secondId)).toBe(personId);

    const person = await coordinator.get(`/api/persons/${personId}`);
    expect(person.status).toBe(200);
    expect(person.body.person).toMatchObject({
      firstName: 'Luisa',
      phone: '+39 333 1234567',
      email: 'luisa@example.org',
      sex: 'F',
      birthplace: 'San Giuliano Terme',
    });
    const cpiUser = (await cpi.get('/api/me')).body;
    expect(person.body.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'phone',
          oldValue: first.person.phone,
          newValue: '+39 333 1234567',
          applied: true,
          source: 'segnalazione',
          caseId: secondId,
          user: { id: cpiUser.id, fullName: cpiUser.fullName },
        }),
        expect.objectContaining({
          field: 'email',
          oldValue: null,
          newValue: 'luisa@example.org',
          applied: true,
        }),
        expect.objectContaining({
          field: 'first_name',
          oldValue: 'Luisa',
          newValue: 'Luisella',
          applied: false,
        }),
      ]),
    );
    expect(person.body.percorsi.map((percorso: { id: string }) => percorso.id).sort()).toEqual(
      [firstId, secondId].sort(),
    );
  });

  it('shows the coordinator the other percorso at triage and tells the referring ETS nothing', async () => {
    const referral = exampleReferral({ firstName: 'Sara', lastName: 'Sovrapposta', birthDate: '1988-02-20' });
    const inCare = await submitted(coordinator, referral);
    await coordinator.send(inCare, 'ACCEPT');
    const fromEts = await submitted(ets, referral);

    const overlap = await coordinator.get(`/api/cases/${fromEts}/links`);
    expect(overlap.status).toBe(200);
    expect(overlap.body.otherPercorsi).toEqual([
      expect.objectContaining({ id: inCare, phase: 'valutazione', closed: false, outcome: null }),
    ]);

    const etsLinks = await ets.get(`/api/cases/${fromEts}/links`);
    expect(etsLinks.body).toEqual({
      personId: null,
      otherPercorsi: [],
      previous: null,
      following: [],
      possibleDuplicates: [],
      household: [],
    });
    expect((await ets.get(`/api/persons/${await personIdOf(fromEts)}`)).status).toBe(404);
    expect((await ets.get(`/api/persons?codiceFiscale=${referral.person.codiceFiscale}`)).status).toBe(404);
    const found = await coordinator.get(`/api/persons?codiceFiscale=${referral.person.codiceFiscale}`);
    expect(found.body.person.id).toBe(await personIdOf(fromEts));

    // REJECT as gia_in_carico names a real other percorso of the same person.
    const version = (await coordinator.get(`/api/cases/${fromEts}`)).body.version;
    const reject = (data: object) =>
      coordinator.post(`/api/cases/${fromEts}/events`, { type: 'REJECT', data, expectedVersion: version });
    expect(fieldsOf((await reject({ reason: 'gia_in_carico' })).body)).toEqual(['data.percorsoId']);
    const stranger = await refer(coordinator, exampleReferral({ lastName: 'Estranea' }));
    const wrong = await reject({ reason: 'gia_in_carico', percorsoId: stranger });
    expect(wrong.status).toBe(422);
    expect(wrong.body.fields).toEqual([
      { field: 'data.percorsoId', reason: 'is no other percorso of the same person' },
    ]);
    expect((await reject({ reason: 'gia_in_carico', percorsoId: fromEts })).status).toBe(422);
    const rejected = await reject({ reason: 'gia_in_carico', percorsoId: inCare });
    expect(rejected.status).toBe(200);
    expect(rejected.body.data.rejection).toMatchObject({ reason: 'gia_in_carico', percorsoId: inCare });
    // The referring service still sees only where its referral stands, as for any referral.
    const statusView = (await ets.get(`/api/cases/${fromEts}`)).body;
    const unknown = await submitted(
      ets,
      exampleReferral({ lastName: 'Sconosciuta', birthDate: '1988-02-21' }),
    );
    await coordinator.send(unknown, 'REJECT', { reason: 'non_pertinente' });
    expect(Object.keys(statusView).sort()).toEqual(
      Object.keys((await ets.get(`/api/cases/${unknown}`)).body).sort(),
    );
    expect(statusView).toMatchObject({ access: 'status', person: { initials: 'S. S.' } });
  });
});

describe('linked percorsi', () => {
  it('links a new referral to the closed percorso both ways, and the histories say so', async () => {
    const referral = exampleReferral({ firstName: 'Paolo', lastName: 'Ritornato', birthDate: '1970-07-07' });
    const closed = await submitted(ets, referral);
    await coordinator.send(closed, 'REJECT', { reason: 'non_pertinente' });
    const versionBefore = (await coordinator.get(`/api/cases/${closed}`)).body.version;
    const next = await submitted(ets, referral);

    const forward = await coordinator.get(`/api/cases/${next}/links`);
    expect(forward.body.previous).toMatchObject({
      id: closed,
      closed: true,
      outcome: 'segnalazione_non_accolta',
      mayOpen: true,
    });
    const backward = await coordinator.get(`/api/cases/${closed}/links`);
    expect(backward.body.following).toEqual([expect.objectContaining({ id: next, closed: false })]);

    const oldHistory = (await coordinator.get(`/api/cases/${closed}/history`)).body.items;
    expect(oldHistory.at(-1)).toMatchObject({
      seq: versionBefore + 1,
      eventType: 'PERCORSO_COLLEGATO',
      eventData: { nextCaseId: next },
      fromState: 'esito',
      toState: 'esito',
    });
    const oldCase = (await coordinator.get(`/api/cases/${closed}`)).body;
    expect(oldCase).toMatchObject({ version: versionBefore + 1, state: 'esito', closed: true });

    const newHistory = (await coordinator.get(`/api/cases/${next}/history`)).body.items;
    expect(newHistory[0]).toMatchObject({
      eventType: 'CREATE_REFERRAL',
      eventData: { previousCaseId: closed },
    });
    // The referring ETS reads its referral, not that the person was known.
    const etsHistory = (await ets.get(`/api/cases/${next}/history`)).body.items;
    expect(etsHistory[0].eventData).not.toHaveProperty('previousCaseId');
    // Nor, in the status of the closed referral, that the person was referred again.
    const etsOldHistory = (await ets.get(`/api/cases/${closed}/history`)).body.items;
    expect(etsOldHistory.map((item: { eventType: string }) => item.eventType)).not.toContain(
      'PERCORSO_COLLEGATO',
    );
    expect(etsOldHistory.at(-1)).toMatchObject({ eventType: 'REJECT', toState: 'esito' });
    expect(JSON.stringify(await ets.get(`/api/cases/${next}`))).not.toContain(closed);
  });
});

describe('people without a codice fiscale', () => {
  const withoutCode = (firstName: string, lastName: string, extra: object = {}): Referral => {
    const referral = exampleReferral({ firstName, lastName, birthDate: '1995-03-08', ...extra });
    delete (referral.person as { codiceFiscale?: string }).codiceFiscale;
    return referral;
  };

  it('requires sex and birthplace when there is no code', async () => {
    const response = await coordinator.post('/api/cases', withoutCode('Karim', 'Senzacodice'));
    expect(response.status).toBe(422);
    expect(fieldsOf(response.body).sort()).toEqual(['person.birthplace', 'person.sex']);
  });

  it('finds a similar name with the same birth date as a possible duplicate, merges it, audits the merge', async () => {
    const first = await submitted(
      ets,
      withoutCode('Mohamed', 'Ben Alì', { sex: 'M', birthplace: 'Marocco', citizenship: 'marocchina' }),
    );
    const second = await submitted(
      cpi,
      withoutCode('Mohammed', 'Ben Ali', { sex: 'M', birthplace: 'Marocco' }),
    );
    const other = await refer(cpi, withoutCode('Giovanni', 'Diverso', { sex: 'M', birthplace: 'Marocco' }));
    const [survivorId, duplicateId] = [await personIdOf(first), await personIdOf(second)];
    expect(survivorId).not.toBe(duplicateId);
    const stored = await coordinator.get(`/api/persons/${survivorId}`);
    expect(stored.body.person).toMatchObject({ birthplace: 'Marocco', birthplaceCode: 'Z330' });

    const links = await coordinator.get(`/api/cases/${second}/links`);
    expect(links.body.possibleDuplicates).toEqual([
      expect.objectContaining({ id: survivorId, lastName: 'Ben Alì', codiceFiscale: null, percorsi: 1 }),
    ]);
    expect(links.body.possibleDuplicates.map((duplicate: { id: string }) => duplicate.id)).not.toContain(
      await personIdOf(other),
    );
    expect((await ets.get(`/api/cases/${first}/links`)).body.possibleDuplicates).toEqual([]);

    const merge = { duplicateId, reason: 'Stessa persona: passaporto verificato' };
    expect((await operatore.post(`/api/persons/${survivorId}/merge`, merge)).status).toBe(403);
    const merged = await coordinator.post(`/api/persons/${survivorId}/merge`, merge);
    expect(merged.status).toBe(200);
    expect(await personIdOf(second)).toBe(survivorId);
    expect(merged.body.percorsi.map((percorso: { id: string }) => percorso.id).sort()).toEqual(
      [first, second].sort(),
    );
    const me = (await coordinator.get('/api/me')).body;
    expect(merged.body.merges).toEqual([
      {
        mergedId: duplicateId,
        at: expect.any(String),
        user: { id: me.id, fullName: me.fullName },
        reason: merge.reason,
        caseIds: [second],
      },
    ]);
    expect((await coordinator.post(`/api/persons/${survivorId}/merge`, merge)).status).toBe(422);
    const audit = await api.dataSource.query(
      `SELECT user_id, action, fields, purpose FROM audit_log WHERE action = 'unione' AND $1 = ANY(fields)`,
      [`persona.${duplicateId}`],
    );
    expect(audit).toEqual([
      {
        user_id: me.id,
        action: 'unione',
        fields: [`persona.${duplicateId}`, `persona.${survivorId}`, `caso.${second}`],
        purpose: merge.reason,
      },
    ]);
    // The two percorsi now overlap at triage.
    const overlap = await coordinator.get(`/api/cases/${second}/links`);
    expect(overlap.body.otherPercorsi.map((percorso: { id: string }) => percorso.id)).toEqual([first]);
  });

  it('adds a codice fiscale later, checked and recorded with the old value, and refuses a taken one', async () => {
    const caseId = await submitted(
      coordinator,
      withoutCode('Amina', 'Tardiva', { sex: 'F', birthplace: 'Lucca' }),
    );
    const personId = await personIdOf(caseId);
    const code = codiceFiscaleOf('Tardiva', 'Amina', '1995-03-08', 'F', 'E715');
    const wrongSex = codiceFiscaleOf('Tardiva', 'Amina', '1995-03-08', 'M', 'E715');

    const refused = await coordinator.post(`/api/persons/${personId}/codice-fiscale`, {
      codiceFiscale: wrongSex,
      expectedVersion: 1,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.fields).toEqual([
      { field: 'codiceFiscale', reason: expect.stringContaining("the record's sex disagrees") },
    ]);
    expect((await operatore.post(`/api/persons/${personId}/codice-fiscale`, {})).status).toBe(404);
    const added = await coordinator.post(`/api/persons/${personId}/codice-fiscale`, {
      codiceFiscale: code,
      expectedVersion: 1,
    });
    expect(added.status).toBe(200);
    expect(added.body.person).toMatchObject({ codiceFiscale: code, version: 2 });
    expect(added.body.changes).toEqual([
      expect.objectContaining({
        source: 'codice_fiscale',
        field: 'codice_fiscale',
        oldValue: null,
        newValue: code,
      }),
    ]);
    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_log WHERE action = 'rettifica' AND fields = $1`,
      [[`persona.${personId}.codiceFiscale`]],
    );
    expect(count).toBe(1);
    // A referral of that code now finds her.
    const next = await refer(
      ets,
      exampleReferral({
        firstName: 'Amina',
        lastName: 'Tardiva',
        birthDate: '1995-03-08',
        sex: 'F',
        codiceFiscale: code,
      }),
    );
    expect(await personIdOf(next)).toBe(personId);

    const other = await personIdOf(
      await refer(coordinator, withoutCode('Amina', 'Altra', { sex: 'F', birthplace: 'Lucca' })),
    );
    const taken = await coordinator.post(`/api/persons/${other}/codice-fiscale`, {
      codiceFiscale: code,
      codiceFiscaleConfirmed: true,
      expectedVersion: 1,
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('in_use');
  });
});

describe('the codice fiscale against birth date, sex and birthplace', () => {
  const born = { firstName: 'Giulia', lastName: 'Verificata', birthDate: '1983-09-21', sex: 'F' as const };
  const code = codiceFiscaleOf('Verificata', 'Giulia', '1983-09-21', 'F', 'E715');

  it('accepts a consistent code and fills sex and birthplace from it', async () => {
    const id = await refer(
      coordinator,
      exampleReferral({ ...born, codiceFiscale: code, birthplace: 'Lucca' }),
    );
    const bare = exampleReferral({ ...born, lastName: 'Dedotta', sex: undefined });
    const derived = await refer(coordinator, {
      ...bare,
      person: {
        ...bare.person,
        codiceFiscale: codiceFiscaleOf('Dedotta', 'Giulia', '1983-09-21', 'F', 'G491'),
      },
    });
    expect((await coordinator.get(`/api/cases/${id}`)).body.person).toMatchObject({
      sex: 'F',
      birthplace: 'Lucca',
    });
    expect((await coordinator.get(`/api/cases/${derived}`)).body.person).toMatchObject({
      sex: 'F',
      birthplace: 'Pescia',
    });
  });

  it('refuses an inconsistent code with 422 naming each field that disagrees', async () => {
    const cases: [object, string][] = [
      [{ birthDate: '1983-09-22' }, 'person.birthDate'],
      [{ sex: 'M' }, 'person.sex'],
      [{ birthplace: 'Pescia' }, 'person.birthplace'],
      [{ birthplace: 'Atlantide' }, 'person.birthplace'],
    ];
    for (const [change, field] of cases) {
      const response = await coordinator.post(
        '/api/cases',
        exampleReferral({ ...born, codiceFiscale: code, birthplace: 'Lucca', ...change }),
      );
      expect(response.status).toBe(422);
      expect(fieldsOf(response.body)).toEqual([field]);
    }
    const response = await coordinator.post(
      '/api/cases',
      exampleReferral({
        ...born,
        codiceFiscale: code,
        birthDate: '1984-10-21',
        sex: 'M',
        birthplace: 'Pescia',
      }),
    );
    expect(response.body.fields).toEqual([
      { field: 'person.birthDate', reason: expect.stringContaining('encodes a birth on 21/09/83') },
      { field: 'person.sex', reason: expect.stringContaining('encodes sex F') },
      {
        field: 'person.birthplace',
        reason: expect.stringContaining('Pescia (G491); the codice fiscale encodes Lucca (E715)'),
      },
    ]);
  });

  it('keeps an inconsistent code the operator confirms', async () => {
    const confirmed = codiceFiscaleOf('Confermata', 'Giulia', '1983-09-21', 'F', 'E715');
    const id = await refer(
      coordinator,
      exampleReferral({
        ...born,
        lastName: 'Confermata',
        codiceFiscale: confirmed,
        birthDate: '1983-09-22',
        codiceFiscaleConfirmed: true,
      }),
    );
    expect((await coordinator.get(`/api/cases/${id}`)).body.person).toMatchObject({
      codiceFiscale: confirmed,
      birthDate: '1983-09-22',
    });
  });

  it('reads omocodia codes back to the same birth date and birthplace', async () => {
    for (const digits of [1, 3, 7]) {
      const lastName = `Omocodica${'x'.repeat(digits)}`;
      const plain = codiceFiscaleOf(lastName, 'Giulia', '1983-09-21', 'F', 'E715');
      const response = await coordinator.post(
        '/api/cases',
        exampleReferral({ ...born, lastName, codiceFiscale: omocodia(plain, digits), birthplace: 'Lucca' }),
      );
      expect(response.status).toBe(201);
      expect(response.body.person.codiceFiscale).toBe(omocodia(plain, digits));
    }
  });
});

describe('the household', () => {
  it('links members both ways and shows each viewer only the percorsi it may know of', async () => {
    const mother = await submitted(
      coordinator,
      exampleReferral({ firstName: 'Rosa', lastName: 'Nucleo', birthDate: '1975-06-01', sex: 'F' }),
    );
    await coordinator.send(mother, 'ACCEPT');
    await coordinator.send(mother, 'ASSIGN_ASSESSORS', payloads.ASSIGN_ASSESSORS);
    const child = await submitted(
      ets,
      exampleReferral({ firstName: 'Tommaso', lastName: 'Nucleo', birthDate: '2004-02-03' }),
    );
    const [motherId, childId] = [await personIdOf(mother), await personIdOf(child)];

    const linked = await coordinator.post(`/api/persons/${motherId}/household`, {
      memberId: childId,
      relationship: 'figlio',
      from: '2004-02-03',
    });
    expect(linked.status).toBe(200);
    expect(linked.body.household).toEqual([
      expect.objectContaining({
        relationship: 'figlio',
        from: '2004-02-03',
        to: null,
        member: expect.objectContaining({ id: childId, firstName: 'Tommaso' }),
        percorsi: [expect.objectContaining({ id: child })],
      }),
    ]);
    const fromChild = await coordinator.get(`/api/persons/${childId}`);
    expect(fromChild.body.household).toEqual([
      expect.objectContaining({
        relationship: 'genitore',
        member: expect.objectContaining({ id: motherId }),
      }),
    ]);
    const again = await coordinator.post(`/api/persons/${childId}/household`, {
      memberId: motherId,
      relationship: 'genitore',
      from: '2010-01-01',
    });
    expect(again.body.fields).toEqual([{ field: 'memberId', reason: 'is already in the household' }]);

    // The SdS operator assesses the mother: she sees her son in the household, not his referral.
    const team = await operatore.get(`/api/cases/${mother}/links`);
    expect(team.body.household).toEqual([
      expect.objectContaining({ member: expect.objectContaining({ id: childId }), percorsi: [] }),
    ]);
    // The referring ETS learns nothing of the household through its referral.
    expect((await ets.get(`/api/cases/${child}/links`)).body.household).toEqual([]);
    // Nobody links a person they may not see.
    const blind = await operatore.post(`/api/persons/${motherId}/household`, {
      memberId: childId,
      relationship: 'figlio',
      from: '2024-01-01',
    });
    expect(blind.body.fields).toEqual([
      { field: 'memberId', reason: 'names no person of the ambito you may see' },
    ]);
    const backwards = await coordinator.post(`/api/persons/${motherId}/household`, {
      memberId: childId,
      relationship: 'figlio',
      from: '2024-01-01',
      to: '2023-01-01',
    });
    expect(fieldsOf(backwards.body)).toEqual(['to']);
  });
});

describe('rectification', () => {
  it('corrects the record keeping every old value, checks it against the code, refuses a stale version', async () => {
    const caseId = await refer(coordinator, exampleReferral({ firstName: 'Irene', lastName: 'Rettificata' }));
    const personId = await personIdOf(caseId);
    const patch = (body: object) => coordinator.request('PATCH', `/api/persons/${personId}`, body);
    const reason = 'La persona ha comunicato il nuovo numero';

    const wrongPlace = await patch({ changes: { birthplace: 'Lucca' }, reason, expectedVersion: 1 });
    expect(wrongPlace.status).toBe(422);
    expect(fieldsOf(wrongPlace.body)).toEqual(['changes.birthplace']);

    const corrected = await patch({
      changes: { phone: '+39 347 0000000', citizenship: 'italiana' },
      reason,
      expectedVersion: 1,
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.person).toMatchObject({
      phone: '+39 347 0000000',
      citizenship: 'italiana',
      version: 2,
    });
    expect(corrected.body.changes).toEqual([
      expect.objectContaining({
        source: 'rettifica',
        field: 'citizenship',
        oldValue: null,
        newValue: 'italiana',
      }),
      expect.objectContaining({
        source: 'rettifica',
        field: 'phone',
        oldValue: '+39 0572 000000',
        newValue: '+39 347 0000000',
      }),
    ]);
    const [audit] = await api.dataSource.query(
      `SELECT fields, purpose FROM audit_log WHERE action = 'rettifica' AND purpose = $1`,
      [reason],
    );
    expect(audit.fields.sort()).toEqual([`persona.${personId}.citizenship`, `persona.${personId}.phone`]);

    const stale = await patch({ changes: { email: 'irene@example.org' }, reason, expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect((await ets.request('PATCH', `/api/persons/${personId}`, {})).status).toBe(404);
  });
});
