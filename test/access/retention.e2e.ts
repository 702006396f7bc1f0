import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Retention, SYSTEM_ACTOR } from '../../libs/access/index.js';
import { CaseEngine } from '../../libs/engine/index.js';
import { exampleReferral } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { ownDemoDatabase } from '../support/own-demo-database.js';
import { demoPayloads } from '../support/demo-territory.js';
import { TestClock } from '../support/test-clock.js';

let api: TestApi;
let coordinator: ApiClient;
let database: Awaited<ReturnType<typeof ownDemoDatabase>>;
const clock = new TestClock(new Date('2026-11-24T03:00:00.000Z'));

// Retention acts on every person of the database: on the run's shared one, what other files left there
// changes what it finds (seen once in a full run: it pseudonymised nobody). This file has a database of its own.
beforeAll(async () => {
  database = await ownDemoDatabase();
  api = await startApi(clock, { DATABASE_URL: database.url });
  coordinator = await api.anonymous.as('coordinatore@percorsi.demo');
});

afterAll(async () => {
  await api.close();
  await database.drop();
});

async function caseOf(lastName: string, closed: boolean, lastActivity: string): Promise<string> {
  const created = await coordinator.post(
    '/api/cases',
    exampleReferral({ lastName, email: 'persona@example.org' }),
  );
  const payloads = await demoPayloads(api.dataSource);
  const events = closed
    ? [
        ['RECORD_CONSENT', payloads.RECORD_CONSENT],
        ['SUBMIT', {}],
        ['REJECT', payloads.REJECT],
      ]
    : [['SUBMIT', {}]];
  let version = 1;
  for (const [type, data] of events) {
    version = (
      await api.app
        .get(CaseEngine)
        .applyEvent(created.body.id, { type, data, expectedVersion: version }, SYSTEM_ACTOR)
    ).version;
  }
  await api.dataSource.query('UPDATE cases SET updated_at = $2 WHERE id = $1', [
    created.body.id,
    lastActivity,
  ]);
  return created.body.id;
}

const personOf = async (caseId: string) =>
  (
    await api.dataSource.query(
      `SELECT p.first_name, p.last_name, p.codice_fiscale, p.birth_date::text, p.municipality, p.email, p.pseudonymised_at
       FROM persons p JOIN cases c ON c.person_id = p.id WHERE c.id = $1`,
      [caseId],
    )
  )[0];

/** A document as the upload records it; test/api/documents.e2e.ts files real ones through the API. */
async function filedOn(caseId: string): Promise<string> {
  const [{ id }] = await api.dataSource.query(
    `INSERT INTO case_documents (id, case_id, kind, category, filename, media_type, size, sha256, uploaded_by, uploaded_at)
     SELECT gen_random_uuid(), $1, 'identita', 'comuni', 'carta-identita.pdf', 'application/pdf', 4, 'x', id, now()
     FROM users WHERE email = 'coordinatore@percorsi.demo' RETURNING id`,
    [caseId],
  );
  await api.dataSource.query('INSERT INTO document_contents (document_id, content) VALUES ($1, $2)', [
    id,
    Buffer.from('%PDF'),
  ]);
  return id;
}

/** A note and its correction, as the diary writes them; test/api/diary.e2e.ts writes real ones. */
async function notedOn(caseId: string): Promise<void> {
  for (const version of [1, 2]) {
    await api.dataSource.query(
      `INSERT INTO diary_versions (entry_id, version, case_id, occurred_on, category, body, written_by, written_at)
       SELECT md5($1)::uuid, $2, $1::uuid, '2016-10-01', 'comuni', 'Colloquio con la persona e la sorella', id, now()
       FROM users WHERE email = 'coordinatore@percorsi.demo'`,
      [caseId, version],
    );
  }
}

const notesOf = async (caseId: string): Promise<number> =>
  (
    await api.dataSource.query('SELECT count(*)::int AS n FROM diary_versions WHERE case_id = $1', [caseId])
  )[0].n;

const documentsOf = async (caseId: string): Promise<number> =>
  (
    await api.dataSource.query('SELECT count(*)::int AS n FROM case_documents WHERE case_id = $1', [caseId])
  )[0].n;

describe('retention', () => {
  it('pseudonymises people whose case closed more than ten years ago, deleting their documents and diary, keeping cases and history', async () => {
    const old = await caseOf('Antico', true, '2016-11-01T00:00:00.000Z');
    const recent = await caseOf('Recente', true, '2017-01-01T00:00:00.000Z');
    const stillOpen = await caseOf('Aperto', false, '2010-01-01T00:00:00.000Z');
    const historyBefore = await api.dataSource.query(
      'SELECT * FROM case_history WHERE case_id = $1 ORDER BY seq',
      [old],
    );

    const identityCard = await filedOn(old);
    await filedOn(recent);
    await notedOn(old);
    await notedOn(recent);

    const count = await new Retention(api.dataSource, clock, 10).pseudonymiseExpired();

    expect(count).toBe(1);
    // The documents filed on the pseudonymised person's cases are gone, bytes and all; others stay.
    expect(await documentsOf(old)).toBe(0);
    expect(
      await api.dataSource.query('SELECT 1 FROM document_contents WHERE document_id = $1', [identityCard]),
    ).toEqual([]);
    expect(await documentsOf(recent)).toBe(1);
    // So are the diary's notes, every version; others stay, and the diary stays append-only for anyone else.
    expect(await notesOf(old)).toBe(0);
    expect(await notesOf(recent)).toBe(2);
    await expect(
      api.dataSource.query('DELETE FROM diary_versions WHERE case_id = $1', [recent]),
    ).rejects.toThrow('append-only');
    await expect(
      api.dataSource.query(`UPDATE diary_versions SET body = 'riscritta' WHERE case_id = $1`, [recent]),
    ).rejects.toThrow('append-only');
    expect(await notesOf(recent)).toBe(2);
    expect(await personOf(old)).toEqual({
      first_name: 'Persona',
      last_name: 'pseudonimizzata',
      codice_fiscale: null,
      birth_date: '1985-01-01',
      municipality: 'Pescia',
      email: null,
      pseudonymised_at: clock.now(),
    });
    for (const kept of [recent, stillOpen])
      expect((await personOf(kept)).last_name).not.toBe('pseudonimizzata');
    expect(
      await api.dataSource.query('SELECT * FROM case_history WHERE case_id = $1 ORDER BY seq', [old]),
    ).toEqual(historyBefore);
    const view = (await coordinator.get(`/api/cases/${old}`)).body;
    expect(view).toMatchObject({
      state: 'esito',
      outcome: 'segnalazione_non_accolta',
      person: { lastName: 'pseudonimizzata' },
    });
    expect(await new Retention(api.dataSource, clock, 10).pseudonymiseExpired()).toBe(0);
  });
});
