// The amministratore sets the ambito's deadline rules through the API: checked against the chart's keys,
// refused to anyone else and for another ambito, recorded with who/when/old/new, and applied to the
// running cases (their due dates move and their history says so, as "Sistema").
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { systemClock } from '../../libs/common/index.js';
import { exampleReferral } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';

let api: TestApi;
let admin: ApiClient;
let coordinator: ApiClient;
// A deadline no other test of the shared demo database relies on in this ambito.
const KEY = 'valutazione';

beforeAll(async () => {
  api = await startApi(systemClock);
  admin = await api.anonymous.as('admin.lucca@percorsi.demo');
  coordinator = await api.anonymous.as('coordinatore.lucca@percorsi.demo');
});

afterAll(async () => {
  await admin.request('DELETE', `/api/admin/deadlines/${KEY}`);
  await api.close();
});

const fields = (response: { body: { fields?: { field: string }[] } }) =>
  (response.body.fields ?? []).map((problem) => problem.field);

const valutazioneDeadline = async (caseId: string) =>
  (
    (await coordinator.get(`/api/cases/${caseId}`)).body.deadlines as {
      key: string;
      startsAt: string;
      dueAt: string;
    }[]
  ).find((deadline) => deadline.key === KEY)!;

describe('an ambito’s deadline rules', () => {
  it('lists every deadline of the chart with its default and the ambito’s own rule', async () => {
    const listed = await admin.get('/api/admin/deadlines');
    expect(listed.status).toBe(200);
    expect(listed.body.ambito).toBe('piana_di_lucca');
    const triage = listed.body.deadlines.find((deadline: { key: string }) => deadline.key === 'triage');
    expect(triage).toMatchObject({
      label: 'Triage della segnalazione',
      state: 'segnalazione.inviata',
      default: { afterDays: 10, reminderDays: [3, 1] },
      own: { afterDays: 7, reminderDays: [2, 1] },
      effective: { afterDays: 7, reminderDays: [2, 1] },
    });
    expect(listed.body.deadlines.map((deadline: { key: string }) => deadline.key)).toEqual(
      expect.arrayContaining([
        'valutazione',
        'equipe_primo_livello',
        'sottoscrizione_pais',
        'follow_up_6_mesi',
      ]),
    );
  });

  it('refuses an unknown key or a bad value with 422 naming the field, and changes nothing', async () => {
    const before = (await admin.get('/api/admin/deadlines')).body;
    const cases: [string, unknown, string[]][] = [
      ['nessuna_scadenza', { afterDays: 5 }, ['key']],
      [KEY, { afterDays: 0 }, ['afterDays']],
      [KEY, { afterDays: 'trenta' }, ['afterDays']],
      [KEY, { afterDays: 20, reminderDays: [25] }, ['reminderDays.0']],
      [KEY, { reminderDays: [3, 3] }, ['reminderDays']],
      [KEY, { afterDays: 20, colour: 'red' }, ['colour']],
      // The first-level equipe's deadline reminds nobody; the meeting's is the meeting date itself.
      ['equipe_primo_livello', { reminderDays: [2] }, ['reminderDays']],
      ['riunione_primo_livello', { afterDays: 3 }, ['afterDays']],
    ];
    for (const [key, body, expected] of cases) {
      const refused = await admin.request('PUT', `/api/admin/deadlines/${key}`, body);
      expect({ key, body, status: refused.status, fields: fields(refused) }).toEqual({
        key,
        body,
        status: 422,
        fields: expected,
      });
    }
    expect((await admin.get('/api/admin/deadlines')).body).toEqual(before);
  });

  it('is the amministratore’s, for their own ambito only (403)', async () => {
    for (const client of [coordinator, await api.anonymous.as('operatore.lucca@percorsi.demo')]) {
      expect(await client.request('PUT', `/api/admin/deadlines/${KEY}`, { afterDays: 20 })).toMatchObject({
        status: 403,
        body: { code: 'forbidden' },
      });
      expect((await client.get('/api/admin/deadlines')).status).toBe(403);
    }
    expect(
      await admin.request('PUT', `/api/admin/deadlines/${KEY}?ambito=valdinievole`, { afterDays: 20 }),
    ).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect((await admin.get('/api/admin/deadlines?ambito=valdinievole')).status).toBe(403);
    const valdinievole = await api.anonymous.as('admin@percorsi.demo');
    const theirs = (await valdinievole.get('/api/admin/deadlines')).body.deadlines.find(
      (deadline: { key: string }) => deadline.key === 'triage',
    );
    expect(theirs.own).toBeNull();
  });

  it('records the change, moves the running case’s due date and says so in its history', async () => {
    const [{ id: caseId }] = await api.dataSource.query(
      `SELECT id FROM cases WHERE ambito = 'piana_di_lucca' AND phase = 'valutazione' ORDER BY created_at LIMIT 1`,
    );
    const before = await valutazioneDeadline(caseId);
    expect(Date.parse(before.dueAt) - Date.parse(before.startsAt)).toBe(30 * 86_400_000);
    const { version } = (await coordinator.get(`/api/cases/${caseId}`)).body;

    const changed = await admin.request('PUT', `/api/admin/deadlines/${KEY}`, {
      afterDays: 25,
      reminderDays: [5, 2],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      key: KEY,
      own: { afterDays: 25, reminderDays: [5, 2] },
      updatedBy: { name: 'Roberto Favilla' },
    });
    expect(changed.body.casesReplanned).toBeGreaterThanOrEqual(1);

    const after = await valutazioneDeadline(caseId);
    expect(after.startsAt).toBe(before.startsAt);
    expect(Date.parse(after.dueAt) - Date.parse(after.startsAt)).toBe(25 * 86_400_000);

    const detail = (await coordinator.get(`/api/cases/${caseId}`)).body;
    expect(detail.version).toBe(version + 1);
    const history = (await coordinator.get(`/api/cases/${caseId}/history`)).body.items;
    expect(history.at(-1)).toMatchObject({
      actorName: 'Sistema',
      eventType: 'DEADLINE_RULES_CHANGED',
      fromState: detail.state,
      toState: detail.state,
      eventData: {
        deadlineKey: KEY,
        before: { afterDays: 30, dueAt: before.dueAt },
        after: { afterDays: 25, reminderDays: [5, 2], dueAt: after.dueAt },
        changedBy: { name: 'Roberto Favilla' },
      },
    });
    // The case goes on from its new version as usual.
    await coordinator.send(caseId, 'RECORD_DOMAIN_ASSESSMENT', {
      domain: 'reddito',
      needLevel: 'medio',
      summary: 'ADI in corso.',
    });

    const [outbox] = await api.dataSource.query(
      `SELECT kind, payload FROM outbox WHERE case_id = $1 AND seq = $2`,
      [caseId, version + 1],
    );
    expect(outbox).toMatchObject({
      kind: 'deadline_replan',
      payload: { replan: { rulesBefore: { [KEY]: {} } }, seq: version + 1 },
    });

    const changes = (await admin.get('/api/admin/deadlines/changes')).body.changes;
    expect(changes[0]).toMatchObject({
      key: KEY,
      changedBy: { name: 'Roberto Favilla' },
      old: { afterDays: null, reminderDays: null },
      new: { afterDays: 25, reminderDays: [5, 2] },
      casesReplanned: changed.body.casesReplanned,
    });
    expect(Date.parse(changes[0].changedAt)).toBeGreaterThan(Date.now() - 60_000);

    // A case whose snapshot no longer restores is named and left alone; the change still applies to the rest.
    const broken = (await coordinator.post('/api/cases', exampleReferral({ lastName: 'Illeggibile' }))).body
      .id;
    const [{ snapshot }] = await api.dataSource.query('SELECT snapshot FROM cases WHERE id = $1', [broken]);
    await api.dataSource.query(
      `UPDATE cases SET snapshot = jsonb_set(snapshot, '{value}', '"stato_sconosciuto"') WHERE id = $1`,
      [broken],
    );
    let reset;
    try {
      reset = await admin.request('DELETE', `/api/admin/deadlines/${KEY}`);
    } finally {
      await api.dataSource.query('UPDATE cases SET snapshot = $2 WHERE id = $1', [broken, snapshot]);
    }
    expect(reset.body.unreadableCases).toEqual([broken]);
    expect(reset.body).toMatchObject({ own: null, effective: { afterDays: 30 } });
    expect(Date.parse((await valutazioneDeadline(caseId)).dueAt)).toBe(Date.parse(before.dueAt));
    expect((await admin.get('/api/admin/deadlines/changes')).body.changes[0]).toMatchObject({
      old: { afterDays: 25, reminderDays: [5, 2] },
      new: { afterDays: null, reminderDays: null },
    });
  });
});
