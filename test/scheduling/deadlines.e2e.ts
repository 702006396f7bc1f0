// Deadlines end to end: real PostgreSQL, Redis, worker processes and an SMTP server. One business day
// lasts 0.25 s here, so the 10-day triage deadline expires 2.5 s after SUBMIT, with reminders at
// 1.75 s and 2.25 s. Bound on lateness: a message arrives within 1 s of its scaled time.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { systemClock } from '../../libs/common/index.js';
import { MAINTENANCE_QUEUE, redisConnectionOf } from '../../libs/scheduling/index.js';
import { exampleReferral, type ExamplePayloads } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { demoPayloads, ESCALATION_NOTIFIED } from '../support/demo-territory.js';
import { schedulingEnvironment, sleep, waitFor, type SchedulingEnvironment } from '../support/scheduling.js';

const SECONDS_PER_DAY = 0.25;
const day = (days: number) => days * SECONDS_PER_DAY * 1000;
const LATENESS_BOUND_MS = 1000;

let environment: SchedulingEnvironment;
let api: TestApi;
let coordinator: ApiClient;
let payloads: ExamplePayloads;

beforeAll(async () => {
  environment = await schedulingEnvironment(SECONDS_PER_DAY);
  api = await startApi(systemClock, environment.env);
  coordinator = await api.anonymous.as('coordinatore@percorsi.demo');
  payloads = await demoPayloads(api.dataSource, new Date().toISOString().slice(0, 10));
});

afterEach(() => environment.stopWorkers());

afterAll(async () => {
  await api.close();
  await environment.close();
});

async function submittedCase(
  client = coordinator,
  consent = payloads.RECORD_CONSENT,
): Promise<{ id: string; submittedAt: number }> {
  const created = await client.post('/api/cases', exampleReferral());
  await client.send(created.body.id, 'RECORD_CONSENT', consent);
  const submittedAt = Date.now();
  await client.send(created.body.id, 'SUBMIT');
  return { id: created.body.id, submittedAt };
}

const outboxSent = (caseId: string) => async () => {
  const { rows } = await environment.database.query(
    'SELECT count(*)::int AS pending FROM outbox WHERE case_id = $1 AND sent_at IS NULL',
    [caseId],
  );
  return rows[0].pending === 0;
};

const kinds = (caseId: string) => environment.mailsFor(caseId).map((mail) => mail.headers['x-percorsi-kind']);

describe('reminders and alerts', () => {
  it('delivers each triage reminder and the expiry alert once, at its time, over SMTP', async () => {
    await environment.startWorker();
    const { id, submittedAt } = await submittedCase();
    await waitFor(() => environment.mailsFor(id).length >= 3, 'three messages');
    await sleep(1000);
    const mails = environment.mailsFor(id);
    expect(mails.map((mail) => mail.headers['x-percorsi-kind'])).toEqual([
      'promemoria',
      'promemoria',
      'scadenza',
    ]);
    const lateness = mails.map(
      (mail, index) => Date.parse(mail.receivedAt) - (submittedAt + day([7, 9, 10][index])),
    );
    for (const late of lateness) {
      expect(late).toBeGreaterThan(-50);
      expect(late).toBeLessThan(LATENESS_BOUND_MS);
    }
    expect(mails[0].to).toEqual(['coordinatore@percorsi.demo']);
    expect(mails[0].subject).toBe('[Percorsi] Promemoria: Triage della segnalazione — M. R.');
    expect(mails[0].text).toContain(`/casi/${id}`);
    expect(mails.map((mail) => mail.text).join()).not.toContain('Rossi');

    const history = (await coordinator.get(`/api/cases/${id}/history`)).body;
    expect(history.notifications).toHaveLength(3);
    expect(history.notifications[2]).toMatchObject({
      kind: 'scadenza',
      deadlineKey: 'triage',
      recipient: 'coordinatore@percorsi.demo',
      smtpMessageId: expect.stringContaining('@percorsi>'),
    });
    const { rows } = await environment.database.query(
      'SELECT deadline_key FROM deadline_expirations WHERE case_id = $1',
      [id],
    );
    expect(rows).toEqual([{ deadline_key: 'triage' }]);
  });

  it('sends nothing for a deadline whose state was left before it', async () => {
    await environment.startWorker();
    const { id } = await submittedCase();
    await coordinator.send(id, 'ACCEPT');
    await sleep(day(10) + 1000);
    expect(environment.mailsFor(id)).toEqual([]);
    const { rows } = await environment.database.query(
      'SELECT 1 FROM deadline_expirations WHERE case_id = $1',
      [id],
    );
    expect(rows).toEqual([]);
  });

  it('retries a failing SMTP server with backoff without blocking the case', async () => {
    await environment.startWorker();
    environment.catcher.refuseWith = 'mailbox temporarily unavailable';
    const { id } = await submittedCase();
    await sleep(day(10) + 500);
    expect(environment.mailsFor(id)).toEqual([]);
    const accepted = await coordinator.send(id, 'ACCEPT');
    expect(accepted.state).toBe('valutazione.da_assegnare');
    environment.catcher.refuseWith = null;
    await waitFor(() => environment.mailsFor(id).length >= 3, 'the retried messages', 30_000);
    expect(kinds(id)).toEqual(['promemoria', 'promemoria', 'scadenza']);
  });
});

describe('housekeeping', () => {
  it('schedules the nightly pseudonymisation, the snapshot check and the hourly session cleanup', async () => {
    await environment.startWorker();
    const maintenance = new Queue(MAINTENANCE_QUEUE, {
      connection: redisConnectionOf(environment.env.REDIS_URL),
      prefix: environment.env.QUEUE_PREFIX,
    });
    const schedulers = await maintenance.getJobSchedulers();
    await maintenance.obliterate({ force: true });
    await maintenance.close();
    expect(schedulers.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      expect.objectContaining({ key: 'controllo-snapshot', pattern: '30 3 * * *' }),
      expect.objectContaining({ key: 'pseudonimizzazione', pattern: '0 3 * * *' }),
      expect.objectContaining({ key: 'sessioni-scadute', pattern: '17 * * * *' }),
    ]);
  });
});

describe('surviving crashes', () => {
  it('sends a reminder exactly once when the worker is killed before it is due and restarted after', async () => {
    const first = await environment.startWorker();
    const { id } = await submittedCase();
    await waitFor(outboxSent(id), 'the relay to enqueue the deadline');
    expect(await environment.queues.deadlines.getJobCounts('delayed')).toMatchObject({
      delayed: expect.any(Number),
    });
    await first.kill('SIGKILL');
    await sleep(day(10) + 300);
    expect(environment.mailsFor(id)).toEqual([]);
    await environment.startWorker();
    await waitFor(() => environment.mailsFor(id).length >= 3, 'the overdue messages');
    await sleep(1500);
    // All three are overdue by now and go out together, in any order.
    expect(kinds(id).sort()).toEqual(['promemoria', 'promemoria', 'scadenza']);
  });

  it('keeps a state change whose planning never happened, and plans it once after restart', async () => {
    // Slower days here, so that the reminders are still ahead when the late relay plans them.
    const slowDays = { TIME_SCALE_SECONDS_PER_DAY: '1' };
    const { id } = await submittedCase();
    const jobsOf = async () =>
      (await environment.queues.deadlines.getJobs(['delayed', 'waiting', 'active', 'completed'])).filter(
        (job) => job.data.caseId === id,
      );
    expect(await jobsOf()).toEqual([]);
    expect(await outboxSent(id)()).toBe(false);

    const worker = await environment.startWorker(slowDays);
    await waitFor(outboxSent(id), 'the relay');
    const enqueued = await waitFor(async () => {
      const ids = (await jobsOf()).map((job) => job.id).sort();
      return ids.length === 3 && ids;
    }, 'the promoter');
    // The same rows relayed again (as after a restored backup) plan the same moments, doubling nothing.
    await worker.kill('SIGKILL');
    await environment.database.query('UPDATE outbox SET sent_at = NULL WHERE case_id = $1', [id]);
    await environment.startWorker(slowDays);
    await waitFor(outboxSent(id), 'the relay after restart');
    expect((await jobsOf()).map((job) => job.id).sort()).toEqual(enqueued);
    const { rows } = await environment.database.query(
      'SELECT job_id FROM deadline_timers WHERE case_id = $1 ORDER BY job_id',
      [id],
    );
    expect(rows.map((row) => row.job_id)).toEqual(enqueued);
    await waitFor(() => environment.mailsFor(id).length >= 3, 'the messages', 60_000);
    await sleep(1000);
    expect(kinds(id).sort()).toEqual(['promemoria', 'promemoria', 'scadenza']);
  });

  it('sends each reminder once with two workers on one queue', async () => {
    await Promise.all([environment.startWorker(), environment.startWorker()]);
    const cases = await Promise.all(Array.from({ length: 8 }, () => submittedCase()));
    await waitFor(
      () => cases.every(({ id }) => environment.mailsFor(id).length >= 3),
      'every message',
      60_000,
    );
    await sleep(1500);
    // Once each is the point here; on a busy machine two workers may deliver a case's messages out of order.
    for (const { id } of cases) expect(kinds(id).sort()).toEqual(['promemoria', 'promemoria', 'scadenza']);
  });
});

describe('escalation and territorial rules', () => {
  async function caseInFirstLevelEquipe(): Promise<string> {
    const { id } = await submittedCase();
    for (const [type, data] of [
      ['ACCEPT', {}],
      ['ASSIGN_ASSESSORS', payloads.ASSIGN_ASSESSORS],
      ['RECORD_DOMAIN_ASSESSMENT', { ...payloads.RECORD_DOMAIN_ASSESSMENT, domain: 'lavoro' }],
      ['RECORD_DOMAIN_ASSESSMENT', { ...payloads.RECORD_DOMAIN_ASSESSMENT, domain: 'casa' }],
      ['COMPLETE_ASSESSMENT', payloads.COMPLETE_ASSESSMENT],
    ] as const) {
      await coordinator.send(id, type, data);
    }
    return id;
  }

  it('escalates to secondo livello, as the system, when the first-level equipe does not meet in 20 days', async () => {
    await environment.startWorker();
    const id = await caseInFirstLevelEquipe();
    const meetingDate = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
    await coordinator.send(id, 'SCHEDULE_MEETING', { ...payloads.SCHEDULE_MEETING, date: meetingDate });
    const escalated = await waitFor(async () => {
      const current = (await coordinator.get(`/api/cases/${id}`)).body;
      return current.phase === 'equipe' && current.state.startsWith('equipe.secondo_livello') && current;
    }, 'the automatic escalation');
    expect(escalated.state).toBe('equipe.secondo_livello.da_convocare');
    const history = (await coordinator.get(`/api/cases/${id}/history`)).body.items;
    expect(history.at(-1)).toMatchObject({
      eventType: 'ESCALATE',
      eventData: { reason: 'scadenza' },
      actorUserId: null,
      actorName: 'Sistema',
      fromState: 'equipe.primo_livello.convocata',
      toState: 'equipe.secondo_livello.da_convocare',
    });
    const escalationMails = () =>
      environment.mailsFor(id).filter((mail) => mail.headers['x-percorsi-kind'] === 'escalation');
    // Every notice, then a moment more for any sent twice: on a busy machine they arrive over seconds.
    await waitFor(() => escalationMails().length >= ESCALATION_NOTIFIED.length, 'notices');
    await sleep(1000);
    expect(
      escalationMails()
        .map((mail) => mail.to[0])
        .sort(),
    ).toEqual(ESCALATION_NOTIFIED);
  });

  it('escalates on two consecutive criticita monitoring checks', async () => {
    const id = await caseInFirstLevelEquipe();
    for (const type of [
      'SCHEDULE_MEETING',
      'RECORD_MEETING',
      'UPDATE_PLAN',
      'SUBMIT_FOR_SIGNATURE',
      'SIGN',
    ] as const) {
      await coordinator.send(id, type, payloads[type]);
    }
    const criticita = { ...payloads.RECORD_MONITORING, andamento: 'criticita' };
    expect((await coordinator.send(id, 'RECORD_MONITORING', criticita)).state).toBe('monitoraggio.attivo');
    const second = await coordinator.send(id, 'RECORD_MONITORING', criticita);
    expect(second.state).toBe('equipe.secondo_livello.da_convocare');
    expect(second.data.escalations.at(-1)).toMatchObject({ from: 'monitoraggio', reason: 'criticita' });
  });

  it('applies an ambito’s override to newly scheduled deadlines', async () => {
    const database = environment.database;
    const { rows } = await database.query(
      `INSERT INTO organisations (name, type, ambito) VALUES ('Unione dei Comuni Media Valle del Serchio', 'comune', 'valle_del_serchio') RETURNING id`,
    );
    const [{ password_hash }] = (await database.query(`SELECT password_hash FROM users LIMIT 1`)).rows;
    await database.query(
      `INSERT INTO users (email, password_hash, full_name, role, organisation_id)
       VALUES ('coordinatore@serchio.demo', $1, 'Anna Serchi', 'coordinatore', $2)`,
      [password_hash, rows[0].id],
    );
    await database.query(
      `INSERT INTO deadline_overrides (ambito, deadline_key, after_days, reminder_days) VALUES ('valle_del_serchio', 'triage', 4, '{2}')`,
    );
    await environment.startWorker();
    const serchio = await api.anonymous.as('coordinatore@serchio.demo');
    const { id, submittedAt } = await submittedCase(serchio, {
      ...payloads.RECORD_CONSENT,
      authorisedOrganisations: [rows[0].id],
    });
    const view = (await serchio.get(`/api/cases/${id}`)).body;
    const triage = view.deadlines.find((deadline: { key: string }) => deadline.key === 'triage');
    expect(Date.parse(triage.dueAt) - Date.parse(triage.startsAt)).toBe(4 * 24 * 3600 * 1000);

    await waitFor(() => environment.mailsFor(id).length >= 2, 'the overridden messages');
    const mails = environment.mailsFor(id);
    expect(mails.map((mail) => mail.headers['x-percorsi-kind'])).toEqual(['promemoria', 'scadenza']);
    expect(mails[0].to).toEqual(['coordinatore@serchio.demo']);
    const lateness = mails.map(
      (mail, index) => Date.parse(mail.receivedAt) - (submittedAt + day([2, 4][index])),
    );
    for (const late of lateness) expect(late).toBeLessThan(LATENESS_BOUND_MS);
  });
});
