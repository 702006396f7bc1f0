// The resource map over HTTP: each ambito's own catalogue, kept by its coordinatore and amministratore,
// validated field by field, linked from a PaIS action (beside free text), with "where used" and the use
// per resource; a resource in use cannot be removed, a stale edit is a conflict.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleReferral, happyPath } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { demoPayloads } from '../support/demo-territory.js';

let api: TestApi;
let coordinator: ApiClient;
let admin: ApiClient;
let operator: ApiClient;
let lucca: ApiClient;
let owner: string;

beforeAll(async () => {
  api = await startApi();
  coordinator = await api.anonymous.as('coordinatore@percorsi.demo');
  admin = await api.anonymous.as('admin@percorsi.demo');
  operator = await api.anonymous.as('operatore@percorsi.demo');
  lucca = await api.anonymous.as('coordinatore.lucca@percorsi.demo');
  [{ id: owner }] = await api.dataSource.query(
    `SELECT id FROM organisations WHERE ambito = 'valdinievole' AND type = 'cpi'`,
  );
});

afterAll(() => api.close());

const fields = (response: { body: { fields?: { field: string }[] } }) =>
  (response.body.fields ?? []).map((problem) => problem.field).sort();

const company = () => ({
  kind: 'azienda',
  name: 'Officine Meccaniche Buggiano (tirocini)',
  description: 'Disponibile a due tirocini di inclusione all’anno.',
  ownerOrganisationId: owner,
  places: 2,
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  contact: 'Ufficio personale, 0572 111111',
});

describe('the resource map', () => {
  it('is kept by the coordinatore and the amministratore, read by the operators, of one ambito only', async () => {
    const created = await coordinator.post('/api/resources', company());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ambito: 'valdinievole',
      kind: 'azienda',
      places: 2,
      owner: { organisationId: owner },
      version: 1,
      updatedBy: { name: 'Laura Neri' },
      use: { cases: 0, open: 0 },
    });
    const id = created.body.id;
    const byAdmin = await admin.request('PUT', `/api/resources/${id}`, {
      resource: { ...company(), places: 3 },
      expectedVersion: 1,
    });
    expect(byAdmin).toMatchObject({
      status: 200,
      body: { places: 3, version: 2, updatedBy: { name: 'Sara Rosa' } },
    });

    expect((await operator.get(`/api/resources/${id}`)).body.places).toBe(3);
    expect(
      (await operator.get('/api/resources?kind=azienda')).body.items.map((r: { id: string }) => r.id),
    ).toContain(id);
    expect(await operator.post('/api/resources', company())).toMatchObject({
      status: 403,
      body: { code: 'forbidden' },
    });

    // The other ambito neither sees nor touches it, and its own map holds only its resources.
    expect((await lucca.get(`/api/resources/${id}`)).status).toBe(404);
    expect(
      (await lucca.request('PUT', `/api/resources/${id}`, { resource: company(), expectedVersion: 2 }))
        .status,
    ).toBe(404);
    const theirs = (await lucca.get('/api/resources')).body;
    expect(theirs.ambito).toBe('piana_di_lucca');
    expect(theirs.items.length).toBeGreaterThan(0);
    expect(theirs.items.every((resource: { ambito: string }) => resource.ambito === 'piana_di_lucca')).toBe(
      true,
    );
    expect((await lucca.post('/api/resources', company())).body.fields).toEqual([
      { field: 'ownerOrganisationId', reason: 'names no organisation of your ambito' },
    ]);

    const stale = await coordinator.request('PUT', `/api/resources/${id}`, {
      resource: { ...company(), places: 9 },
      expectedVersion: 1,
    });
    expect(stale).toMatchObject({ status: 409, body: { code: 'version_conflict', currentVersion: 2 } });

    expect((await coordinator.request('DELETE', `/api/resources/${id}`)).status).toBe(204);
    expect((await coordinator.get(`/api/resources/${id}`)).status).toBe(404);
  });

  it('names every wrong field and saves nothing', async () => {
    const before = (await coordinator.get('/api/resources')).body.items.length;
    const refused = await coordinator.post('/api/resources', {
      ...company(),
      kind: 'miniera',
      name: 'X',
      places: -1,
      validFrom: '0000-01-01',
      contact: '',
      colour: 'blu',
    });
    expect(refused.status).toBe(422);
    expect(fields(refused)).toEqual(['colour', 'contact', 'kind', 'name', 'places', 'validFrom']);
    expect(fields(await coordinator.post('/api/resources', { ...company(), validTo: '2025-12-31' }))).toEqual(
      ['validTo'],
    );
    expect((await coordinator.get('/api/resources?validOn=2026-13-01')).status).toBe(422);
    expect((await coordinator.get('/api/resources')).body.items.length).toBe(before);
  });

  it('links a resource from a PaIS action, beside free text, and shows where it is used', async () => {
    const resource = (await coordinator.post('/api/resources', company())).body;
    const [foreign] = (await lucca.get('/api/resources')).body.items;
    const payloads = await demoPayloads(api.dataSource);
    const caseId = (await coordinator.post('/api/cases', exampleReferral({ lastName: 'Risorse' }))).body.id;
    for (const step of happyPath(payloads).slice(0, 9)) await coordinator.send(caseId, step.type, step.data);
    const plan = payloads.UPDATE_PLAN;
    const action = { ...plan.actions[0], resources: ['Borsa lavoro comunale'], resourceIds: [resource.id] };

    const current = (await coordinator.get(`/api/cases/${caseId}`)).body;
    const wrong = await coordinator.post(`/api/cases/${caseId}/events`, {
      type: 'UPDATE_PLAN',
      data: { ...plan, actions: [{ ...action, resourceIds: [resource.id, foreign.id] }] },
      expectedVersion: current.version,
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.fields).toEqual([
      { field: 'data.actions.0.resourceIds.1', reason: 'names no resource of the ambito’s resource map' },
    ]);

    const saved = await coordinator.send(caseId, 'UPDATE_PLAN', { ...plan, actions: [action] });
    expect(saved.data.plan.actions[0]).toMatchObject({
      resources: ['Borsa lavoro comunale'],
      resourceIds: [resource.id],
    });

    const uses = (await coordinator.get(`/api/resources/${resource.id}/uses`)).body;
    expect(uses.cases).toEqual([
      {
        caseId,
        state: 'pais.in_redazione',
        actions: [{ actionId: action.id, description: action.description }],
      },
    ]);
    expect((await coordinator.get(`/api/resources/${resource.id}`)).body.use).toEqual({ cases: 1, open: 1 });
    expect((await operator.get(`/api/resources/${resource.id}/uses`)).status).toBe(403);

    const inUse = await coordinator.request('DELETE', `/api/resources/${resource.id}`);
    expect(inUse).toMatchObject({ status: 409, body: { code: 'in_use', cases: 1 } });
  });
});
