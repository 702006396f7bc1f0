// Documents on a case over HTTP against the real PostgreSQL: the type read from the bytes, the size limit,
// the data category deciding who gets the bytes, the audit of sensitive downloads, and the signed forms
// RECORD_CONSENT and SIGN point at.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { systemClock } from '../../libs/common/index.js';
import { exampleReferral, type ExamplePayloads } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { demoPayloads, toConvenedEquipe } from '../support/demo-territory.js';

const LIMIT = 4096;
/** A one-page PDF as scanners write them: the header is what identifies the type. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
);
/** The PNG signature and an IHDR chunk: a 1×1 image as far as type detection goes. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4a20000000049454e44ae426082',
  'hex',
);

let api: TestApi;
let coordinator: ApiClient;
let serd: ApiClient;
let inviante: ApiClient;
let outsider: ApiClient;
let dpo: ApiClient;
let payloads: ExamplePayloads;
let caseId: string;

function upload(
  client: ApiClient,
  content: Buffer,
  {
    type = 'application/pdf',
    name = 'consenso firmato.pdf',
    kind = 'consenso',
    category = 'comuni',
    onCase = caseId,
  } = {},
) {
  const form = new FormData();
  form.set('kind', kind);
  form.set('category', category);
  form.set('file', new Blob([new Uint8Array(content)], { type }), name);
  return client.fetch(`/api/cases/${onCase}/documents`, { method: 'POST', body: form });
}

beforeAll(async () => {
  api = await startApi(systemClock, { DOCUMENT_MAX_BYTES: String(LIMIT) });
  coordinator = await api.anonymous.as('coordinatore@percorsi.demo');
  serd = await api.anonymous.as('serd@percorsi.demo');
  inviante = await api.anonymous.as('inviante@percorsi.demo');
  outsider = await api.anonymous.as('coordinatore.lucca@percorsi.demo');
  dpo = await api.anonymous.as('dpo@percorsi.demo');
  payloads = await demoPayloads(api.dataSource, new Date().toISOString().slice(0, 10));
  caseId = (await inviante.post('/api/cases', exampleReferral())).body.id;
  await inviante.send(caseId, 'RECORD_CONSENT', payloads.RECORD_CONSENT);
  await inviante.send(caseId, 'SUBMIT');
  // Ser.D is convened: it takes part in the case from here on.
  for (const [type, data] of toConvenedEquipe(payloads)) await coordinator.send(caseId, type, data);
});

afterAll(() => api.close());

const json = (response: Response): Promise<any> => response.json();

describe('documents on a case', () => {
  it('files a document whose content is its claimed type, and gives the same bytes back', async () => {
    const response = await upload(coordinator, PDF);
    expect(response.status).toBe(201);
    const filed = await json(response);
    expect(filed).toMatchObject({
      kind: 'consenso',
      category: 'comuni',
      filename: 'consenso firmato.pdf',
      mediaType: 'application/pdf',
      size: PDF.length,
      uploadedBy: { name: expect.any(String) },
    });
    const download = await serd.fetch(`/api/cases/${caseId}/documents/${filed.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''consenso%20firmato.pdf");
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
  });

  it('refuses with 422 naming the file a content that is not what it claims, or not a document at all', async () => {
    const before = (await coordinator.get(`/api/cases/${caseId}/documents`)).body.items.length;
    const disguised = await upload(coordinator, PNG, {
      type: 'application/pdf',
      name: 'isee.pdf',
      kind: 'isee',
    });
    expect(disguised.status).toBe(422);
    expect((await json(disguised)).fields).toEqual([
      { field: 'file', reason: expect.stringContaining('image/png') },
    ]);
    const script = await upload(coordinator, Buffer.from('#!/bin/sh\nrm -rf /\n'), { name: 'isee.pdf' });
    expect(script.status).toBe(422);
    expect((await json(script)).fields[0].field).toBe('file');
    const badKind = await upload(coordinator, PDF, { kind: 'fattura' });
    expect(badKind.status).toBe(422);
    expect((await json(badKind)).fields[0].field).toBe('kind');
    expect((await coordinator.get(`/api/cases/${caseId}/documents`)).body.items).toHaveLength(before);
  });

  it('refuses a file over the limit with 413, storing nothing', async () => {
    const large = Buffer.concat([PDF, Buffer.alloc(LIMIT)]);
    const response = await upload(coordinator, large);
    expect(response.status).toBe(413);
    expect((await json(response)).code).toBe('payload_too_large');
  });

  it('gives a health document only to health staff and the responsabile, lists it as withheld to others, and audits its download', async () => {
    const coordinatorMayNot = await upload(coordinator, PDF, {
      category: 'particolari',
      kind: 'certificato',
    });
    expect(coordinatorMayNot.status).toBe(403);
    const response = await upload(serd, PDF, {
      category: 'particolari',
      kind: 'certificato',
      name: 'diagnosi.pdf',
    });
    expect(response.status).toBe(201);
    const { id } = await json(response);

    const listed = (await coordinator.get(`/api/cases/${caseId}/documents`)).body.items;
    expect(listed).toContainEqual({ id, category: 'particolari', withheld: true });
    expect(JSON.stringify(listed)).not.toContain('diagnosi');
    const refused = await coordinator.fetch(`/api/cases/${caseId}/documents/${id}`);
    expect(refused.status).toBe(403);
    expect(Buffer.from(await refused.arrayBuffer()).includes(PDF)).toBe(false);

    const read = await serd.fetch(`/api/cases/${caseId}/documents/${id}`, {
      headers: { 'x-purpose': 'preparazione equipe' },
    });
    expect(read.status).toBe(200);
    const audit = (await dpo.get(`/api/audit?caseId=${caseId}`)).body.items;
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'lettura',
        fields: [`documents.${id}`],
        purpose: 'preparazione equipe',
        user: expect.objectContaining({ email: 'serd@percorsi.demo' }),
      }),
    );
    // A document of common data is not audited.
    expect(
      audit.filter((entry: { fields: string[] }) => entry.fields[0]?.startsWith('documents.')),
    ).toHaveLength(1);
  });

  it('shows nothing to whoever sees only the status of the case, or not the case at all', async () => {
    const { items } = (await coordinator.get(`/api/cases/${caseId}/documents`)).body;
    const first = items.find((item: { withheld?: boolean }) => !item.withheld);
    expect((await inviante.get(`/api/cases/${caseId}/documents`)).status).toBe(403);
    expect((await inviante.fetch(`/api/cases/${caseId}/documents/${first.id}`)).status).toBe(403);
    expect((await upload(inviante, PDF)).status).toBe(403);
    expect((await outsider.get(`/api/cases/${caseId}/documents`)).status).toBe(404);
    expect((await outsider.fetch(`/api/cases/${caseId}/documents/${first.id}`)).status).toBe(404);
    expect((await coordinator.fetch(`/api/cases/${caseId}/documents/not-a-uuid`)).status).toBe(404);
  });
});

describe('the signed form an event points at', () => {
  const filed = async (client: ApiClient, options: Parameters<typeof upload>[2]) => {
    const response = await upload(client, PDF, options);
    expect(response.status).toBe(201);
    return (await json(response)).id as string;
  };
  /** The event refused with 422 naming data.documentId, and the case left as it was. */
  const refused = async (type: string, data: unknown, reason: string | RegExp) => {
    const before = (await coordinator.get(`/api/cases/${caseId}`)).body;
    const response = await coordinator.post(`/api/cases/${caseId}/events`, {
      type,
      data,
      expectedVersion: before.version,
    });
    expect(response.status).toBe(422);
    expect(response.body.fields).toEqual([
      { field: 'data.documentId', reason: expect.stringMatching(reason) },
    ]);
    expect((await coordinator.get(`/api/cases/${caseId}`)).body.version).toBe(before.version);
  };

  it('records the consent with its signed form, refusing another case’s, another kind, or one the user does not read', async () => {
    const otherCase = (await inviante.post('/api/cases', exampleReferral({ lastName: 'Altrocaso' }))).body.id;
    const foreign = await filed(inviante, { kind: 'consenso', onCase: otherCase });
    const isee = await filed(coordinator, { kind: 'isee', name: 'isee.pdf' });
    const healthConsent = await filed(serd, { kind: 'consenso', category: 'particolari' });
    const consent = await filed(coordinator, { kind: 'consenso', name: 'consenso 2026.pdf' });
    const data = (documentId: string) => ({ ...payloads.RECORD_CONSENT, documentId });

    await refused('RECORD_CONSENT', data(foreign), 'names no document of this case');
    await refused(
      'RECORD_CONSENT',
      data('6f1c1e4e-8f43-4d6c-9b0e-0b7d3c7a2f10'),
      'names no document of this case',
    );
    await refused('RECORD_CONSENT', data(isee), 'names a document of kind isee, not consenso');
    await refused('RECORD_CONSENT', data(healthConsent), /category particolari, which you do not read/);
    await refused('RECORD_CONSENT', data('not-a-uuid'), /uuid/i);

    const view = await coordinator.send(caseId, 'RECORD_CONSENT', data(consent));
    expect(view.data.consent).toMatchObject({ given: true, documentId: consent });
    // Health staff read the health-category form, so they may name it.
    expect((await serd.send(caseId, 'RECORD_CONSENT', data(healthConsent))).data.consent.documentId).toBe(
      healthConsent,
    );
  });

  it('records the signature with the signed PaIS, and only a document of that kind', async () => {
    for (const type of ['RECORD_MEETING', 'UPDATE_PLAN', 'SUBMIT_FOR_SIGNATURE'] as const) {
      await coordinator.send(caseId, type, payloads[type]);
    }
    const consent = await filed(coordinator, { kind: 'consenso' });
    await refused(
      'SIGN',
      { ...payloads.SIGN, documentId: consent },
      'names a document of kind consenso, not pais_firmato',
    );
    const signed = await filed(coordinator, { kind: 'pais_firmato', name: 'PaIS firmato.pdf' });
    const view = await coordinator.send(caseId, 'SIGN', { ...payloads.SIGN, documentId: signed });
    expect(view.phase).toBe('monitoraggio');
    expect(view.data.plan).toMatchObject({ signedOn: payloads.SIGN.signedOn, signedDocumentId: signed });
  });
});
