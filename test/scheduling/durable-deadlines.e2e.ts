// Deadlines whose only home is PostgreSQL: Redis flushed, killed and wiped, a worker killed while a job
// runs, a state left while its job waits in Redis, the database restored from a dump. A Redis of this file's
// own (no persistence, the development default) so that flushing or killing it touches no one else's queues;
// real PostgreSQL, worker processes and an SMTP server. One business day lasts 0.5 s: the triage reminders
// fall due 3.5 s and 4.5 s after SUBMIT and the expiry at 5 s; Redis holds what is due within 2 s.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Redis } from 'ioredis';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { systemClock } from '../../libs/common/index.js';
import { MailSender, NotificationRepository } from '../../libs/notifications/index.js';
import { MailOutbox, type MailJob } from '../../libs/scheduling/index.js';
import { exampleReferral, type ExamplePayloads } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { demoPayloads } from '../support/demo-territory.js';
import {
  privateRedis,
  schedulingEnvironment,
  sleep,
  waitFor,
  type PrivateRedis,
  type SchedulingEnvironment,
} from '../support/scheduling.js';

const SECONDS_PER_DAY = 0.5;
const day = (days: number) => days * SECONDS_PER_DAY * 1000;
/**
 * How late a moment may fire after FLUSHALL and still count as fired at its time. Generous on purpose: on the
 * shared 2-core machine a loaded worker takes seconds (1 s flaked), while what the bound must catch is a moment
 * that waits for something other than its time — a later reconciliation, the next promotion — or never fires.
 */
const LATENESS_BOUND_MS = 10_000;
/** Reading the clock in two processes, to the millisecond: not "before its time". */
const CLOCK_READING_MS = 50;
const TRIAGE = ['promemoria', 'promemoria', 'scadenza'];
const WORKER_ENV = { DEADLINE_HORIZON_SECONDS: '2', RECONCILE_INTERVAL_MS: '300' };
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const run = promisify(execFile);

let redis: PrivateRedis;
let environment: SchedulingEnvironment;
let api: TestApi;
let coordinator: ApiClient;
let payloads: ExamplePayloads;

beforeAll(async () => {
  redis = await privateRedis();
  environment = await schedulingEnvironment(SECONDS_PER_DAY, redis.url);
  api = await startApi(systemClock, environment.env);
  coordinator = await api.anonymous.as('coordinatore@percorsi.demo');
  payloads = await demoPayloads(api.dataSource, new Date().toISOString().slice(0, 10));
});

afterEach(() => environment.stopWorkers());

afterAll(async () => {
  await api.close();
  await environment.close();
  await redis.kill();
});

async function submittedCase(): Promise<{ id: string; submittedAt: number }> {
  const created = await coordinator.post('/api/cases', exampleReferral());
  await coordinator.send(created.body.id, 'RECORD_CONSENT', payloads.RECORD_CONSENT);
  const submittedAt = Date.now();
  await coordinator.send(created.body.id, 'SUBMIT');
  return { id: created.body.id, submittedAt };
}

const kinds = (caseId: string) => environment.mailsFor(caseId).map((mail) => mail.headers['x-percorsi-kind']);

/** The case's deadline moments in PostgreSQL, soonest first. */
async function timersOf(caseId: string, database: pg.Pool = environment.database) {
  const { rows } = await database.query<{
    job_id: string;
    kind: string;
    promoted: boolean;
    fired: boolean;
  }>(
    `SELECT job_id, job->>'kind' AS kind, promoted_at IS NOT NULL AS promoted, fired_at IS NOT NULL AS fired
     FROM deadline_timers WHERE case_id = $1 ORDER BY run_at`,
    [caseId],
  );
  return rows;
}

async function inRedis(caseId: string): Promise<string[]> {
  const jobs = await environment.queues.deadlines.getJobs(['delayed', 'waiting', 'active']);
  return jobs.filter((job) => job.data.caseId === caseId).map((job) => job.id!);
}

/** The promoter claims the row, commits, then adds the job: both done. */
const firstPromoted = (caseId: string) => async () => {
  const [first] = await timersOf(caseId);
  return first?.promoted && (await inRedis(caseId)).includes(first.job_id);
};

/**
 * Each triage message once, and each received no earlier than the moment it belongs to fell due, as PostgreSQL
 * recorded it (the Message-ID names the moment: `<job id>.<kind>.<recipient>@percorsi`), and within the bound.
 */
async function expectTriageOnTime(id: string): Promise<void> {
  const mails = environment.mailsFor(id);
  expect(mails.map((mail) => mail.headers['x-percorsi-kind'])).toEqual(TRIAGE);
  const { rows } = await environment.database.query<{ job_id: string; run_at: Date }>(
    'SELECT job_id, run_at FROM deadline_timers WHERE case_id = $1',
    [id],
  );
  const dueAt = new Map(rows.map((row) => [row.job_id, row.run_at.getTime()]));
  for (const mail of mails) {
    const jobId = /^<(.+)\.[^.]+\.[^.]+@percorsi>$/.exec(mail.messageId ?? '')?.[1];
    expect(dueAt.has(jobId!)).toBe(true);
    const late = Date.parse(mail.receivedAt) - dueAt.get(jobId!)!;
    expect(late).toBeGreaterThanOrEqual(-CLOCK_READING_MS);
    expect(late).toBeLessThan(LATENESS_BOUND_MS);
  }
}

describe('PostgreSQL holds the deadlines, Redis only what falls due soon', () => {
  it('promotes a moment into Redis only within the horizon', async () => {
    await environment.startWorker(WORKER_ENV);
    const { id } = await submittedCase();
    await waitFor(async () => (await timersOf(id)).length === 3, 'the relay to plan the moments');
    // The first reminder (3.5 s ahead) enters Redis at 1.5 s, not before.
    const planned = await timersOf(id);
    expect(planned.map((timer) => timer.kind)).toEqual(['reminder', 'reminder', 'expiry']);
    expect(planned.filter((timer) => timer.promoted).length).toBeLessThan(3);
    await waitFor(firstPromoted(id), 'the promoter');
    await waitFor(() => environment.mailsFor(id).length >= 3, 'the messages');
    await waitFor(async () => (await timersOf(id)).every((timer) => timer.fired), 'each moment marked fired');
  });
});

describe('Redis losing its jobs', () => {
  it('FLUSHALL with pending deadlines: each fires once, at its time', async () => {
    await environment.startWorker(WORKER_ENV);
    const { id } = await submittedCase();
    await waitFor(firstPromoted(id), 'the first reminder in Redis');
    const flusher = new Redis(redis.url);
    await flusher.flushall();
    flusher.disconnect();
    await waitFor(() => environment.mailsFor(id).length >= 3, 'the messages', 30_000);
    await sleep(1500);
    await expectTriageOnTime(id);
    const { rows } = await environment.database.query(
      'SELECT sum(recreated)::int AS recreated FROM deadline_reconciliations',
    );
    expect(rows[0].recreated).toBeGreaterThanOrEqual(1);
  });

  it('Redis killed and restarted empty: changes made meanwhile commit, health says degraded, all fires once after', async () => {
    await environment.startWorker(WORKER_ENV);
    const before = await submittedCase();
    await waitFor(firstPromoted(before.id), 'the first reminder in Redis');
    // BullMQ prints every failed reconnection to the console.
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await redis.kill();
      const during = await submittedCase();
      const health = await api.anonymous.get('/api/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'degraded', redis: { ok: false }, database: { ok: true } });
      const started = Date.now();
      const metrics = await fetch(`${api.anonymous.baseUrl}/api/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('percorsi_redis_up 0');
      expect(Date.now() - started).toBeLessThan(5000);
      // Past the expiry of the case submitted before: every moment of it falls due while Redis is down.
      await sleep(Math.max(0, before.submittedAt + day(10) + 500 - Date.now()));
      expect(environment.mailsFor(before.id)).toEqual([]);
      expect((await api.anonymous.get('/api/health')).body.deadlines.oldestOverdueSeconds).toBeGreaterThan(0);
      await redis.start();
      await waitFor(
        () => environment.mailsFor(before.id).length >= 3 && kinds(during.id).includes('scadenza'),
        'the messages after Redis is back',
        30_000,
      );
      await sleep(1500);
      // Planned before Redis went down: all three fell due meanwhile and go out, late, once each.
      expect(kinds(before.id).sort()).toEqual(TRIAGE);
      // Planned once Redis is back (the relay queues the change's notices with it): a reminder whose deadline
      // had already passed by then is not sent (the planner's rule), the expiry is, and nothing twice.
      expect([TRIAGE, ['scadenza']]).toContainEqual(kinds(during.id).sort());
      expect((await api.anonymous.get('/api/health')).body).toMatchObject({
        status: 'ok',
        deadlines: { oldestOverdueSeconds: 0 },
      });
    } finally {
      quiet.mockRestore();
    }
  });
});

describe('e-mails that Redis loses', () => {
  const waiting = async (caseId: string) =>
    (
      await environment.database.query(
        "SELECT count(*)::int AS n FROM mail_outbox WHERE job->>'caseId' = $1",
        [caseId],
      )
    ).rows[0].n as number;

  it('sends once a reminder whose e-mail job Redis lost before it went out', async () => {
    await environment.startWorker(WORKER_ENV);
    // The mail server refuses for now: the reminder's e-mail waits in Redis for its retry.
    environment.catcher.refuseWith = 'Servizio temporaneamente non disponibile';
    let id: string;
    try {
      ({ id } = await submittedCase());
      await waitFor(async () => (await waiting(id)) >= 1, 'the first reminder waiting to go out');
      const flusher = new Redis(redis.url);
      await flusher.flushall();
      flusher.disconnect();
    } finally {
      environment.catcher.refuseWith = null;
    }
    await waitFor(() => environment.mailsFor(id).length >= 3, 'the messages', 30_000);
    await sleep(1500);
    expect(kinds(id).sort()).toEqual(TRIAGE);
    expect(await waiting(id)).toBe(0);
  });

  /** A message queued as a worker queues it, its job then taken out: no worker runs it, only this test. */
  async function queuedMail(): Promise<MailJob> {
    const created = await coordinator.post('/api/cases', exampleReferral());
    const me = (await coordinator.get('/api/me')).body;
    const mail: MailJob = {
      idempotencyKey: `${created.body.id}.prova.${Date.now()}`,
      caseId: created.body.id,
      kind: 'promemoria',
      deadlineKey: null,
      recipient: { userId: me.id, email: me.email, fullName: me.fullName },
      subject: 'Promemoria di prova',
      text: 'Un solo messaggio.',
    };
    await new MailOutbox(api.dataSource, environment.queues.mail, systemClock).queue([mail]);
    await environment.queues.mail.remove(mail.idempotencyKey);
    return mail;
  }

  const senderWith = (notifications: NotificationRepository, leaseMs?: number) =>
    new MailSender(
      environment.env.SMTP_URL,
      'Percorsi <noreply@percorsi.local>',
      notifications,
      systemClock,
      { connections: 1, leaseMs },
    );

  const deliveries = (mail: MailJob) =>
    environment.catcher.messages.filter(
      (message) => message.messageId === `<${mail.idempotencyKey}@percorsi>`,
    );

  it('sends a message once when two workers run its job at the same time', async () => {
    const mail = await queuedMail();
    const created = { body: { id: mail.caseId } };
    // The two sends below are the only ones.
    const sender = senderWith(new NotificationRepository(api.dataSource));
    try {
      const outcomes = await Promise.allSettled([sender.send(mail), sender.send(mail)]);
      expect(
        outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value === 'sent'),
      ).toHaveLength(1);
      // The other found it claimed (and is retried by the queue) or already sent.
      expect(await sender.send(mail)).toBe('already_sent');
    } finally {
      sender.close();
    }
    expect(deliveries(mail)).toHaveLength(1);
    expect(await waiting(created.body.id)).toBe(0);
  });

  /** A worker's own connections to PostgreSQL, named so that the test can end them as a restarting server does. */
  async function workerDatabase(): Promise<DataSource> {
    return new DataSource({
      type: 'postgres',
      url: environment.env.DATABASE_URL,
      applicationName: 'percorsi-sending-worker',
      poolSize: 4,
    }).initialize();
  }

  it("records, and does not send again, a message the server accepted while PostgreSQL ended the worker's connections, after Redis lost its job", async () => {
    const mail = await queuedMail();
    const own = await workerDatabase();
    const sending = senderWith(new NotificationRepository(own));
    const next = senderWith(new NotificationRepository(api.dataSource));
    const admin = new pg.Client({ connectionString: environment.env.DATABASE_URL });
    await admin.connect();
    const remembered: string[] = [];
    try {
      // The server takes the message and is slow to say so: meanwhile PostgreSQL restarts.
      let answer!: () => void;
      environment.catcher.answerAfter = new Promise((resolve) => (answer = resolve));
      const sent = sending
        .send(mail, { accepted: null, remember: async (id) => remembered.push(id) })
        .catch((error: Error) => error.message);
      await waitFor(() => deliveries(mail).length === 1, 'the server to take the message');
      // For two seconds every statement of the worker's waits and its connection is ended, as a restart ends it.
      await admin.query('BEGIN');
      await admin.query('LOCK TABLE mail_outbox, notifications IN ACCESS EXCLUSIVE MODE');
      answer();
      const restartEnds = Date.now() + 2000;
      while (Date.now() < restartEnds) {
        await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE application_name = 'percorsi-sending-worker' AND wait_event_type = 'Lock'`,
        );
        await sleep(20);
      }
      await admin.query('ROLLBACK');
      const first = await sent;
      // Redis was wiped: the job the reconciler puts back knows nothing of the first attempt; a minute passes.
      await environment.database.query(
        "UPDATE mail_outbox SET claimed_until = now() - interval '1 second' WHERE idempotency_key = $1",
        [mail.idempotencyKey],
      );
      const second = await next.send(mail);
      expect(deliveries(mail)).toHaveLength(1);
      expect([first, second]).toEqual(['sent', 'already_sent']);
    } finally {
      environment.catcher.answerAfter = null;
      await admin.end();
      sending.close();
      next.close();
      await own.destroy();
    }
    // Its first record failed: the acceptance was noted on the job too, for a retry.
    expect(remembered).toEqual([`<${mail.idempotencyKey}@percorsi>`]);
    const { rows } = await environment.database.query(
      'SELECT smtp_message_id FROM notifications WHERE idempotency_key = $1',
      [mail.idempotencyKey],
    );
    expect(rows).toEqual([{ smtp_message_id: `<${mail.idempotencyKey}@percorsi>` }]);
    expect(await waiting(mail.caseId)).toBe(0);
  });

  it("keeps a second job from sending a message whose server answers only after the claim's first lease", async () => {
    const mail = await queuedMail();
    const leaseMs = 1000;
    const slow = senderWith(new NotificationRepository(api.dataSource), leaseMs);
    const next = senderWith(new NotificationRepository(api.dataSource), leaseMs);
    try {
      let answer!: () => void;
      environment.catcher.answerAfter = new Promise((resolve) => (answer = resolve));
      const sent = slow.send(mail);
      await waitFor(() => deliveries(mail).length === 1, 'the server to take the message');
      // Three leases later the first worker still waits for the answer, and holds the claim.
      await sleep(3 * leaseMs);
      await expect(next.send(mail)).rejects.toThrow('being sent by another worker');
      answer();
      expect(await sent).toBe('sent');
      expect(await next.send(mail)).toBe('already_sent');
    } finally {
      environment.catcher.answerAfter = null;
      slow.close();
      next.close();
    }
    expect(deliveries(mail)).toHaveLength(1);
  });

  it('does not send a message whose claim ran out, and went to another worker, while its worker stood still', async () => {
    const mail = await queuedMail();
    const leaseMs = 400;
    const other = new NotificationRepository(api.dataSource);
    class StandsStillAfterClaiming extends NotificationRepository {
      override async claim(key: string, owner: string, lease: number) {
        const claim = await super.claim(key, owner, lease);
        // The event loop blocked past the lease (a starved or paused process), then another worker claims.
        const until = Date.now() + 2 * leaseMs;
        while (Date.now() < until);
        expect((await other.claim(key, 'ffffffff-0000-4000-8000-000000000000', 60_000)).claimed).toBe(true);
        return claim;
      }
    }
    const stalled = senderWith(new StandsStillAfterClaiming(api.dataSource), leaseMs);
    try {
      await expect(stalled.send(mail)).rejects.toThrow('another worker took it');
    } finally {
      stalled.close();
    }
    expect(deliveries(mail)).toHaveLength(0);
  });

  it('records, and does not send again, a message whose acceptance only the job in Redis remembers', async () => {
    const mail = await queuedMail();
    const sender = senderWith(new NotificationRepository(api.dataSource));
    try {
      // PostgreSQL was restarting when the server accepted it: the note is on the job's progress alone.
      const accepted = `<${mail.idempotencyKey}@percorsi>`;
      expect(await sender.send(mail, { accepted, remember: async () => undefined })).toBe('sent');
      expect(await sender.send(mail)).toBe('already_sent');
    } finally {
      sender.close();
    }
    expect(deliveries(mail)).toHaveLength(0);
    expect(await waiting(mail.caseId)).toBe(0);
  });
});

describe('a job in Redis for a state already left', () => {
  it('is withdrawn when the state is left, and sends nothing', async () => {
    await environment.startWorker(WORKER_ENV);
    const { id } = await submittedCase();
    await waitFor(firstPromoted(id), 'the first reminder in Redis');
    const reminder = (await timersOf(id))[0]!.job_id;
    expect(await inRedis(id)).toContain(reminder);
    await coordinator.send(id, 'ACCEPT');
    await waitFor(async () => !(await inRedis(id)).includes(reminder), 'the job withdrawn');
    await sleep(day(10) + 500);
    expect(environment.mailsFor(id)).toEqual([]);
    expect((await timersOf(id)).map((timer) => timer.job_id)).not.toContain(reminder);
  });

  it('fires into the guard when nobody withdrew it, and sends nothing', async () => {
    const worker = await environment.startWorker(WORKER_ENV);
    const { id } = await submittedCase();
    await waitFor(firstPromoted(id), 'the first reminder in Redis');
    // No worker relays the ACCEPT: the jobs stay in Redis and fall due with their rows still there.
    await worker.kill('SIGKILL');
    await coordinator.send(id, 'ACCEPT');
    await sleep(day(10) + 300);
    expect((await inRedis(id)).length).toBeGreaterThanOrEqual(1);
    await environment.startWorker(WORKER_ENV);
    await waitFor(async () => (await inRedis(id)).length === 0, 'the stale jobs to run or be withdrawn');
    await sleep(1000);
    // Nothing of triage, the state left. (On a loaded machine valutazione's own expiry, 15 s after ACCEPT, may
    // fall due by now: it is the state the case is in, not a stale job.)
    const ofTriage = environment.mailsFor(id).filter((mail) => mail.messageId?.includes('.triage.'));
    expect(ofTriage).toEqual([]);
    const { rows } = await environment.database.query(
      "SELECT 1 FROM deadline_expirations WHERE case_id = $1 AND deadline_key = 'triage'",
      [id],
    );
    expect(rows).toEqual([]);
  });
});

describe('a worker killed while it fires', () => {
  it('fires the moment once when the worker dies after sending and before completing', async () => {
    const worker = await environment.startWorker(WORKER_ENV);
    const { id } = await submittedCase();
    await waitFor(firstPromoted(id), 'the first reminder in Redis');
    const reminder = (await timersOf(id))[0]!.job_id;
    // Holding the row makes the worker stop right after the reminder went out, before it is marked fired.
    const holder = await environment.database.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM deadline_timers WHERE job_id = $1 FOR UPDATE', [reminder]);
      await waitFor(() => environment.mailsFor(id).length >= 1, 'the reminder');
      expect(await (await environment.queues.deadlines.getJob(reminder))?.isActive()).toBe(true);
      await worker.kill('SIGKILL');
    } finally {
      await holder.query('COMMIT');
      holder.release();
    }
    // Another worker takes the stalled job over once its lock has expired, and runs it again.
    await environment.startWorker(WORKER_ENV);
    await waitFor(
      async () => (await timersOf(id)).every((timer) => timer.fired),
      'every moment fired, the stalled one included',
      90_000,
    );
    await sleep(1000);
    // The later two may both be overdue when the new worker starts, and go out in either order.
    expect(kinds(id).sort()).toEqual(TRIAGE);
  }, 120_000);
});

describe('PostgreSQL restored from a dump', () => {
  it('brings every pending deadline back through the reconciler, each fired once', async () => {
    const worker = await environment.startWorker(WORKER_ENV);
    const cases = await Promise.all([submittedCase(), submittedCase(), submittedCase()]);
    await waitFor(
      async () => (await Promise.all(cases.map(({ id }) => firstPromoted(id)()))).every(Boolean),
      'a reminder of each case in Redis',
    );
    // The disaster: the worker and Redis's jobs are gone; the backup taken now is restored into a new database.
    await worker.kill('SIGKILL');
    const directory = mkdtempSync(join(tmpdir(), 'percorsi-dump-'));
    const dump = join(directory, 'percorsi.dump');
    const restoredUrl = new URL(environment.env.DATABASE_URL);
    restoredUrl.pathname = `${restoredUrl.pathname}_restored`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      await run('pg_dump', ['--format=custom', '--file', dump, environment.env.DATABASE_URL]);
      const flusher = new Redis(redis.url);
      await flusher.flushall();
      flusher.disconnect();
      await admin.query(`CREATE DATABASE "${restoredUrl.pathname.slice(1)}"`);
      await run('pg_restore', ['--no-owner', '--dbname', restoredUrl.toString(), dump]);
      const restored = new pg.Pool({ connectionString: restoredUrl.toString(), max: 1 });
      try {
        const pending = await Promise.all(cases.map(({ id }) => timersOf(id, restored)));
        expect(pending.map((timers) => timers.length)).toEqual([3, 3, 3]);
        const reconciled = async () =>
          (await restored.query('SELECT coalesce(sum(recreated), 0)::int AS n FROM deadline_reconciliations'))
            .rows[0].n as number;
        const reconciledBefore = await reconciled();
        await environment.startWorker({ ...WORKER_ENV, DATABASE_URL: restoredUrl.toString() });
        await waitFor(
          () => cases.every(({ id }) => environment.mailsFor(id).length >= 3),
          'every message from the restored database',
          30_000,
        );
        await sleep(1500);
        for (const { id } of cases) expect(kinds(id).sort()).toEqual(TRIAGE);
        expect((await reconciled()) - reconciledBefore).toBeGreaterThanOrEqual(3);
      } finally {
        await restored.end();
      }
    } finally {
      await environment.stopWorkers();
      await admin.query(`DROP DATABASE IF EXISTS "${restoredUrl.pathname.slice(1)}" WITH (FORCE)`);
      await admin.end();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
