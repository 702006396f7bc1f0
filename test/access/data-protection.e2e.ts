// Protected data categories, the audit log and login hardening, over the real API.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SYSTEM_ACTOR, type Viewer } from '../../libs/access/index.js';
import { CaseEngine } from '../../libs/engine/index.js';
import { exampleReferral, type ExamplePayloads } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { demoPayloads } from '../support/demo-territory.js';

const HEALTH_MARKER = 'MARKER-SALUTE-7f3a';
const JUDICIAL_MARKER = 'MARKER-GIUSTIZIA-91c2';

let api: TestApi;
let payloads: ExamplePayloads;
let caseId: string;
const as: Record<string, ApiClient> = {};

beforeAll(async () => {
  api = await startApi();
  payloads = await demoPayloads(api.dataSource);
  for (const email of ['coordinatore', 'operatore', 'serd', 'uepe', 'cpi', 'dpo', 'inviante']) {
    as[email] = await api.anonymous.as(`${email}@percorsi.demo`);
  }
  const [organisations, users] = await Promise.all([
    api.dataSource.query("SELECT id, type FROM organisations WHERE ambito = 'valdinievole'"),
    api.dataSource.query(
      `SELECT u.id, u.email, o.id AS organisation_id, o.type FROM users u JOIN organisations o ON o.id = u.organisation_id`,
    ),
  ]);
  const org = (type: string) => organisations.find((row: { type: string }) => row.type === type);
  const user = (email: string) => users.find((row: { email: string }) => row.email === email);
  const ref = (type: string) => ({ organisationId: org(type).id, organisationType: type });
  const coordinator = user('coordinatore@percorsi.demo');
  const viewer: Viewer = {
    userId: coordinator.id,
    role: 'coordinatore',
    organisationId: coordinator.organisation_id,
    organisationType: 'sds',
    ambito: 'valdinievole',
  };
  const engine = api.app.get(CaseEngine);
  const referral = exampleReferral({ lastName: 'Protetto' });
  referral.referral.needs = ['lavoro', 'dipendenze', 'giustizia'];
  caseId = await engine.createCase(
    referral,
    { ambito: 'valdinievole', referringOrganisationId: org('ets').id },
    viewer,
  );
  const consent = {
    ...payloads.RECORD_CONSENT,
    authorisedOrganisations: organisations.map((row: { id: string }) => row.id),
  };
  const steps: [string, unknown][] = [
    ['RECORD_CONSENT', consent],
    ['SUBMIT', {}],
    ['ACCEPT', {}],
    ['ASSIGN_ASSESSORS', payloads.ASSIGN_ASSESSORS],
    ['RECORD_DOMAIN_ASSESSMENT', { domain: 'lavoro', needLevel: 'medio', summary: 'Cerca lavoro.' }],
    ['RECORD_DOMAIN_ASSESSMENT', { domain: 'dipendenze', needLevel: 'alto', summary: HEALTH_MARKER }],
    ['RECORD_DOMAIN_ASSESSMENT', { domain: 'giustizia', needLevel: 'medio', summary: JUDICIAL_MARKER }],
    ['COMPLETE_ASSESSMENT', { profilo: 'complesso' }],
    [
      'SCHEDULE_MEETING',
      { ...payloads.SCHEDULE_MEETING, participants: [ref('sds'), ref('cpi'), ref('serd'), ref('uepe')] },
    ],
  ];
  let version = 1;
  for (const [type, data] of steps) {
    version = (await engine.applyEvent(caseId, { type, data, expectedVersion: version }, SYSTEM_ACTOR))
      .version;
  }
});

afterAll(() => api.close());

async function rawBodies(client: ApiClient): Promise<string> {
  const bodies = await Promise.all([
    client.get(`/api/cases/${caseId}`),
    client.get(`/api/cases/${caseId}/history`),
    client.get('/api/cases?text=Protetto'),
  ]);
  return JSON.stringify(bodies.map((response) => response.body));
}

async function auditRows(userEmail: string): Promise<{ fields: string[]; purpose: string }[]> {
  return api.dataSource.query(
    // In the order written: without ORDER BY a scan shared with a concurrent one may start mid-table.
    `SELECT a.fields, a.purpose FROM audit_log a JOIN users u ON u.id = a.user_id WHERE u.email = $1 AND a.case_id = $2
     ORDER BY a.id`,
    [userEmail, caseId],
  );
}

describe('data categories', () => {
  it('never sends health or judicial data to a member outside those services, and says what it withheld', async () => {
    const raw = await rawBodies(as.cpi);
    expect(raw).not.toContain(HEALTH_MARKER);
    expect(raw).not.toContain(JUDICIAL_MARKER);
    expect(raw).not.toContain('dipendenze');
    const view = (await as.cpi.get(`/api/cases/${caseId}`)).body;
    expect(view.withheld).toEqual(
      expect.arrayContaining([
        { field: 'data.assessments', category: 'particolari' },
        { field: 'data.assessments', category: 'giudiziari' },
        { field: 'data.referral.needs', category: 'particolari' },
      ]),
    );
    expect(view.data.assessments.lavoro.summary).toBe('Cerca lavoro.');
  });

  it('keeps the referral in the history without the needs the viewer may not read', async () => {
    const history = (await as.cpi.get(`/api/cases/${caseId}/history`)).body;
    const referral = history.items.find((entry: { seq: number }) => entry.seq === 1);
    expect(referral.eventData.referral.needs).toEqual(['lavoro']);
    expect(referral.eventData.referral.reason).toEqual(expect.any(String));
    expect(history.withheld).toEqual(
      expect.arrayContaining([
        { field: 'history.1.eventData.referral.needs', category: 'particolari' },
        { field: 'history.1.eventData.referral.needs', category: 'giudiziari' },
        { field: 'history.7.eventData', category: 'particolari' },
      ]),
    );
    // The assessment of a protected domain is withheld whole: its text is about that domain.
    expect(history.items.find((entry: { seq: number }) => entry.seq === 7).eventData).toBeNull();
  });

  it('withholds them from the coordinator too, who is not a health or justice service', async () => {
    const raw = await rawBodies(as.coordinatore);
    expect(raw).not.toContain(HEALTH_MARKER);
    expect(raw).not.toContain(JUDICIAL_MARKER);
  });

  it('shows health data to the member Ser.D and judicial data to the member UEPE, each only their own', async () => {
    const serd = await rawBodies(as.serd);
    expect(serd).toContain(HEALTH_MARKER);
    expect(serd).not.toContain(JUDICIAL_MARKER);
    const uepe = await rawBodies(as.uepe);
    expect(uepe).toContain(JUDICIAL_MARKER);
    expect(uepe).not.toContain(HEALTH_MARKER);
  });

  it('shows everything to the responsabile del percorso', async () => {
    const responsabile = payloads.DESIGNATE_RESPONSABILE.responsabile;
    const [{ version }] = await api.dataSource.query('SELECT version FROM cases WHERE id = $1', [caseId]);
    await api.app
      .get(CaseEngine)
      .applyEvent(
        caseId,
        { type: 'DESIGNATE_RESPONSABILE', data: { responsabile }, expectedVersion: version },
        SYSTEM_ACTOR,
      );
    const raw = await rawBodies(as.operatore);
    expect(raw).toContain(HEALTH_MARKER);
    expect(raw).toContain(JUDICIAL_MARKER);
  });
});

describe('audit', () => {
  it('records every read of protected data with who, organisation, fields and purpose', async () => {
    const before = (await auditRows('serd@percorsi.demo')).length;
    await as.serd.request('GET', `/api/cases/${caseId}/history`, undefined, undefined, {
      'x-purpose': 'verifica PaIS',
    });
    const rows = await auditRows('serd@percorsi.demo');
    expect(rows.length).toBe(before + 1);
    // seq 1 (the referral) names the addiction need beside justice, withheld from the Ser.D; seq 7 recorded
    // the addiction assessment; seq 8, the justice one, is withheld whole.
    expect(rows.at(-1)).toEqual({
      fields: ['history.1.eventData', 'history.7.eventData'],
      purpose: 'verifica PaIS',
    });
    expect(await auditRows('cpi@percorsi.demo')).toEqual([]);
  });

  it('lets the DPO search the log and nobody else', async () => {
    const log = await as.dpo.get(`/api/audit?caseId=${caseId}`);
    expect(log.status).toBe(200);
    expect(log.body.total).toBeGreaterThan(0);
    expect(log.body.items[0]).toMatchObject({
      caseId,
      action: 'lettura',
      user: { email: expect.any(String) },
    });
    // What was read, as recorded and in words, in the language asked for.
    const serdRead = log.body.items.find((item: { purpose: string }) => item.purpose === 'verifica PaIS');
    expect(serdRead).toMatchObject({
      fields: ['history.1.eventData', 'history.7.eventData'],
      read: ['Storico (evento 1)', 'Storico (evento 7)'],
    });
    const english = await as.dpo.request('GET', `/api/audit?caseId=${caseId}`, undefined, undefined, {
      'accept-language': 'en',
    });
    expect(
      english.body.items.find((item: { purpose: string }) => item.purpose === 'verifica PaIS').read,
    ).toEqual(['History (event 1)', 'History (event 7)']);
    for (const client of [as.operatore, as.coordinatore, as.serd]) {
      expect((await client.get('/api/audit')).status).toBe(403);
    }
  });

  it('gives the DPO the same search as a CSV a spreadsheet opens, and nobody else', async () => {
    const search = (await as.dpo.get(`/api/audit?caseId=${caseId}&pageSize=200`)).body;
    const response = await as.dpo.fetch(`/api/audit/export.csv?caseId=${caseId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain('registro-accessi.csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Data e ora (ora italiana, Europe/Rome, con scarto da UTC);Utente;E-mail;Ente;Caso;Azione;Dati letti;Motivo;Campi (come registrati)',
    );
    expect(lines).toHaveLength(search.total + 1);
    // The newest first, as on the screen, with the reader's name and the purpose they gave; the time as a
    // clock in Italy showed it, with its offset; what was read in words, then as recorded.
    const newest = search.items[0];
    expect(lines[1]).toContain(`;${newest.user.email};`);
    expect(lines[1]).toContain(`;${caseId};Lettura;`);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0[12]:00;/);
    expect(lines[1]).not.toMatch(/\dZ/);
    expect(text).toContain('verifica PaIS');
    expect(text).toContain(
      ';Storico (evento 1), Storico (evento 7);verifica PaIS;history.1.eventData history.7.eventData',
    );
    // In English when asked so.
    const english = await as.dpo.fetch(`/api/audit/export.csv?caseId=${caseId}`, {
      headers: { 'accept-language': 'en' },
    });
    const englishText = await english.text();
    expect(englishText).toContain('Date and time (Italian time, Europe/Rome, with offset from UTC);User;');
    expect(englishText).toContain(';Read;History (event 1), History (event 7);verifica PaIS;');
    for (const client of [as.operatore, as.coordinatore, as.serd]) {
      expect((await client.fetch('/api/audit/export.csv')).status).toBe(403);
    }
    expect((await as.dpo.fetch('/api/audit/export.csv?caseId=not-a-case')).status).toBe(422);
  });

  it('cannot be edited or deleted, not even with SQL', async () => {
    await expect(api.dataSource.query('UPDATE audit_log SET purpose = $1', ['x'])).rejects.toThrow(
      'append-only',
    );
    await expect(api.dataSource.query('DELETE FROM audit_log')).rejects.toThrow('append-only');
  });
});

describe('hardening', () => {
  it('locks an account after five wrong passwords, even for the right one', async () => {
    const attempt = (password: string) =>
      api.anonymous.post('/api/auth/login', { email: 'casa@percorsi.demo', password });
    for (let i = 0; i < 5; i++) expect((await attempt('indovina')).status).toBe(401);
    const locked = await attempt('percorsi-demo');
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('too_many_requests');
  });

  it('throttles a client that keeps guessing', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      statuses.push(
        (await api.anonymous.post('/api/auth/login', { email: `x${i}@nowhere.test`, password: 'x' })).status,
      );
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(20);
  });

  it('sends security headers, no CORS permission and no stack trace', async () => {
    const response = await fetch(`${api.anonymous.baseUrl}/api/workflow`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('x-powered-by')).toBeNull();
    const text = await (
      await fetch(`${api.anonymous.baseUrl}/api/cases`, { method: 'POST', body: '{' })
    ).text();
    expect(text).not.toMatch(/at .*\.(js|ts):\d+|SELECT|INSERT/);
  });
});
