// The case's documents as a recipient reads them: the encrypted case file opened with 7-Zip (Debian's
// p7zip-full) and both PDFs rendered to text with pdftotext (poppler-utils).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SYSTEM_ACTOR } from '../../libs/access/index.js';
import { CaseEngine } from '../../libs/engine/index.js';
import { exampleReferral } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { demoPayloads } from '../support/demo-territory.js';

const HEALTH_MARKER = 'MARKER-EXPORT-SALUTE';
const PASSWORD = 'una-password-davvero-lunga';
/** Born on another day than the demo's Ștefan Öztürk, whose codice fiscale the same names would give. */
const PERSON = { firstName: 'Ștefan Łukasz', lastName: 'Öztürk', birthDate: '1991-05-17' };
const LONG_MINUTES =
  'L’equipe concorda un tirocinio di sei mesi presso un’azienda del territorio, un sostegno abitativo ' +
  'con il Comune e colloqui mensili di verifica con il Centro per l’Impiego; la persona condivide il percorso.';
let api: TestApi;
let caseId: string;
const as: Record<string, ApiClient> = {};

beforeAll(async () => {
  api = await startApi();
  for (const name of ['coordinatore', 'serd', 'cpi', 'inviante', 'uepe'])
    as[name] = await api.anonymous.as(`${name}@percorsi.demo`);
  const payloads = await demoPayloads(api.dataSource);
  const created = await as.coordinatore.post('/api/cases', exampleReferral(PERSON));
  caseId = created.body.id;
  const organisations: { id: string; type: string }[] = await api.dataSource.query(
    "SELECT id, type FROM organisations WHERE ambito = 'valdinievole'",
  );
  const ref = (type: string) => ({
    organisationId: organisations.find((o) => o.type === type)!.id,
    organisationType: type,
  });
  const referral = { needs: ['lavoro', 'casa', 'salute'] };
  // The signed consent form, filed as the upload records it (test/api/documents.e2e.ts files real ones).
  const [{ id: consentForm }] = await api.dataSource.query(
    `INSERT INTO case_documents (id, case_id, kind, category, filename, media_type, size, sha256, uploaded_by, uploaded_at)
     SELECT gen_random_uuid(), $1, 'consenso', 'comuni', 'consenso.pdf', 'application/pdf', 4, 'x', id, now()
     FROM users WHERE email = 'coordinatore@percorsi.demo' RETURNING id`,
    [caseId],
  );
  const steps: [string, unknown][] = [
    ['UPDATE_REFERRAL', referral],
    [
      'RECORD_CONSENT',
      {
        ...payloads.RECORD_CONSENT,
        authorisedOrganisations: organisations.map((o) => o.id),
        documentId: consentForm,
      },
    ],
    ['SUBMIT', {}],
    ['ACCEPT', {}],
    ['ASSIGN_ASSESSORS', payloads.ASSIGN_ASSESSORS],
    ['RECORD_DOMAIN_ASSESSMENT', { domain: 'lavoro', needLevel: 'alto', summary: 'Nessun lavoro.' }],
    ['RECORD_DOMAIN_ASSESSMENT', { domain: 'casa', needLevel: 'medio', summary: 'Affitto arretrato.' }],
    ['RECORD_DOMAIN_ASSESSMENT', { domain: 'salute', needLevel: 'alto', summary: HEALTH_MARKER }],
    ['COMPLETE_ASSESSMENT', { profilo: 'complesso' }],
    [
      'SCHEDULE_MEETING',
      { ...payloads.SCHEDULE_MEETING, participants: [ref('sds'), ref('cpi'), ref('serd')] },
    ],
    ['RECORD_MEETING', { ...payloads.RECORD_MEETING, minutes: LONG_MINUTES }],
    ['UPDATE_PLAN', payloads.UPDATE_PLAN],
  ];
  let version = 1;
  for (const [type, data] of steps) {
    version = (
      await api.app.get(CaseEngine).applyEvent(caseId, { type, data, expectedVersion: version }, SYSTEM_ACTOR)
    ).version;
  }
});

afterAll(() => api.close());

async function download(
  client: ApiClient,
  body: object,
  path = `/api/cases/${caseId}/export`,
): Promise<{ status: number; zip: Buffer; json?: any }> {
  const response = await client.raw('POST', path, body);
  const buffer = Buffer.from(await response.arrayBuffer());
  return response.headers.get('content-type')?.includes('zip')
    ? { status: response.status, zip: buffer }
    : { status: response.status, zip: buffer, json: JSON.parse(buffer.toString()) };
}

function saved(zip: Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'percorsi-export-')), 'fascicolo.zip');
  writeFileSync(path, zip);
  return path;
}

function openWith7zip(zip: Buffer, password: string, file = `fascicolo-${caseId}.pdf`): Buffer {
  const path = saved(zip);
  const out = join(path, '..', 'out');
  execFileSync('7z', ['x', '-y', `-p${password}`, `-o${out}`, path], { stdio: 'pipe' });
  return readFileSync(join(out, file));
}

/** The PDF's text as poppler reads it, in reading order with the lines as laid out. */
function pdfText(pdf: Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'percorsi-pdf-')), 'document.pdf');
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-']).toString('utf8');
}

/** The text with its wrapped lines joined, to find a sentence wherever the margin cut it. */
function joined(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** Text a person reads: no payload as JSON, no ids, no English event codes. */
function expectProse(text: string): void {
  expect(text).not.toMatch(/[{}]|":|\[0-9a-f]{8}-[0-9a-f]{4}-/);
  expect(text).not.toMatch(/\b(RECORD_|SCHEDULE_|ASSIGN_|UPDATE_)[A-Z_]+/);
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
}

describe('encrypted case export', () => {
  it('delivers a PDF inside an AES-256 ZIP that only the chosen password opens', async () => {
    const { status, zip } = await download(as.serd, {
      password: PASSWORD,
      purpose: 'invio al medico curante',
    });
    expect(status).toBe(200);
    expect(execFileSync('7z', ['l', '-slt', saved(zip)]).toString()).toContain('Method = AES-256');
    expect(() => openWith7zip(zip, 'password-sbagliata')).toThrow();
    const text = pdfText(openWith7zip(zip, PASSWORD));
    expect(text).toContain('Ștefan Łukasz Öztürk');
    expect(text).toContain(HEALTH_MARKER);
    expect(text).toContain('Data di nascita: 17 maggio 1991');
    expect(text).toContain('Persona informata il 2 marzo 2026');
    expect(text).toContain('Modulo firmato: tra i documenti del caso');
    expect(joined(text)).toContain(
      'Accogli la segnalazione (da «Inviata, in attesa di triage» a «Valutatori da assegnare»)',
    );
    expect(text).toContain('Salute — bisogno Alto');
    expect(joined(text)).toContain('PaIS: 1 obiettivo, 1 azione, 1 impegno della persona');
    expectProse(text);
    // Wrapped at the margin: the minutes run over several lines, none wider than the page.
    expect(joined(text)).toContain(LONG_MINUTES);
    expect(Math.max(...text.split('\n').map((line) => line.trimEnd().length))).toBeLessThan(110);
  });

  it('prints the PaIS in Italian, to sign, for those who work on the case', async () => {
    const response = await as.cpi.raw('GET', `/api/cases/${caseId}/pais.pdf`, undefined);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain('Progetto di inclusione sociale (PaIS)');
    expect(text).toContain('Nome e cognome: Ștefan Łukasz Öztürk');
    expect(text).toContain('Obiettivo 1: Inserimento lavorativo');
    expect(joined(text)).toContain(
      'Tirocinio di sei mesi. A cura di: Centro per l’Impiego di Pescia (ARTI); dal 2 marzo 2026 al 2 marzo 2026',
    );
    expect(text).toContain('Partecipare ai colloqui al Centro per l’Impiego');
    expect(text).toContain('La persona: Ștefan Łukasz Öztürk');
    expect(text).toContain('Il responsabile del percorso: Giulia Bianchi');
    expectProse(text);
    expect((await as.uepe.raw('GET', `/api/cases/${caseId}/pais.pdf`, undefined)).status).toBe(404);
  });

  it('holds only what the user may see: no health data for the job centre', async () => {
    const text = pdfText(
      openWith7zip((await download(as.cpi, { password: PASSWORD, purpose: 'verifica' })).zip, PASSWORD),
    );
    expect(text).not.toContain(HEALTH_MARKER);
    expect(joined(text)).toContain(
      'Dati non inclusi perché riservati ad altri ruoli: dati particolari (salute).',
    );
    expect(text).toContain('Contenuto riservato ad altri ruoli.');
  });

  it('audits every export with who, why and what was left out', async () => {
    const rows = await api.dataSource.query(
      `SELECT u.email, a.fields, a.purpose FROM audit_log a JOIN users u ON u.id = a.user_id
       WHERE a.case_id = $1 AND a.action = 'esportazione' ORDER BY a.id`,
      [caseId],
    );
    expect(rows).toEqual([
      { email: 'serd@percorsi.demo', fields: ['fascicolo'], purpose: 'invio al medico curante' },
      {
        email: 'cpi@percorsi.demo',
        fields: ['fascicolo', 'escluso:data.assessments', 'escluso:data.referral.needs'],
        purpose: 'verifica',
      },
    ]);
  });

  it('refuses a short password by name, the referrer with 403 and an outsider with 404', async () => {
    const short = await download(as.serd, { password: 'corta', purpose: 'x' });
    expect(short.status).toBe(422);
    expect(short.json.fields.map((field: { field: string }) => field.field).sort()).toEqual([
      'password',
      'purpose',
    ]);
    await api.dataSource.query(
      'UPDATE cases SET referring_organisation_id = (SELECT organisation_id FROM users WHERE email = $1) WHERE id = $2',
      ['inviante@percorsi.demo', caseId],
    );
    expect((await download(as.inviante, { password: PASSWORD, purpose: 'verifica' })).status).toBe(403);
    expect((await download(as.uepe, { password: PASSWORD, purpose: 'verifica' })).status).toBe(404);
  });
});

describe("the data subject's access request (art. 15)", () => {
  it('gives the DPO everything held about the person across her percorsi, encrypted and audited', async () => {
    const second = (await as.coordinatore.post('/api/cases', exampleReferral(PERSON))).body.id;
    const [{ person_id: personId }] = await api.dataSource.query(
      'SELECT person_id FROM cases WHERE id = $1',
      [caseId],
    );
    const path = `/api/persons/${personId}/export`;
    const body = { password: PASSWORD, purpose: 'richiesta di accesso del 1 marzo' };
    const dpo = await api.anonymous.as('dpo@percorsi.demo');
    const { status, zip } = await download(dpo, body, path);
    expect(status).toBe(200);
    const text = pdfText(openWith7zip(zip, PASSWORD, `persona-${personId}.pdf`));
    for (const expected of [
      'art. 15',
      'Ștefan Łukasz Öztürk',
      caseId,
      second,
      HEALTH_MARKER,
      'Chi ha letto',
    ]) {
      expect(joined(text)).toContain(expected);
    }
    expect(joined(text)).toContain('Persona informata il 2 marzo 2026');
    expect(text).not.toMatch(/[{}]|":/);
    const [entry] = await api.dataSource.query(
      `SELECT fields, purpose FROM audit_log WHERE action = 'esportazione' AND $1 = ANY(fields)`,
      [`persona.${personId}`],
    );
    expect(entry.purpose).toBe(`art. 15: ${body.purpose}`);
    expect(entry.fields[0]).toBe(`persona.${personId}`);
    expect(entry.fields.slice(1).sort()).toEqual([`caso.${caseId}`, `caso.${second}`].sort());
    expect((await download(as.coordinatore, body, path)).status).toBe(403);
    expect((await download(await api.anonymous.as('dpo.lucca@percorsi.demo'), body, path)).status).toBe(404);
    expect((await download(dpo, { ...body, password: 'corta' }, path)).json.fields[0].field).toBe('password');
  });
});
