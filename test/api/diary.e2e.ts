// The diary of the percorso over HTTP against the real PostgreSQL: dated entries with a data category,
// read under the category rule (withheld entries say so) and audited when protected, edits that keep the
// earlier text, one of two racing edits winning.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { systemClock } from '../../libs/common/index.js';
import { exampleReferral, type ExamplePayloads } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { demoPayloads } from '../support/demo-territory.js';

let api: TestApi;
let coordinator: ApiClient;
let serd: ApiClient;
let cpi: ApiClient;
let inviante: ApiClient;
let outsider: ApiClient;
let dpo: ApiClient;
let payloads: ExamplePayloads;
let caseId: string;

beforeAll(async () => {
  api = await startApi(systemClock);
  coordinator = await api.anonymous.as('coordinatore@percorsi.demo');
  serd = await api.anonymous.as('serd@percorsi.demo');
  cpi = await api.anonymous.as('cpi@percorsi.demo');
  inviante = await api.anonymous.as('inviante@percorsi.demo');
  outsider = await api.anonymous.as('coordinatore.lucca@percorsi.demo');
  dpo = await api.anonymous.as('dpo@percorsi.demo');
  payloads = await demoPayloads(api.dataSource, new Date().toISOString().slice(0, 10));
  caseId = (await inviante.post('/api/cases', exampleReferral())).body.id;
  await inviante.send(caseId, 'RECORD_CONSENT', payloads.RECORD_CONSENT);
  await inviante.send(caseId, 'SUBMIT');
  for (const [type, data] of [
    ['ACCEPT', {}],
    ['ASSIGN_ASSESSORS', payloads.ASSIGN_ASSESSORS],
    ['RECORD_DOMAIN_ASSESSMENT', { ...payloads.RECORD_DOMAIN_ASSESSMENT, domain: 'lavoro' }],
    ['RECORD_DOMAIN_ASSESSMENT', { ...payloads.RECORD_DOMAIN_ASSESSMENT, domain: 'casa' }],
    ['COMPLETE_ASSESSMENT', payloads.COMPLETE_ASSESSMENT],
    ['SCHEDULE_MEETING', payloads.SCHEDULE_MEETING],
  ] as const) {
    await coordinator.send(caseId, type, data);
  }
});

afterAll(() => api.close());

const diary = (client: ApiClient) => client.get(`/api/cases/${caseId}/diary`);

describe('the diary of the percorso', () => {
  it('keeps dated entries, newest day first, with their author', async () => {
    const first = await cpi.post(`/api/cases/${caseId}/diary`, {
      date: '2026-11-30',
      category: 'comuni',
      text: 'Colloquio al CPI: disponibile a un tirocinio.',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      version: 1,
      date: '2026-11-30',
      author: { name: expect.any(String) },
    });
    await coordinator.post(`/api/cases/${caseId}/diary`, {
      date: '2026-12-02',
      category: 'comuni',
      text: 'Telefonata con la persona: conferma la presenza in equipe.',
    });
    const items = (await diary(serd)).body.items;
    expect(items.map((item: { date: string }) => item.date)).toEqual(['2026-12-02', '2026-11-30']);
  });

  it('refuses a bad entry with 422 naming the field, saving nothing', async () => {
    const before = (await diary(coordinator)).body.items.length;
    const bad = await coordinator.post(`/api/cases/${caseId}/diary`, {
      date: '2026-13-40',
      category: 'segreti',
      text: '   ',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.fields.map((field: { field: string }) => field.field).sort()).toEqual([
      'category',
      'date',
      'text',
    ]);
    expect((await diary(coordinator)).body.items).toHaveLength(before);
  });

  it('keeps the earlier text when the author edits, lets only the author edit, and one of two racing edits win', async () => {
    const written = (
      await cpi.post(`/api/cases/${caseId}/diary`, {
        date: '2026-12-03',
        category: 'comuni',
        text: 'Prima stesura.',
      })
    ).body;
    const edited = await cpi.request('PUT', `/api/cases/${caseId}/diary/${written.id}`, {
      text: 'Seconda stesura.',
      expectedVersion: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      version: 2,
      text: 'Seconda stesura.',
      earlier: [{ version: 1, text: 'Prima stesura.' }],
    });
    const notAuthor = await coordinator.request('PUT', `/api/cases/${caseId}/diary/${written.id}`, {
      text: 'Riscritto da altri.',
      expectedVersion: 2,
    });
    expect(notAuthor.status).toBe(403);
    const race = await Promise.all(
      ['Terza A.', 'Terza B.'].map((text) =>
        cpi.request('PUT', `/api/cases/${caseId}/diary/${written.id}`, { text, expectedVersion: 2 }),
      ),
    );
    expect(race.map((response) => response.status).sort()).toEqual([200, 409]);
    const kept = (await diary(cpi)).body.items.find((item: { id: string }) => item.id === written.id);
    expect(kept.version).toBe(3);
    expect(kept.earlier.map((version: { text: string }) => version.text)).toEqual([
      'Prima stesura.',
      'Seconda stesura.',
    ]);
    // The database itself refuses to rewrite a version.
    await expect(
      api.dataSource.query("UPDATE case_diary_versions SET text = 'x' WHERE entry_id = $1", [written.id]),
    ).rejects.toThrow(/earlier text is kept/);
  });

  it('shows a health entry only to health staff and the responsabile, withheld to others, and audits its reading', async () => {
    expect(
      (
        await coordinator.post(`/api/cases/${caseId}/diary`, {
          date: '2026-12-04',
          category: 'particolari',
          text: 'x',
        })
      ).status,
    ).toBe(403);
    const health = (
      await serd.post(`/api/cases/${caseId}/diary`, {
        date: '2026-12-04',
        category: 'particolari',
        text: 'Terapia sostitutiva in corso.',
      })
    ).body;
    const seenByCoordinator = (await diary(coordinator)).body.items;
    expect(seenByCoordinator).toContainEqual({
      id: health.id,
      date: '2026-12-04',
      category: 'particolari',
      withheld: true,
    });
    expect(JSON.stringify(seenByCoordinator)).not.toContain('Terapia');
    const seenBySerd = (
      await serd.request('GET', `/api/cases/${caseId}/diary`, undefined, undefined, {
        'x-purpose': 'preparazione equipe',
      })
    ).body.items;
    expect(seenBySerd).toContainEqual(
      expect.objectContaining({ id: health.id, text: 'Terapia sostitutiva in corso.' }),
    );
    const audit = (await dpo.get(`/api/audit?caseId=${caseId}`)).body.items;
    expect(audit).toContainEqual(
      expect.objectContaining({
        fields: [`diary.${health.id}`],
        purpose: 'preparazione equipe',
        user: expect.objectContaining({ email: 'serd@percorsi.demo' }),
      }),
    );
  });

  it('shows nothing to the referring service after triage, nor to another ambito', async () => {
    expect((await diary(inviante)).status).toBe(403);
    expect(
      (
        await inviante.post(`/api/cases/${caseId}/diary`, {
          date: '2026-12-04',
          category: 'comuni',
          text: 'x',
        })
      ).status,
    ).toBe(403);
    expect((await diary(outsider)).status).toBe(404);
  });
});
