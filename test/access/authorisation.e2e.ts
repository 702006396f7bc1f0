// The authorisation matrix, generated from the rules table (workflows/case/access-rules.ts): every role ×
// organisation type × membership × event type, asserted over the real API. The expected status follows
// from the table and the user's relation to the case; "allowed" means the request passes access control
// and reaches the engine, which then refuses it only for the deliberately stale version, so that no cell
// changes anything.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuthenticationService, SYSTEM_ACTOR, type Viewer } from '../../libs/access/index.js';
import { CaseEngine } from '../../libs/engine/index.js';
import {
  CASE_EVENT_TYPES,
  EVENT_RULES,
  examplePayloads,
  exampleReferral,
  ORGANISATION_TYPES,
  RELATION_ROLES,
  ROLES,
  type CaseEventType,
  type OrganisationType,
  type Relation,
  type Role,
} from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';

const AMBITO = 'matrice';
let api: TestApi;
const organisations = new Map<OrganisationType, string>();
const clients = new Map<string, { client: ApiClient; userId: string }>();
let memberCase: { id: string; version: number };
let outsiderCase: { id: string; version: number };
let responsabile: { client: ApiClient; userId: string };

async function createUser(role: Role, type: OrganisationType, email: string) {
  const [{ id }] = await api.dataSource.query(
    `INSERT INTO users (email, password_hash, full_name, role, organisation_id)
     VALUES ($1, 'not-used', $2, $3, $4) RETURNING id`,
    [email, `${role} ${type}`, role, organisations.get(type)],
  );
  const { token } = await api.app.get(AuthenticationService).openSession(id, 'bearer', null);
  return { client: new ApiClient(api.anonymous.baseUrl, token), userId: id };
}

beforeAll(async () => {
  api = await startApi();
  for (const type of ORGANISATION_TYPES) {
    const [{ id }] = await api.dataSource.query(
      `INSERT INTO organisations (name, type, ambito) VALUES ($1, $2, $3) RETURNING id`,
      [`Matrice ${type}`, type, AMBITO],
    );
    organisations.set(type, id);
  }
  for (const role of ROLES) {
    for (const type of ORGANISATION_TYPES) {
      clients.set(`${role}/${type}`, await createUser(role, type, `${role}.${type}@matrice.test`));
    }
  }
  responsabile = await createUser('operatore', 'sds', 'responsabile@matrice.test');

  const ref = (type: OrganisationType) => ({
    organisationId: organisations.get(type)!,
    organisationType: type,
  });
  const person = (type: OrganisationType, userId: string) => ({ userId, name: 'R', ...ref(type) });
  const payloads = examplePayloads(
    {
      social: ref('sds'),
      labour: ref('cpi'),
      health: ref('serd'),
      responsabile: person('sds', responsabile.userId),
      assessors: [
        person('sds', clients.get('operatore/sds')!.userId),
        person('cpi', clients.get('operatore/cpi')!.userId),
      ],
    },
    '2026-03-02',
  );
  const engine = api.app.get(CaseEngine);
  const creator: Viewer = {
    userId: clients.get('operatore/ets')!.userId,
    role: 'operatore',
    organisationId: organisations.get('ets')!,
    organisationType: 'ets',
    ambito: AMBITO,
  };
  const drive = async (events: [CaseEventType, unknown][]) => {
    const id = await engine.createCase(
      exampleReferral(),
      { ambito: AMBITO, referringOrganisationId: creator.organisationId },
      creator,
    );
    let version = 1;
    for (const [type, data] of events) {
      version = (await engine.applyEvent(id, { type, data, expectedVersion: version }, SYSTEM_ACTOR)).version;
    }
    return { id, version };
  };
  const everyOrganisation = ORGANISATION_TYPES.map(ref);
  // Every organisation type takes part; the responsabile is a named operator of the SdS.
  memberCase = await drive([
    ['RECORD_CONSENT', { ...payloads.RECORD_CONSENT, authorisedOrganisations: [...organisations.values()] }],
    ['SUBMIT', {}],
    ['ACCEPT', {}],
    ['ASSIGN_ASSESSORS', payloads.ASSIGN_ASSESSORS],
    ['RECORD_DOMAIN_ASSESSMENT', { ...payloads.RECORD_DOMAIN_ASSESSMENT, domain: 'lavoro' }],
    ['RECORD_DOMAIN_ASSESSMENT', { ...payloads.RECORD_DOMAIN_ASSESSMENT, domain: 'casa' }],
    ['COMPLETE_ASSESSMENT', { profilo: 'complesso' }],
    ['SCHEDULE_MEETING', { ...payloads.SCHEDULE_MEETING, participants: everyOrganisation }],
    ['DESIGNATE_RESPONSABILE', payloads.DESIGNATE_RESPONSABILE],
  ]);
  // No organisation takes part yet: accepted, but assessors not assigned.
  outsiderCase = await drive([
    ['RECORD_CONSENT', payloads.RECORD_CONSENT],
    ['SUBMIT', {}],
    ['ACCEPT', {}],
  ]);
}, 120_000);

afterAll(() => api.close());

/** The relations a user has, as the specification states them (not computed by the code under test). */
function relations(
  role: Role,
  type: OrganisationType,
  member: boolean,
  isResponsabile = false,
): Set<Relation> {
  const candidates: Relation[] = [];
  if (type === 'ets') candidates.push('inviante');
  if (member) candidates.push('membro');
  candidates.push('coordinatore');
  if (isResponsabile) candidates.push('responsabile');
  return new Set(
    candidates.filter(
      (relation) =>
        RELATION_ROLES[relation].includes(role) && (relation !== 'coordinatore' || role === 'coordinatore'),
    ),
  );
}

function expectedStatus(held: Set<Relation>, type: CaseEventType): number {
  const seesContent = held.has('membro') || held.has('coordinatore') || held.has('responsabile');
  if (!seesContent && !held.has('inviante')) return 404;
  return EVENT_RULES[type].allowed.some((relation) => held.has(relation)) ? 409 : 403;
}

describe('authorisation matrix', () => {
  it('answers every role × organisation type × membership × event exactly as the rules table says', async () => {
    const payloads = examplePayloads(
      {
        social: { organisationId: organisations.get('sds')!, organisationType: 'sds' },
        labour: { organisationId: organisations.get('cpi')!, organisationType: 'cpi' },
        health: { organisationId: organisations.get('serd')!, organisationType: 'serd' },
        responsabile: {
          userId: responsabile.userId,
          name: 'R',
          organisationId: organisations.get('sds')!,
          organisationType: 'sds',
        },
        assessors: [],
      },
      '2026-03-02',
    );
    payloads.ASSIGN_ASSESSORS = {
      assessors: [
        { userId: 'x', name: 'X', organisationId: organisations.get('sds')!, organisationType: 'sds' },
      ],
    };
    const mismatches: string[] = [];
    let cells = 0;
    const viewers = [
      ...ROLES.flatMap((role) =>
        ORGANISATION_TYPES.map((type) => ({ role, type, ...clients.get(`${role}/${type}`)! })),
      ),
    ];
    for (const [membership, target] of [
      ['member', memberCase],
      ['not a member', outsiderCase],
    ] as const) {
      const before = await api.dataSource.query('SELECT version, snapshot FROM cases WHERE id = $1', [
        target.id,
      ]);
      for (const viewer of viewers) {
        const held = relations(viewer.role, viewer.type, membership === 'member');
        for (const type of CASE_EVENT_TYPES) {
          const response = await viewer.client.post(`/api/cases/${target.id}/events`, {
            type,
            data: payloads[type],
            expectedVersion: target.version - 1,
          });
          const expected = expectedStatus(held, type);
          const code = { 404: 'not_found', 403: 'forbidden', 409: 'version_conflict' }[expected];
          cells += 1;
          if (response.status !== expected || response.body.code !== code) {
            mismatches.push(
              `${viewer.role}/${viewer.type} ${membership} ${type}: ${response.status} ${response.body.code}, expected ${expected}`,
            );
          }
        }
      }
      expect(
        await api.dataSource.query('SELECT version, snapshot FROM cases WHERE id = $1', [target.id]),
      ).toEqual(before);
    }
    const held = relations('operatore', 'sds', true, true);
    for (const type of CASE_EVENT_TYPES) {
      const response = await responsabile.client.post(`/api/cases/${memberCase.id}/events`, {
        type,
        data: payloads[type],
        expectedVersion: memberCase.version - 1,
      });
      cells += 1;
      if (response.status !== expectedStatus(held, type))
        mismatches.push(`responsabile ${type}: ${response.status}`);
    }
    console.log(`Authorisation matrix: ${cells} cells checked over HTTP, ${mismatches.length} mismatches`);
    expect(mismatches).toEqual([]);
    // Some 2,300 requests: allow for a machine busy with other work.
  }, 240_000);

  it('names the rule when an event is forbidden', async () => {
    const response = await clients.get('operatore/cpi')!.client.post(`/api/cases/${memberCase.id}/events`, {
      type: 'CLOSE',
      data: { outcome: { primary: 'abbandono', secondary: [] } },
      expectedVersion: memberCase.version,
    });
    expect(response).toMatchObject({
      status: 403,
      body: { code: 'forbidden', rule: 'chiusura: responsabile del percorso o coordinatore' },
    });
  });

  it('lets an allowed member really act', async () => {
    const response = await clients.get('operatore/uepe')!.client.post(`/api/cases/${memberCase.id}/events`, {
      type: 'RECORD_CONSENT',
      data: { given: true, informedOn: '2026-03-02', authorisedOrganisations: [...organisations.values()] },
      expectedVersion: memberCase.version,
    });
    expect(response.status).toBe(200);
    memberCase.version = response.body.version;
  });
});

describe('who sees a case', () => {
  it('hides a case from everyone without a relation to it, in lists and counts too (404, never 403)', async () => {
    const outsider = clients.get('operatore/uepe')!.client;
    expect((await outsider.get(`/api/cases/${outsiderCase.id}`)).status).toBe(404);
    expect((await outsider.get(`/api/cases/${outsiderCase.id}/history`)).status).toBe(404);
    const listed = (await outsider.get('/api/cases?pageSize=100')).body;
    expect(listed.items.map((item: { id: string }) => item.id)).toEqual([memberCase.id]);
    expect(listed.total).toBe(1);
    for (const role of ['dpo', 'amministratore'] as const) {
      const client = clients.get(`${role}/sds`)!.client;
      expect((await client.get(`/api/cases/${memberCase.id}`)).status).toBe(404);
      expect((await client.get('/api/cases')).body.total).toBe(0);
    }
  });

  it('shows the referring organisation only the status once the case is taken on', async () => {
    const referrer = clients.get('inviante/ets')!.client;
    const view = (await referrer.get(`/api/cases/${outsiderCase.id}`)).body;
    expect(Object.keys(view).sort()).toEqual(
      [
        'access',
        'closed',
        'createdAt',
        'id',
        'outcome',
        'person',
        'phase',
        'state',
        'stateLabel',
        'updatedAt',
        'version',
        // The version of the chart, which draws the path the referrer sees the case on.
        'workflowVersion',
      ].sort(),
    );
    expect(view).toMatchObject({ access: 'status', phase: 'valutazione', person: { initials: 'M. R.' } });
    const listed = (await referrer.get('/api/cases?pageSize=100')).body.items;
    const row = listed.find((item: { id: string }) => item.id === outsiderCase.id);
    expect(row).toMatchObject({ access: 'status', person: { initials: 'M. R.' } });
    const history = (await referrer.get(`/api/cases/${outsiderCase.id}/history`)).body.items;
    expect(history.every((item: object) => !('eventData' in item) && !('actorName' in item))).toBe(true);
  });

  it('shows the coordinators of another ambito nothing', async () => {
    const demoCoordinator = await api.anonymous.as('coordinatore@percorsi.demo');
    expect((await demoCoordinator.get(`/api/cases/${memberCase.id}`)).status).toBe(404);
    const listed = (await demoCoordinator.get('/api/cases?pageSize=100')).body.items;
    expect(listed.map((item: { id: string }) => item.id)).not.toContain(memberCase.id);
  });
});

describe('who sees a person and her other percorsi', () => {
  // Both cases are Mario Rossi's: one person of the ambito with two percorsi. Every organisation type takes
  // part in memberCase, none in outsiderCase, which the ETS referred.
  const personId = async () =>
    (await api.dataSource.query('SELECT person_id FROM cases WHERE id = $1', [memberCase.id]))[0].person_id;

  it('answers every role × organisation type on the person, household and case-link endpoints as the rule says', async () => {
    const id = await personId();
    const failures: string[] = [];
    for (const role of ROLES) {
      for (const type of ORGANISATION_TYPES) {
        const client = clients.get(`${role}/${type}`)!.client;
        // The spec: the coordinator, and the teams of her percorsi (every operator here), know of the person.
        const knows = role === 'coordinatore' || role === 'operatore';
        const seesOutsider =
          role === 'coordinatore' || (type === 'ets' && role !== 'dpo' && role !== 'amministratore');
        const expected = {
          person: knows ? 200 : 404,
          addCode: knows ? 422 : 404,
          household: knows ? 422 : 404,
          rectify: knows ? 422 : 404,
          export: role === 'dpo' ? 422 : 403,
          merge: role === 'coordinatore' ? 422 : 403,
          links: seesOutsider ? 200 : 404,
          listsOther: role === 'coordinatore',
        };
        const links = await client.get(`/api/cases/${outsiderCase.id}/links`);
        const actual = {
          person: (await client.get(`/api/persons/${id}`)).status,
          addCode: (await client.post(`/api/persons/${id}/codice-fiscale`, {})).status,
          household: (await client.post(`/api/persons/${id}/household`, {})).status,
          rectify: (await client.request('PATCH', `/api/persons/${id}`, {})).status,
          export: (await client.post(`/api/persons/${id}/export`, {})).status,
          merge: (await client.post(`/api/persons/${id}/merge`, {})).status,
          links: links.status,
          listsOther: (links.body.otherPercorsi ?? []).some(
            (other: { id: string }) => other.id === memberCase.id,
          ),
        };
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          failures.push(
            `${role}/${type}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('shows a team the percorsi it works, not the ones it only referred', async () => {
    const ets = clients.get('operatore/ets')!.client;
    const links = await ets.get(`/api/cases/${memberCase.id}/links`);
    expect(links.body.otherPercorsi).toEqual([]);
    const coordinator = clients.get('coordinatore/sds')!.client;
    const all = await coordinator.get(`/api/cases/${memberCase.id}/links`);
    expect(all.body.otherPercorsi.map((other: { id: string }) => other.id)).toEqual([outsiderCase.id]);
  });

  it('shows the coordinators of another ambito no person', async () => {
    const demoCoordinator = await api.anonymous.as('coordinatore@percorsi.demo');
    expect((await demoCoordinator.get(`/api/persons/${await personId()}`)).status).toBe(404);
    expect((await demoCoordinator.post(`/api/persons/${await personId()}/merge`, {})).status).toBe(404);
  });
});
