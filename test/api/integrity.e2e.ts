// Nothing a request names is trusted: people and organisations are checked against the directory, text
// and dates PostgreSQL would refuse are refused at the edge, a closed case takes no event, and personal
// data is neither cached nor read without an audit entry.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { secondFactorRequired, SYSTEM_ACTOR, type Viewer } from '../../libs/access/index.js';
import { DEMO_TOTP_SECRET } from '../../libs/demo/index.js';
import { CaseEngine } from '../../libs/engine/index.js';
import {
  CASE_EVENT_TYPES,
  exampleReferral,
  happyPath,
  type ExamplePayloads,
  type ReferralInput,
  type Role,
} from '../../workflows/case/index.js';
import { ApiClient, startApi, type ApiResponse, type TestApi } from '../support/api.js';
import { demoPayloads } from '../support/demo-territory.js';

const OTHER_AMBITO = 'altro_ambito_integrita';
const NUL = 'a\u0000b';
const LONE_SURROGATE = 'a\ud800b';

let api: TestApi;
let payloads: ExamplePayloads;
let coordinator: ApiClient;
let engine: CaseEngine;
let coordinatorViewer: Viewer;
const org: Record<string, { id: string; type: string }> = {};
const user: Record<string, { id: string; organisationId: string; type: string }> = {};

async function insertOrganisation(key: string, type: string, ambito: string) {
  const [row] = await api.dataSource.query(
    'INSERT INTO organisations (name, type, ambito) VALUES ($1, $2, $3) RETURNING id',
    [`Organizzazione ${key}`, type, ambito],
  );
  org[key] = { id: row.id, type };
}

/** A user with the demo password, so the test can log in as them. */
async function insertUser(key: string, role: string, organisationKey: string) {
  const [row] = await api.dataSource.query(
    `INSERT INTO users (email, password_hash, full_name, role, organisation_id, totp_secret)
     SELECT $1, password_hash, $2, $3, $4, $5 FROM users WHERE email = 'operatore@percorsi.demo' RETURNING id`,
    [
      `${key}@integrita.test`,
      `Utente ${key}`,
      role,
      org[organisationKey].id,
      // A role that needs a second factor gets the demo's key, whose codes the login helper types.
      secondFactorRequired(role as Role) ? DEMO_TOTP_SECRET : null,
    ],
  );
  user[key] = { id: row.id, organisationId: org[organisationKey].id, type: org[organisationKey].type };
}

beforeAll(async () => {
  api = await startApi();
  payloads = await demoPayloads(api.dataSource);
  engine = api.app.get(CaseEngine);
  coordinator = await api.anonymous.as('coordinatore@percorsi.demo');
  const organisations = await api.dataSource.query(
    "SELECT id, type FROM organisations WHERE ambito = 'valdinievole'",
  );
  for (const row of organisations) org[row.type] = row;
  const users = await api.dataSource.query(
    `SELECT u.id, u.email, u.organisation_id, o.type FROM users u JOIN organisations o ON o.id = u.organisation_id
     WHERE o.ambito = 'valdinievole'`,
  );
  for (const row of users) {
    user[row.email.split('@')[0]] = { id: row.id, organisationId: row.organisation_id, type: row.type };
  }
  await insertOrganisation('other_cpi', 'cpi', OTHER_AMBITO);
  await insertOrganisation('other_sds', 'sds', OTHER_AMBITO);
  await insertUser('other_operatore', 'operatore', 'other_cpi');
  await insertUser('other_dpo', 'dpo', 'other_sds');
  coordinatorViewer = {
    userId: user.coordinatore.id,
    role: 'coordinatore',
    organisationId: user.coordinatore.organisationId,
    organisationType: 'sds',
    ambito: 'valdinievole',
  };
});

afterAll(() => api.close());

/** A new case of the demo ambito taken through the first `steps` events of the common path. */
async function caseAfter(steps: number, referral: ReferralInput = exampleReferral()): Promise<string> {
  const caseId = await engine.createCase(
    referral,
    { ambito: 'valdinievole', referringOrganisationId: org.ets.id },
    coordinatorViewer,
  );
  let version = 1;
  for (const { type, data } of happyPath(payloads).slice(0, steps)) {
    version = (await engine.applyEvent(caseId, { type, data, expectedVersion: version }, SYSTEM_ACTOR))
      .version;
  }
  return caseId;
}

const stored = async (caseId: string) =>
  (await api.dataSource.query('SELECT version, state, snapshot FROM cases WHERE id = $1', [caseId]))[0];

async function sendAtCurrentVersion(caseId: string, type: string, data: unknown): Promise<ApiResponse> {
  const { version } = await stored(caseId);
  return coordinator.post(`/api/cases/${caseId}/events`, { type, data, expectedVersion: version });
}

const fieldsOf = (response: ApiResponse): string[] =>
  (response.body.fields ?? []).map((problem: { field: string }) => problem.field);

const person = (key: string, overrides: Record<string, string> = {}) => ({
  userId: user[key].id,
  name: 'Chiunque',
  organisationId: user[key].organisationId,
  organisationType: user[key].type,
  ...overrides,
});
const organisationRef = (key: string, overrides: Record<string, string> = {}) => ({
  organisationId: org[key].id,
  organisationType: org[key].type,
  ...overrides,
});

// Steps of the common path: 0 = bozza, 3 = valutazione.da_assegnare, 7 = equipe.primo_livello.da_convocare,
// 8 = equipe.primo_livello.convocata, 9 = pais.in_redazione.
const referenceCases: { name: string; steps: number; type: string; data: () => unknown; field: string }[] = [
  {
    name: 'a responsabile of another ambito filed under the SdS',
    steps: 7,
    type: 'DESIGNATE_RESPONSABILE',
    data: () => ({
      responsabile: person('other_operatore', { organisationId: org.sds.id, organisationType: 'sds' }),
    }),
    field: 'data.responsabile.userId',
  },
  {
    name: 'a Salute Mentale operator filed under the SdS',
    steps: 7,
    type: 'DESIGNATE_RESPONSABILE',
    data: () => ({
      responsabile: person('salutementale', { organisationId: org.sds.id, organisationType: 'sds' }),
    }),
    field: 'data.responsabile.organisationId',
  },
  {
    name: 'a responsabile whose organisation the consent does not cover',
    steps: 7,
    type: 'DESIGNATE_RESPONSABILE',
    data: () => ({ responsabile: person('salutementale') }),
    field: 'data.responsabile.organisationId',
  },
  {
    name: 'an unknown responsabile',
    steps: 7,
    type: 'DESIGNATE_RESPONSABILE',
    data: () => ({ responsabile: person('operatore', { userId: randomUUID() }) }),
    field: 'data.responsabile.userId',
  },
  {
    name: 'a responsabile whose id is no id at all',
    steps: 7,
    type: 'DESIGNATE_RESPONSABILE',
    data: () => ({ responsabile: person('operatore', { userId: 'u-1' }) }),
    field: 'data.responsabile.userId',
  },
  {
    name: 'a responsabile whose organisation is declared as a Ser.D',
    steps: 7,
    type: 'DESIGNATE_RESPONSABILE',
    data: () => ({ responsabile: person('operatore', { organisationType: 'serd' }) }),
    field: 'data.responsabile.organisationType',
  },
  {
    name: 'a DPO as responsabile',
    steps: 7,
    type: 'DESIGNATE_RESPONSABILE',
    data: () => ({ responsabile: person('dpo') }),
    field: 'data.responsabile.userId',
  },
  {
    name: 'a UEPE assessor declared as a CPI',
    steps: 3,
    type: 'ASSIGN_ASSESSORS',
    data: () => ({ assessors: [person('operatore'), person('uepe', { organisationType: 'cpi' })] }),
    field: 'data.assessors.1.organisationType',
  },
  {
    name: 'an assessor and an organisation that do not exist',
    steps: 3,
    type: 'ASSIGN_ASSESSORS',
    data: () => ({
      assessors: [person('operatore'), person('cpi', { userId: randomUUID(), organisationId: randomUUID() })],
    }),
    field: 'data.assessors.1.userId',
  },
  {
    name: 'a CPIA teacher filed under the CPI',
    steps: 3,
    type: 'ASSIGN_ASSESSORS',
    data: () => ({
      assessors: [
        person('operatore'),
        person('scuola', { organisationId: org.cpi.id, organisationType: 'cpi' }),
      ],
    }),
    field: 'data.assessors.1.organisationId',
  },
  {
    name: 'an assessor of another ambito',
    steps: 3,
    type: 'ASSIGN_ASSESSORS',
    data: () => ({ assessors: [person('operatore'), person('other_operatore')] }),
    field: 'data.assessors.1.userId',
  },
  {
    name: 'a meeting participant of another ambito',
    steps: 7,
    type: 'SCHEDULE_MEETING',
    data: () => ({
      ...payloads.SCHEDULE_MEETING,
      participants: [organisationRef('sds'), organisationRef('other_cpi')],
    }),
    field: 'data.participants.1.organisationId',
  },
  {
    name: 'an unknown meeting participant',
    steps: 7,
    type: 'SCHEDULE_MEETING',
    data: () => ({
      ...payloads.SCHEDULE_MEETING,
      participants: [organisationRef('sds'), organisationRef('cpi', { organisationId: randomUUID() })],
    }),
    field: 'data.participants.1.organisationId',
  },
  {
    name: 'a meeting participant of a wrong declared type',
    steps: 7,
    type: 'SCHEDULE_MEETING',
    data: () => ({
      ...payloads.SCHEDULE_MEETING,
      participants: [organisationRef('sds'), organisationRef('uepe', { organisationType: 'cpi' })],
    }),
    field: 'data.participants.1.organisationType',
  },
  {
    name: 'a meeting participant the consent does not cover',
    steps: 7,
    type: 'SCHEDULE_MEETING',
    data: () => ({
      ...payloads.SCHEDULE_MEETING,
      participants: [organisationRef('sds'), organisationRef('cpi'), organisationRef('salute_mentale')],
    }),
    field: 'data.participants.2.organisationId',
  },
  {
    name: 'a meeting attendee of another ambito',
    steps: 8,
    type: 'RECORD_MEETING',
    data: () => ({ ...payloads.RECORD_MEETING, attendees: [organisationRef('other_cpi')] }),
    field: 'data.attendees.0.organisationId',
  },
  {
    name: 'a responsabile of another ambito designated by the meeting',
    steps: 8,
    type: 'RECORD_MEETING',
    data: () => ({ ...payloads.RECORD_MEETING, responsabile: person('other_operatore') }),
    field: 'data.responsabile.userId',
  },
  {
    name: 'a plan action owned by an organisation of another ambito',
    steps: 9,
    type: 'UPDATE_PLAN',
    data: () => ({
      ...payloads.UPDATE_PLAN,
      actions: [
        { ...payloads.UPDATE_PLAN.actions[0], responsibleOrganisation: organisationRef('other_cpi') },
      ],
    }),
    field: 'data.actions.0.responsibleOrganisation.organisationId',
  },
  {
    name: 'a plan action owned by an organisation the consent does not cover',
    steps: 9,
    type: 'UPDATE_PLAN',
    data: () => ({
      ...payloads.UPDATE_PLAN,
      actions: [
        { ...payloads.UPDATE_PLAN.actions[0], responsibleOrganisation: organisationRef('salute_mentale') },
      ],
    }),
    field: 'data.actions.0.responsibleOrganisation.organisationId',
  },
  {
    name: 'a consent authorising an organisation of another ambito',
    steps: 0,
    type: 'RECORD_CONSENT',
    data: () => ({ ...payloads.RECORD_CONSENT, authorisedOrganisations: [org.sds.id, org.other_cpi.id] }),
    field: 'data.authorisedOrganisations.1',
  },
  {
    name: 'a consent authorising an organisation that does not exist',
    steps: 0,
    type: 'RECORD_CONSENT',
    data: () => ({ ...payloads.RECORD_CONSENT, authorisedOrganisations: [randomUUID()] }),
    field: 'data.authorisedOrganisations.0',
  },
];

describe('people and organisations named by events', () => {
  it.each(referenceCases)('refuses $name with 422 naming $field, changing nothing', async (row) => {
    const caseId = await caseAfter(row.steps);
    const before = await stored(caseId);
    const response = await sendAtCurrentVersion(caseId, row.type, row.data());
    expect(response.status).toBe(422);
    expect(fieldsOf(response)).toContain(row.field);
    expect(await stored(caseId)).toEqual(before);
  });

  it('leaves a case refused to a responsabile of another ambito unreadable to her', async () => {
    const caseId = await caseAfter(7);
    const breach = await sendAtCurrentVersion(caseId, 'DESIGNATE_RESPONSABILE', {
      responsabile: person('other_operatore', { organisationId: org.sds.id, organisationType: 'sds' }),
    });
    expect(breach.status).toBe(422);
    const outsider = await api.anonymous.as('other_operatore@integrita.test');
    expect((await outsider.get(`/api/cases/${caseId}`)).status).toBe(404);
  });

  it('keeps the directory’s names and types, not the payload’s', async () => {
    const caseId = await caseAfter(7);
    const response = await sendAtCurrentVersion(caseId, 'DESIGNATE_RESPONSABILE', {
      responsabile: person('operatore', { name: 'Nome inventato' }),
    });
    expect(response.status).toBe(200);
    const [directory] = await api.dataSource.query('SELECT full_name FROM users WHERE id = $1', [
      user.operatore.id,
    ]);
    expect(response.body.data.responsabile).toEqual({
      userId: user.operatore.id,
      name: directory.full_name,
      organisationId: org.sds.id,
      organisationType: 'sds',
    });
  });
});

/** Every string in a payload, by its API field path. */
function stringLeaves(value: unknown, path: string): { path: string; value: string }[] {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringLeaves(item, `${path}.${index}`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, `${path}.${key}`));
  }
  return [];
}

function replaced(value: unknown, path: string[], replacement: string): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    return value.map((item, index) => (String(index) === head ? replaced(item, rest, replacement) : item));
  }
  const record = value as Record<string, unknown>;
  return { ...record, [head]: replaced(record[head], rest, replacement) };
}

/** What PostgreSQL would refuse in place of a string: unstorable text, or the year 0000 for a date. */
function badValuesFor(value: string): string[] {
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return ['0000-01-01T09:00:00.000Z'];
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return ['0000-01-01'];
  return [NUL, LONE_SURROGATE];
}

const tomorrow = () => new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);

describe('text and dates PostgreSQL cannot store', () => {
  const counts = async () =>
    (
      await api.dataSource.query(
        `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM persons)::int AS persons,
                (SELECT count(*) FROM case_history)::int AS history,
                (SELECT count(*) FROM organisations)::int AS organisations,
                (SELECT count(*) FROM users)::int AS users`,
      )
    )[0];

  it('refuses each bad value in every field of the scheda unica with 422 naming it', async () => {
    const before = await counts();
    const referral = exampleReferral({ email: 'persona@example.org' });
    const cases = stringLeaves(referral, '').flatMap(({ path, value }) =>
      badValuesFor(value).map((bad) => ({ field: path.slice(1), bad })),
    );
    cases.push(
      ...['9999-01-01', tomorrow(), '1800-05-01'].map((bad) => ({ field: 'person.birthDate', bad })),
    );
    const failures: string[] = [];
    for (const { field, bad } of cases) {
      const response = await coordinator.post('/api/cases', replaced(referral, field.split('.'), bad));
      if (response.status !== 422 || !fieldsOf(response).includes(field)) {
        failures.push(`${field}=${JSON.stringify(bad)}: ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThan(15);
    expect(await counts()).toEqual(before);
  });

  it('refuses each bad value in every field of every event with 422 naming it', async () => {
    const caseId = await caseAfter(0);
    const before = await counts();
    const failures: string[] = [];
    let checked = 0;
    for (const type of CASE_EVENT_TYPES) {
      for (const { path, value } of stringLeaves(payloads[type], 'data')) {
        for (const bad of badValuesFor(value)) {
          const data = replaced(payloads[type], path.split('.').slice(1), bad);
          const response = await sendAtCurrentVersion(caseId, type, data);
          checked += 1;
          if (response.status !== 422 || !fieldsOf(response).includes(path)) {
            failures.push(`${type} ${path}=${JSON.stringify(bad)}: ${response.status} ${response.body.code}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(60);
    expect(await counts()).toEqual(before);
  });

  it('refuses them in query parameters, the export, administration and login', async () => {
    const caseId = await caseAfter(2);
    const before = await counts();
    const dpo = await api.anonymous.as('dpo@percorsi.demo');
    const admin = await api.anonymous.as('admin@percorsi.demo');
    const encoded = encodeURIComponent(NUL);
    const requests: [string, () => Promise<ApiResponse>, string][] = [
      ['list text', () => coordinator.get(`/api/cases?text=${encoded}`), 'text'],
      ['list state', () => coordinator.get(`/api/cases?state=${encoded}`), 'state'],
      [
        'stuck responsabile',
        () => coordinator.get(`/api/supervision/stuck?responsabileUserId=${encoded}`),
        'responsabileUserId',
      ],
      ['dashboard from', () => coordinator.get('/api/supervision/dashboard?from=0000-01'), 'from'],
      [
        'dashboard CSV from',
        () => coordinator.get('/api/supervision/dashboard/funnel.csv?from=0000-01'),
        'from',
      ],
      ['audit from', () => dpo.get('/api/audit?from=0000-01-01T00:00:00Z'), 'from'],
      [
        'export purpose',
        () =>
          coordinator.post(`/api/cases/${caseId}/export`, { password: 'una-password-lunga', purpose: NUL }),
        'purpose',
      ],
      [
        'organisation name',
        () =>
          admin.post('/api/admin/organisations', {
            name: LONE_SURROGATE,
            type: 'ets',
            ambito: 'valdinievole',
          }),
        'name',
      ],
      [
        'user name',
        () =>
          admin.post('/api/admin/users', {
            email: 'nuovo@integrita.test',
            fullName: NUL,
            role: 'operatore',
            organisationId: org.sds.id,
            password: 'una-password-lunga',
          }),
        'fullName',
      ],
      [
        'login password',
        () => api.anonymous.post('/api/auth/login', { email: 'a@b.it', password: NUL }),
        'password',
      ],
    ];
    for (const [name, request, field] of requests) {
      const response = await request();
      expect({ name, status: response.status, fields: fieldsOf(response) }).toEqual({
        name,
        status: 422,
        fields: expect.arrayContaining([field]),
      });
    }
    expect(await counts()).toEqual(before);
  });
});

describe('a closed case', () => {
  it('refuses every event type, RECORD_CONSENT included, with 409 and no change', async () => {
    const caseId = await caseAfter(happyPath(payloads).length);
    const before = await stored(caseId);
    expect(before.state).toBe('esito');
    for (const type of CASE_EVENT_TYPES) {
      const response = await sendAtCurrentVersion(caseId, type, payloads[type]);
      expect({ type, status: response.status, code: response.body.code }).toEqual({
        type,
        status: 409,
        code: 'illegal_event',
      });
    }
    expect(await stored(caseId)).toEqual(before);
  });
});

describe('audit and caching', () => {
  it('audits a health read whose only health fact is in the needs, and shows it to this ambito’s DPO only', async () => {
    const referral = exampleReferral({ lastName: 'Bisogni' });
    referral.referral.needs = ['lavoro', 'dipendenze'];
    const caseId = await caseAfter(3, referral);
    await sendAtCurrentVersion(caseId, 'ASSIGN_ASSESSORS', {
      assessors: [...payloads.ASSIGN_ASSESSORS.assessors, person('serd')],
    });
    const serd = await api.anonymous.as('serd@percorsi.demo');
    const read = await serd.get(`/api/cases/${caseId}`);
    expect(read.body.data.referral.needs).toContain('dipendenze');

    const dpo = await api.anonymous.as('dpo@percorsi.demo');
    const entries = (await dpo.get(`/api/audit?caseId=${caseId}`)).body.items;
    expect(entries).toContainEqual(
      expect.objectContaining({
        user: expect.objectContaining({ id: user.serd.id }),
        fields: expect.arrayContaining(['data.referral.needs.dipendenze']),
      }),
    );
    const otherDpo = await api.anonymous.as('other_dpo@integrita.test');
    const foreign = await otherDpo.get(`/api/audit?caseId=${caseId}`);
    expect(foreign.status).toBe(200);
    expect(foreign.body.total).toBe(0);
    expect((await otherDpo.get('/api/audit')).body.items).toEqual([]);
  });

  it('sends Cache-Control: no-store with every response carrying personal data', async () => {
    const caseId = await caseAfter(2);
    const dpo = await api.anonymous.as('dpo@percorsi.demo');
    const responses = await Promise.all([
      coordinator.raw('GET', `/api/cases/${caseId}`, undefined),
      coordinator.raw('GET', `/api/cases/${caseId}/history`, undefined),
      coordinator.raw('GET', '/api/cases', undefined),
      dpo.raw('GET', '/api/audit', undefined),
    ]);
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    const exported = await coordinator.raw('POST', `/api/cases/${caseId}/export`, {
      password: 'una-password-lunga',
      purpose: 'verifica della cache',
    });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 401 to a correctly signed token whose subject is not a user id', async () => {
    const token = await api.app.get(JwtService).signAsync({ sub: 'non-un-uuid' });
    const client = new ApiClient(api.anonymous.baseUrl, token);
    const response = await client.get('/api/me');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('unauthenticated');
  });
});
