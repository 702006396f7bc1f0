// The diary of a case over HTTP against the real database: members write dated entries; a category the
// reader may not read is withheld and its reads audited; an edit keeps the earlier text; stale and racing
// edits are told; the referring service and outsiders are kept out.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleReferral, happyPath } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { demoPayloads } from '../support/demo-territory.js';

let api: TestApi;
let caseId: string;
const as: Record<string, ApiClient> = {};

beforeAll(async () => {
  api = await startApi();
  for (const name of ['coordinatore', 'operatore', 'cpi', 'serd', 'inviante', 'uepe'])
    as[name] = await api.anonymous.as(`${name}@percorsi.demo`);
  const created = await as.inviante.post('/api/cases', exampleReferral({ lastName: 'Diario' }));
  caseId = created.body.id;
  // Up to the convened equipe: the SdS and the CPI assess, the Ser.D is convened.
  for (const step of happyPath(await demoPayloads(api.dataSource)).slice(0, 8)) {
    const client = ['RECORD_CONSENT', 'SUBMIT'].includes(step.type) ? as.inviante : as.coordinatore;
    await client.send(caseId, step.type, step.data);
  }
});

afterAll(() => api.close());

const diary = (client: ApiClient) => client.get(`/api/cases/${caseId}/diary`);
const add = (client: ApiClient, entry: object) => client.post(`/api/cases/${caseId}/diary`, entry);
const edit = (client: ApiClient, entryId: string, entry: object, expectedVersion: number) =>
  client.request('PUT', `/api/cases/${caseId}/diary/${entryId}`, { entry, expectedVersion });

describe('the diary of a case', () => {
  it('lets a member write a dated entry that every member reads, newest day first', async () => {
    const first = await add(as.operatore, { occurredOn: '2026-02-27', text: 'Colloquio telefonico.' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      occurredOn: '2026-02-27',
      category: 'comuni',
      text: 'Colloquio telefonico.',
      version: 1,
      edited: false,
      author: { name: 'Giulia Bianchi' },
    });
    await add(as.cpi, { occurredOn: '2026-03-01', text: 'Iscritta al programma GOL.' });
    const listed = (await diary(as.coordinatore)).body.items;
    expect(listed.map((entry: { text: string }) => entry.text)).toEqual([
      'Iscritta al programma GOL.',
      'Colloquio telefonico.',
    ]);
  });

  it('refuses a day after today and a category the writer does not read, naming the field', async () => {
    const future = await add(as.operatore, { occurredOn: '2026-03-03', text: 'Domani.' });
    expect(future).toMatchObject({
      status: 422,
      body: { fields: [{ field: 'occurredOn', reason: 'is after today: it dates something already done' }] },
    });
    const health = await add(as.cpi, { occurredOn: '2026-03-02', category: 'particolari', text: 'Salute.' });
    expect(health.status).toBe(422);
    expect(health.body.fields[0].field).toBe('category');
    expect((await add(as.operatore, { occurredOn: '2026-03-02', text: '' })).body.fields[0].field).toBe(
      'text',
    );
  });

  it('withholds a health entry from those who do not read health data, and audits those who do', async () => {
    const written = await add(as.serd, {
      occurredOn: '2026-03-02',
      category: 'particolari',
      text: 'MARKER-DIARIO-SALUTE: in carico al Ser.D.',
    });
    expect(written.status).toBe(201);
    const forCpi = (await diary(as.cpi)).body.items.find(
      (entry: { id: string }) => entry.id === written.body.id,
    );
    expect(forCpi).toEqual({
      id: written.body.id,
      occurredOn: '2026-03-02',
      category: 'particolari',
      withheld: true,
    });
    expect(JSON.stringify((await diary(as.coordinatore)).body)).not.toContain('MARKER-DIARIO-SALUTE');
    const versions = await as.cpi.get(`/api/cases/${caseId}/diary/${written.body.id}/versions`);
    expect(versions.status).toBe(403);

    const before = await api.dataSource.query(
      'SELECT count(*)::int AS n FROM audit_log WHERE case_id = $1 AND $2 = ANY(fields)',
      [caseId, `diary.${written.body.id}`],
    );
    const forSerd = await as.serd.request('GET', `/api/cases/${caseId}/diary`, undefined, undefined, {
      'X-Purpose': 'presa in carico sanitaria',
    });
    expect(JSON.stringify(forSerd.body)).toContain('MARKER-DIARIO-SALUTE');
    const audited = await api.dataSource.query(
      `SELECT u.email, a.purpose FROM audit_log a JOIN users u ON u.id = a.user_id
       WHERE a.case_id = $1 AND $2 = ANY(a.fields) ORDER BY a.id`,
      [caseId, `diary.${written.body.id}`],
    );
    expect(audited.length).toBe(before[0].n + 1);
    expect(audited.at(-1)).toEqual({ email: 'serd@percorsi.demo', purpose: 'presa in carico sanitaria' });
  });

  it('keeps the earlier text when the author edits, and lets nobody else edit', async () => {
    const entry = (await add(as.operatore, { occurredOn: '2026-03-02', text: 'Visita domiciliare.' })).body;
    const changed = await edit(
      as.operatore,
      entry.id,
      { occurredOn: '2026-03-01', text: 'Visita domiciliare, con la sorella.' },
      1,
    );
    expect(changed).toMatchObject({
      status: 200,
      body: { version: 2, edited: true, occurredOn: '2026-03-01' },
    });
    const versions = (await as.coordinatore.get(`/api/cases/${caseId}/diary/${entry.id}/versions`)).body
      .items;
    expect(versions.map((version: { text: string }) => version.text)).toEqual([
      'Visita domiciliare.',
      'Visita domiciliare, con la sorella.',
    ]);
    expect((await edit(as.cpi, entry.id, { occurredOn: '2026-03-01', text: 'Altro.' }, 2)).status).toBe(403);
    const stale = await edit(as.operatore, entry.id, { occurredOn: '2026-03-01', text: 'Vecchia.' }, 1);
    expect(stale).toMatchObject({ status: 409, body: { code: 'version_conflict', currentVersion: 2 } });
    await expect(
      api.dataSource.query("UPDATE diary_versions SET body = 'cancellato' WHERE entry_id = $1", [entry.id]),
    ).rejects.toThrow('append-only');
  });

  it('lets exactly one of two racing edits of the same version win', async () => {
    const entry = (await add(as.operatore, { occurredOn: '2026-03-02', text: 'Prima stesura.' })).body;
    const results = await Promise.all(
      ['Versione A.', 'Versione B.'].map((text) =>
        edit(as.operatore, entry.id, { occurredOn: '2026-03-02', text }, 1),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    const versions = (await as.operatore.get(`/api/cases/${caseId}/diary/${entry.id}/versions`)).body.items;
    expect(versions).toHaveLength(2);
  });

  it('keeps the referring service (403) and outsiders (404) out', async () => {
    expect((await diary(as.inviante)).status).toBe(403);
    expect((await add(as.inviante, { occurredOn: '2026-03-02', text: 'Nota.' })).status).toBe(403);
    expect((await diary(as.uepe)).status).toBe(404);
  });
});
