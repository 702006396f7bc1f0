// Versions of the chart over HTTP and PostgreSQL: the amministratore chooses the version new referrals start
// on (recorded with who and when); a case started on version 1 keeps running on it after the ambito moved to
// version 2; the declared migration's dry run and apply (npm run workflow:migrate), where a case that cannot
// move is left untouched and named; --ambito moves one ambito's cases alone. On a database of its own: it
// changes an ambito's version.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { systemClock } from '../../libs/common/index.js';
import { exampleReferral, migrationTo, type ExamplePayloads } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { demoPayloads } from '../support/demo-territory.js';
import { ownDemoDatabase } from '../support/own-demo-database.js';

const run = promisify(execFile);

let database: Awaited<ReturnType<typeof ownDemoDatabase>>;
let api: TestApi;
let admin: ApiClient;
let coordinator: ApiClient;
let payloads: ExamplePayloads;

beforeAll(async () => {
  database = await ownDemoDatabase();
  api = await startApi(systemClock, { DATABASE_URL: database.url });
  admin = await api.anonymous.as('admin@percorsi.demo');
  coordinator = await api.anonymous.as('coordinatore@percorsi.demo');
  payloads = await demoPayloads(api.dataSource, new Date().toISOString().slice(0, 10));
}, 120_000);

afterAll(async () => {
  await api.close();
  await database.drop();
});

const fields = (response: { body: { fields?: { field: string }[] } }) =>
  (response.body.fields ?? []).map((problem) => problem.field);

async function triaged(client: ApiClient): Promise<string> {
  const created = await client.post('/api/cases', exampleReferral());
  expect(created.status).toBe(201);
  await client.send(created.body.id, 'RECORD_CONSENT', payloads.RECORD_CONSENT);
  await client.send(created.body.id, 'SUBMIT');
  return created.body.id;
}

async function migrate(...args: string[]) {
  return run(process.execPath, ['dist/apps/cli/workflow-migrate.js', ...args], {
    env: { ...process.env, DATABASE_URL: database.url },
  }).then(
    ({ stdout }) => ({ code: 0, report: JSON.parse(stdout), stderr: '' }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      report: error.stdout ? JSON.parse(error.stdout) : null,
      stderr: error.stderr,
    }),
  );
}

describe('the version an ambito’s new referrals start on', () => {
  it('is version 1 until the amministratore chooses; Piana di Lucca chose version 2', async () => {
    const own = await admin.get('/api/admin/chart-version');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ ambito: 'valdinievole', current: 1, changes: [] });
    expect(own.body.versions.map((version: { version: number }) => version.version)).toEqual([1, 2]);
    const lucca = await (await api.anonymous.as('admin.lucca@percorsi.demo')).get('/api/admin/chart-version');
    expect(lucca.body).toMatchObject({ ambito: 'piana_di_lucca', current: 2 });
    expect(lucca.body.changes[0]).toMatchObject({ version: 2, previousVersion: 1 });
  });

  it('is refused to anyone else, for another ambito, and for a version never released', async () => {
    expect((await coordinator.get('/api/admin/chart-version')).status).toBe(403);
    expect((await coordinator.request('PUT', '/api/admin/chart-version', { version: 2 })).status).toBe(403);
    expect((await admin.get('/api/admin/chart-version?ambito=piana_di_lucca')).status).toBe(403);
    const unknown = await admin.request('PUT', '/api/admin/chart-version', { version: 9 });
    expect(unknown.status).toBe(422);
    expect(fields(unknown)).toEqual(['version']);
    expect(fields(await admin.request('PUT', '/api/admin/chart-version', {}))).toEqual(['version']);
  });

  it('keeps a case started on version 1 on it, and starts new referrals on version 2', async () => {
    const older = await triaged(coordinator);
    const chosen = await admin.request('PUT', '/api/admin/chart-version', { version: 2 });
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ current: 2 });
    expect(chosen.body.changes[0]).toMatchObject({
      version: 2,
      previousVersion: 1,
      chosenBy: { name: 'Sara Rosa' },
    });
    expect(Date.parse(chosen.body.changes[0].chosenAt)).toBeGreaterThan(Date.now() - 60_000);

    // Version 1 goes on as it was: no interview, the assessors come next.
    const accepted = await coordinator.send(older, 'ACCEPT');
    expect(accepted).toMatchObject({ state: 'valutazione.da_assegnare', workflowVersion: 1 });
    const refused = await coordinator.post(`/api/cases/${older}/events`, {
      type: 'RECORD_WELCOME_INTERVIEW',
      data: payloads.RECORD_WELCOME_INTERVIEW,
      expectedVersion: accepted.version,
    });
    expect(refused.status).toBe(409);
    await coordinator.send(older, 'ASSIGN_ASSESSORS', payloads.ASSIGN_ASSESSORS);

    const newer = await triaged(coordinator);
    expect(await coordinator.send(newer, 'ACCEPT')).toMatchObject({
      state: 'valutazione.accoglienza',
      workflowVersion: 2,
      availableEvents: expect.arrayContaining(['RECORD_WELCOME_INTERVIEW', 'ASSIGN_ASSESSORS']),
    });
    const interviewed = await coordinator.send(
      newer,
      'RECORD_WELCOME_INTERVIEW',
      payloads.RECORD_WELCOME_INTERVIEW,
    );
    expect(interviewed).toMatchObject({ state: 'valutazione.da_assegnare' });
    expect(interviewed.data.welcomeInterview).toMatchObject({
      summary: payloads.RECORD_WELCOME_INTERVIEW.summary,
    });

    // Each case's page draws the chart of its own version.
    const v1 = await coordinator.get('/api/workflow?version=1');
    const v2 = await coordinator.get('/api/workflow');
    const ids = (body: { states: { id: string }[] }) => body.states.map((state) => state.id);
    expect(ids(v1.body)).not.toContain('valutazione.accoglienza');
    expect(ids(v2.body)).toContain('valutazione.accoglienza');
    expect(v2.body.version).toBe(2);
    const never = await coordinator.get('/api/workflow?version=7');
    expect(never.status).toBe(422);
    expect(fields(never)).toEqual(['version']);
  });
});

describe('npm run workflow:migrate', () => {
  it('moves only the named ambito’s cases with --ambito, and names the ambiti there are for one that is not', async () => {
    // A running Piana di Lucca case (the ambito starts on version 2) stored as version 1 wrote it, in a state
    // the migration moves.
    const [lucca] = await api.dataSource.query(
      `SELECT id, state FROM cases WHERE ambito = 'piana_di_lucca' AND phase <> 'esito' AND state = ANY($1)
       ORDER BY id LIMIT 1`,
      [Object.keys(migrationTo(2)!.states)],
    );
    await api.dataSource.query(`UPDATE cases SET snapshot = snapshot - 'version' WHERE id = $1`, [lucca.id]);
    const onV1 = async () =>
      (await api.dataSource.query(
        `SELECT ambito, count(*)::int AS n FROM cases WHERE workflow_version = 1 AND phase <> 'esito'
         GROUP BY ambito ORDER BY ambito`,
      )) as { ambito: string; n: number }[];
    const before = await onV1();
    expect(before).toEqual([
      { ambito: 'piana_di_lucca', n: 1 },
      { ambito: 'valdinievole', n: expect.any(Number) },
    ]);

    const dry = await migrate('--to', '2', '--ambito', 'piana_di_lucca', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.report).toMatchObject({ ambito: 'piana_di_lucca', dryRun: true, moved: 1, cannot: [] });
    expect(dry.report.states).toEqual([expect.objectContaining({ state: lucca.state, cases: 1 })]);
    const applied = await migrate('--to', '2', '--ambito', 'piana_di_lucca');
    expect(applied).toMatchObject({ code: 0, report: { ambito: 'piana_di_lucca', moved: 1 } });
    expect(await onV1()).toEqual(before.slice(1));

    const nowhere = await migrate('--to', '2', '--ambito', 'valdarno', '--dry-run');
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toMatch(/no ambito valdarno; one of piana_di_lucca, valdinievole/);
  });

  it('reports per state in a dry run, then moves every running case it can through the engine', async () => {
    const waiting = await triaged(coordinator);
    await api.dataSource.query(`UPDATE cases SET snapshot = snapshot - 'version' WHERE id = $1`, [waiting]);
    const broken = await triaged(coordinator);
    await api.dataSource.query(
      `UPDATE cases SET snapshot = jsonb_set(snapshot - 'version', '{value}', '{"segnalazione": "smarrita"}')
       WHERE id = $1`,
      [broken],
    );
    const accepted = await triaged(coordinator);
    await api.dataSource.query(`UPDATE cases SET snapshot = snapshot - 'version' WHERE id = $1`, [accepted]);
    // Stored as version 1 wrote it, in segnalazione.inviata; ACCEPT on version 1 leads to da_assegnare.
    expect(await coordinator.send(accepted, 'ACCEPT')).toMatchObject({
      state: 'valutazione.da_assegnare',
      workflowVersion: 1,
    });
    const runningOnV1 = async () =>
      (
        await api.dataSource.query(
          `SELECT count(*)::int AS n FROM cases WHERE workflow_version = 1 AND phase <> 'esito'`,
        )
      )[0].n as number;
    const before = await runningOnV1();
    const versionOf = async (id: string) =>
      (await coordinator.get(`/api/cases/${id}`)).body.version as number;
    const untouched = (await api.dataSource.query('SELECT snapshot FROM cases WHERE id = $1', [broken]))[0];

    // A case that does not restore is named on its own page and refuses events, instead of failing with 500;
    // another ambito's coordinator still gets no such case.
    const unreadable = await coordinator.get(`/api/cases/${broken}`);
    expect(unreadable.status).toBe(409);
    expect(unreadable.body).toMatchObject({ code: 'unreadable_case', caseId: broken, workflowVersion: 1 });
    const refusedEvent = await coordinator.post(`/api/cases/${broken}/events`, {
      type: 'ACCEPT',
      data: {},
      expectedVersion: 3,
    });
    expect(refusedEvent.body.code).toBe('unreadable_case');
    const lucca = await api.anonymous.as('coordinatore.lucca@percorsi.demo');
    expect((await lucca.get(`/api/cases/${broken}`)).status).toBe(404);
    const listed = (await coordinator.get('/api/cases?pageSize=100')).body.items;
    expect(listed.find((item: { id: string }) => item.id === broken)).toMatchObject({ unreadable: true });

    const dry = await migrate('--to', '2', '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.report).toMatchObject({ from: 1, to: 2, dryRun: true, moved: before - 1 });
    expect(dry.report.cannot).toEqual([
      { caseId: broken, state: 'segnalazione.inviata', reason: expect.stringMatching(/does not restore/) },
    ]);
    const line = (state: string) =>
      dry.report.states.find((candidate: { state: string }) => candidate.state === state);
    expect(line('valutazione.da_assegnare')).toMatchObject({ toState: 'valutazione.accoglienza' });
    expect(line('segnalazione.inviata')).toMatchObject({ toState: 'segnalazione.inviata', cannot: 1 });
    expect(await runningOnV1()).toBe(before);

    const acceptedVersion = await versionOf(accepted);
    const applied = await migrate('--to', '2');
    expect(applied.code).toBe(1);
    expect(applied.report).toMatchObject({ dryRun: false, moved: before - 1 });
    expect(applied.report.cannot.map((left: { caseId: string }) => left.caseId)).toEqual([broken]);
    expect(await runningOnV1()).toBe(1);
    expect((await api.dataSource.query('SELECT snapshot FROM cases WHERE id = $1', [broken]))[0]).toEqual(
      untouched,
    );

    // The moved case is on version 2 in the interview's state, its history says so, and it goes on there.
    const moved = (await coordinator.get(`/api/cases/${accepted}`)).body;
    expect(moved).toMatchObject({
      state: 'valutazione.accoglienza',
      workflowVersion: 2,
      version: acceptedVersion + 1,
    });
    const history = (await coordinator.get(`/api/cases/${accepted}/history`)).body.items;
    expect(history.at(-1)).toMatchObject({
      actorName: 'Sistema',
      eventType: 'CHART_MIGRATED',
      fromState: 'valutazione.da_assegnare',
      toState: 'valutazione.accoglienza',
      eventData: { fromVersion: 1, toVersion: 2 },
    });
    await coordinator.send(accepted, 'RECORD_WELCOME_INTERVIEW', payloads.RECORD_WELCOME_INTERVIEW);
    expect((await coordinator.get(`/api/cases/${waiting}`)).body).toMatchObject({ workflowVersion: 2 });

    const none = await migrate('--to', '5');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no migration is declared to version 5/);
  });
});
