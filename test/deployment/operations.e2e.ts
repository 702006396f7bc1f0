// What operators see: GET /api/health and GET /api/metrics against the real PostgreSQL, Redis, a worker
// process and an SMTP server. One business day lasts 0.25 s for the fast worker, so a triage reminder goes
// out 1.75 s after SUBMIT and an unheld first-level equipe escalates after 5 s.
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { systemClock } from '../../libs/common/index.js';
import { exampleReferral, type ExamplePayloads } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { demoPayloads } from '../support/demo-territory.js';
import { schedulingEnvironment, waitFor, type SchedulingEnvironment } from '../support/scheduling.js';

const SECONDS_PER_DAY = 0.25;

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

async function health(client = api.anonymous) {
  return client.get('/api/health');
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

async function scrape(): Promise<Sample[]> {
  const response = await fetch(`${api.anonymous.baseUrl}/api/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const samples: Sample[] = [];
  for (const line of (await response.text()).split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, label, value]) => [label, value]),
    );
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The sample's value, 0 when the counter has no such labels yet. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.find(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([label, value]) => sample.labels[label] === value),
  );
  return found?.value ?? 0;
}

function transitionsBy(samples: Sample[]): Record<string, number> {
  return Object.fromEntries(
    samples
      .filter((sample) => sample.name === 'percorsi_transitions_total')
      .map((sample) => [sample.labels.event!, sample.value]),
  );
}

function mailsOfKind(kind: string): number {
  return environment.catcher.messages.filter((mail) => mail.headers['x-percorsi-kind'] === kind).length;
}

async function sendAll(id: string, events: [string, unknown][]): Promise<void> {
  for (const [type, data] of events) await coordinator.send(id, type, data);
}

describe('GET /api/health', () => {
  it('reports the database, Redis, the relay backlog and each queue', async () => {
    const idle = await health();
    expect(idle.status).toBe(200);
    expect(idle.body).toEqual({
      status: 'ok',
      database: { ok: true },
      redis: { ok: true },
      outbox: { pending: 0, oldestPendingSeconds: 0 },
      deadlines: { pending: 0, promoted: 0, reconciled: 0, lastReconciledAt: null, oldestOverdueSeconds: 0 },
      mailOutbox: { pending: 0, oldestPendingSeconds: 0 },
      queues: {
        deadlines: { waiting: 0, delayed: 0, active: 0, failed: 0, oldestWaitingSeconds: 0 },
        mail: { waiting: 0, delayed: 0, active: 0, failed: 0, oldestWaitingSeconds: 0 },
      },
      // No worker has checked the stored snapshots yet.
      snapshots: null,
    });

    // No worker yet: the SUBMIT's state change waits in the outbox.
    const created = await coordinator.post('/api/cases', exampleReferral());
    await sendAll(created.body.id, [
      ['RECORD_CONSENT', payloads.RECORD_CONSENT],
      ['SUBMIT', {}],
    ]);
    const backlog = (await health()).body;
    expect(backlog.outbox.pending).toBeGreaterThan(0);
    expect(backlog.outbox.oldestPendingSeconds).toBeGreaterThanOrEqual(0);

    // At real time the triage reminders (days 7 and 9) and expiry (day 10) stay planned, in PostgreSQL
    // alone: they are beyond the hour that Redis holds.
    await environment.startWorker({ TIME_SCALE_SECONDS_PER_DAY: String(24 * 3600) });
    const relayed = await waitFor(async () => {
      const current = (await health()).body;
      return current.outbox.pending === 0 && current.deadlines.pending === 3 && current;
    }, 'the relay to plan the triage deadlines');
    expect(relayed.status).toBe('ok');
    expect(relayed.deadlines).toMatchObject({ promoted: 0, oldestOverdueSeconds: 0 });
    expect(relayed.queues.deadlines).toMatchObject({ waiting: 0, delayed: 0, active: 0, failed: 0 });
    const checked = await waitFor(async () => (await health()).body.snapshots, 'the worker’s snapshot check');
    expect(checked).toMatchObject({ unreadable: 0, caseIds: [] });
  });

  it('shows the e-mails waiting in the mail outbox and how long the oldest has waited, in health and metrics', async () => {
    // No worker runs: two e-mails decided 90 s and 5 s ago wait to be sent (the job itself does not matter),
    // beside any notice an earlier test's worker left unsent.
    const before = (await health()).body.mailOutbox.pending as number;
    const keys = [`prova-attesa-${Date.now()}-1`, `prova-attesa-${Date.now()}-2`];
    await environment.database.query(
      `INSERT INTO mail_outbox (idempotency_key, job, queued_at)
       VALUES ($1, '{}', now() - interval '90 seconds'), ($2, '{}', now() - interval '5 seconds')`,
      keys,
    );
    try {
      const waiting = (await health()).body;
      expect(waiting.mailOutbox.pending).toBe(before + 2);
      expect(waiting.mailOutbox.oldestPendingSeconds).toBeGreaterThanOrEqual(90);
      expect(waiting.mailOutbox.oldestPendingSeconds).toBeLessThan(90 + 60);
      const samples = await scrape();
      expect(valueOf(samples, 'percorsi_mail_outbox_pending')).toBe(before + 2);
      expect(valueOf(samples, 'percorsi_mail_outbox_oldest_pending_seconds')).toBeGreaterThanOrEqual(90);
    } finally {
      await environment.database.query('DELETE FROM mail_outbox WHERE idempotency_key = ANY($1)', [keys]);
    }
    const after = (await health()).body.mailOutbox;
    expect(after.pending).toBe(before);
    expect(after.oldestPendingSeconds).toBeLessThan(90);
  });

  it('names the cases whose stored snapshot no released chart restores, as a worker’s check found them', async () => {
    // 21 cases broken behind the engine's back, one more than health names: one in a state its version does
    // not have, the others on a version never released.
    const { rows: broken } = await environment.database.query<{ id: string; snapshot: object }>(
      'SELECT id, snapshot FROM cases ORDER BY created_at DESC LIMIT 21',
    );
    await environment.database.query(
      `UPDATE cases SET snapshot = jsonb_set(snapshot, '{value}', '{"segnalazione": "smarrita"}') WHERE id = $1`,
      [broken[0]!.id],
    );
    await environment.database.query(
      `UPDATE cases SET snapshot = snapshot || '{"version": 99}' WHERE id = ANY($1)`,
      [broken.slice(1).map((row) => row.id)],
    );
    expect(broken).toHaveLength(21);
    const all = (await environment.database.query('SELECT count(*)::int AS n FROM cases')).rows[0].n;
    try {
      await environment.startWorker();
      const found = await waitFor(async () => {
        const snapshots = (await health()).body.snapshots;
        return snapshots?.unreadable === 21 && snapshots;
      }, 'the worker’s snapshot check');
      expect(found).toEqual({
        checkedAt: expect.any(String),
        checked: all,
        unreadable: 21,
        // The first 20 by id: health stays small however many there are.
        caseIds: broken
          .map((row) => row.id)
          .sort()
          .slice(0, 20),
      });
      expect(valueOf(await scrape(), 'percorsi_unreadable_cases')).toBe(21);
      await environment.stopWorkers();
    } finally {
      for (const { id, snapshot } of broken)
        await environment.database.query('UPDATE cases SET snapshot = $2 WHERE id = $1', [id, snapshot]);
    }
    // Repaired: the next check, at the next worker's start, finds none.
    await environment.startWorker();
    await waitFor(async () => (await health()).body.snapshots?.unreadable === 0, 'a check finding none');
  });

  it('says degraded when Redis cannot be reached, the metrics still answer, and events still go through', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    // BullMQ prints every failed reconnection to the console.
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const cutOff = await startApi(systemClock, {
      ...environment.env,
      REDIS_URL: `redis://127.0.0.1:${closedPort}`,
    });
    try {
      const response = await health(cutOff.anonymous);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'degraded',
        database: { ok: true },
        redis: { ok: false, error: expect.any(String) },
        deadlines: { pending: expect.any(Number), oldestOverdueSeconds: expect.any(Number) },
        mailOutbox: { pending: expect.any(Number), oldestPendingSeconds: expect.any(Number) },
        queues: null,
      });
      const started = Date.now();
      const metrics = await fetch(`${cutOff.anonymous.baseUrl}/api/metrics`);
      expect(metrics.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(5000);
      const text = await metrics.text();
      expect(text).toContain('percorsi_redis_up 0');
      expect(text).toMatch(/percorsi_deadlines\{state="pending"\} \d+/);
      // Counting the event in Redis fails, after the commit and without holding up the response.
      const user = await cutOff.anonymous.as('coordinatore@percorsi.demo');
      expect((await user.post('/api/cases', exampleReferral())).status).toBe(201);
    } finally {
      await cutOff.close();
      quiet.mockRestore();
    }
  });
});

describe('GET /api/metrics', () => {
  it('counts each committed event once, the worker’s escalation included, and the reminders sent', async () => {
    await environment.startWorker();
    const before = await scrape();
    const transitionsBefore = transitionsBy(before);

    const reminded = (await coordinator.post('/api/cases', exampleReferral())).body.id;
    await sendAll(reminded, [
      ['RECORD_CONSENT', payloads.RECORD_CONSENT],
      ['SUBMIT', {}],
    ]);
    const escalated = (await coordinator.post('/api/cases', exampleReferral())).body.id;
    const meetingDate = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
    await sendAll(escalated, [
      ['RECORD_CONSENT', payloads.RECORD_CONSENT],
      ['SUBMIT', {}],
      ['ACCEPT', {}],
      ['ASSIGN_ASSESSORS', payloads.ASSIGN_ASSESSORS],
      ['RECORD_DOMAIN_ASSESSMENT', { ...payloads.RECORD_DOMAIN_ASSESSMENT, domain: 'lavoro' }],
      ['RECORD_DOMAIN_ASSESSMENT', { ...payloads.RECORD_DOMAIN_ASSESSMENT, domain: 'casa' }],
      ['COMPLETE_ASSESSMENT', payloads.COMPLETE_ASSESSMENT],
      ['SCHEDULE_MEETING', { ...payloads.SCHEDULE_MEETING, date: meetingDate }],
    ]);
    await waitFor(
      async () => (await coordinator.get(`/api/cases/${escalated}`)).body.state.startsWith('equipe.secondo'),
      'the automatic escalation',
    );

    const sent = {
      CREATE_REFERRAL: 2,
      RECORD_CONSENT: 2,
      SUBMIT: 2,
      ACCEPT: 1,
      ASSIGN_ASSESSORS: 1,
      RECORD_DOMAIN_ASSESSMENT: 2,
      COMPLETE_ASSESSMENT: 1,
      SCHEDULE_MEETING: 1,
      ESCALATE: 1,
    };
    const counted = await waitFor(async () => {
      const now = transitionsBy(await scrape());
      const increase = Object.fromEntries(
        Object.entries(now)
          .map(([event, value]) => [event, value - (transitionsBefore[event] ?? 0)])
          .filter(([, value]) => value !== 0),
      );
      return increase.ESCALATE === 1 && increase;
    }, 'the escalation to be counted');
    expect(counted).toEqual(sent);

    // Reminders and notices: the jobs that fired and the e-mails that went out, as the catcher received them.
    const received = (id: string, kind: string) => () =>
      environment.mailsFor(id).some((mail) => mail.headers['x-percorsi-kind'] === kind);
    await waitFor(received(reminded, 'promemoria'), 'a reminder');
    await waitFor(received(escalated, 'escalation'), 'the escalation notices');
    const afterReminder = await waitFor(async () => {
      const samples = await scrape();
      return (
        valueOf(samples, 'percorsi_emails_sent_total', { kind: 'promemoria' }) -
          valueOf(before, 'percorsi_emails_sent_total', { kind: 'promemoria' }) ===
          mailsOfKind('promemoria') &&
        valueOf(samples, 'percorsi_emails_sent_total', { kind: 'escalation' }) -
          valueOf(before, 'percorsi_emails_sent_total', { kind: 'escalation' }) ===
          mailsOfKind('escalation') &&
        samples
      );
    }, 'the e-mails to be counted as the catcher received them');
    const firedSince = (labels: Record<string, string>) =>
      valueOf(afterReminder, 'percorsi_deadlines_fired_total', labels) -
      valueOf(before, 'percorsi_deadlines_fired_total', labels);
    expect(firedSince({ kind: 'reminder', result: 'reminded' })).toBeGreaterThanOrEqual(1);
    expect(firedSince({ kind: 'expiry', result: 'escalated' })).toBe(1);

    for (const queue of ['deadlines', 'mail'])
      for (const state of ['waiting', 'delayed', 'active', 'failed'])
        expect(afterReminder).toContainEqual({
          name: 'percorsi_queue_jobs',
          labels: { queue, state },
          value: expect.any(Number),
        });
    expect(afterReminder).toContainEqual({
      name: 'percorsi_outbox_pending',
      labels: {},
      value: expect.any(Number),
    });
  });
});
