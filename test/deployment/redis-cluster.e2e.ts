// The queues on a real Redis Cluster: three masters on loopback ports 7201–7203 (bus ports 17201–17203),
// without persistence, the API and worker processes given REDIS_CLUSTER_NODES. Every queue key lands in the
// slot of the prefix's hash tag; reminders and an automatic escalation go out once; a master killed and
// started again empty loses the jobs it held, and the reconciler puts them back so that each moment fires
// once. Real PostgreSQL and SMTP (the mail catcher). One business day lasts 0.5 s: the triage reminders fall
// due 3.5 s and 4.5 s after SUBMIT and the expiry at 5 s; Redis holds what is due within 2 s.
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { systemClock } from '../../libs/common/index.js';
import { exampleReferral, type ExamplePayloads } from '../../workflows/case/index.js';
import { ApiClient, startApi, type TestApi } from '../support/api.js';
import { demoPayloads, ESCALATION_NOTIFIED, toConvenedEquipe } from '../support/demo-territory.js';
import { redisCluster, type RedisCluster } from '../support/redis-cluster.js';
import { schedulingEnvironment, sleep, waitFor, type SchedulingEnvironment } from '../support/scheduling.js';

const PORTS = [7201, 7202, 7203];
const SECONDS_PER_DAY = 0.5;
const TRIAGE = ['promemoria', 'promemoria', 'scadenza'];
const WORKER_ENV = { DEADLINE_HORIZON_SECONDS: '2', RECONCILE_INTERVAL_MS: '300' };

let cluster: RedisCluster;
let environment: SchedulingEnvironment;
let api: TestApi;
let coordinator: ApiClient;
let payloads: ExamplePayloads;

beforeAll(async () => {
  cluster = await redisCluster(PORTS);
  environment = await schedulingEnvironment(SECONDS_PER_DAY, cluster.nodes);
  api = await startApi(systemClock, environment.env);
  coordinator = await api.anonymous.as('coordinatore@percorsi.demo');
  payloads = await demoPayloads(api.dataSource, new Date().toISOString().slice(0, 10));
});

afterEach(() => environment.stopWorkers());

afterAll(async () => {
  await api?.close();
  await environment?.close();
  await cluster?.close();
});

async function submittedCase(): Promise<string> {
  const created = await coordinator.post('/api/cases', exampleReferral());
  await coordinator.send(created.body.id, 'RECORD_CONSENT', payloads.RECORD_CONSENT);
  await coordinator.send(created.body.id, 'SUBMIT');
  return created.body.id;
}

const kinds = (caseId: string) => environment.mailsFor(caseId).map((mail) => mail.headers['x-percorsi-kind']);

/** The case's first deadline moment is promoted in PostgreSQL and its job is in Redis. */
const firstPromoted = (caseId: string) => async () => {
  const { rows } = await environment.database.query<{ job_id: string; promoted: boolean }>(
    `SELECT job_id, promoted_at IS NOT NULL AS promoted FROM deadline_timers
     WHERE case_id = $1 ORDER BY run_at LIMIT 1`,
    [caseId],
  );
  return rows[0]?.promoted && (await environment.queues.deadlines.getJob(rows[0].job_id)) !== undefined;
};

const recreatedJobs = async () =>
  (
    await environment.database.query<{ n: number }>(
      'SELECT coalesce(sum(recreated), 0)::int AS n FROM deadline_reconciliations',
    )
  ).rows[0]!.n;

describe('a Redis Cluster of three masters', () => {
  it('keeps every queue key on the master of the prefix’s hash tag, and sends each reminder once', async () => {
    await environment.startWorker(WORKER_ENV);
    const id = await submittedCase();
    await waitFor(firstPromoted(id), 'the first reminder in Redis');
    const prefix = environment.env.QUEUE_PREFIX!;
    const keys = await cluster.keys(`${prefix}*`);
    const holders = [...keys].filter(([, found]) => found.length > 0).map(([port]) => port);
    expect(holders).toEqual([await cluster.masterOf(prefix)]);
    expect(keys.get(holders[0]!)).toEqual(
      expect.arrayContaining([`${prefix}:deadlines:delayed`, `${prefix}:metrics`]),
    );
    await waitFor(() => environment.mailsFor(id).length >= 3, 'the triage messages', 30_000);
    await sleep(1500);
    expect(kinds(id)).toEqual(TRIAGE);
    expect((await api.anonymous.get('/api/health')).body).toMatchObject({
      status: 'ok',
      redis: { ok: true },
    });
  });

  it('escalates a first-level equipe that does not meet in 20 days once, and tells each member once', async () => {
    await environment.startWorker(WORKER_ENV);
    const id = await submittedCase();
    // The meeting convened a month ahead: the equipe's 20 days run out first.
    const SCHEDULE_MEETING = {
      ...payloads.SCHEDULE_MEETING,
      date: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
    };
    for (const [type, data] of toConvenedEquipe({ ...payloads, SCHEDULE_MEETING })) {
      await coordinator.send(id, type, data);
    }
    await waitFor(() => kinds(id).includes('escalation'), 'the automatic escalation and its notices', 30_000);
    await sleep(1500);
    const history = (await coordinator.get(`/api/cases/${id}/history`)).body.items;
    expect(history.filter((row: { eventType: string }) => row.eventType === 'ESCALATE')).toEqual([
      expect.objectContaining({ actorName: 'Sistema', toState: 'equipe.secondo_livello.da_convocare' }),
    ]);
    const notified = environment
      .mailsFor(id)
      .filter((mail) => mail.headers['x-percorsi-kind'] === 'escalation')
      .map((mail) => mail.to[0])
      .sort();
    expect(notified).toEqual(ESCALATION_NOTIFIED);
  });

  it('puts back the jobs of a master restarted empty, and fires each moment once', async () => {
    await environment.startWorker(WORKER_ENV);
    const id = await submittedCase();
    await waitFor(firstPromoted(id), 'the first reminder in Redis');
    const recreatedBefore = await recreatedJobs();
    const master = await cluster.masterOf(environment.env.QUEUE_PREFIX!);
    // The in-process API's client prints every failed reconnection to the console.
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await cluster.kill(master);
      await waitFor(
        async () => (await api.anonymous.get('/api/health')).body.status === 'degraded',
        'health to say degraded',
      );
      expect(environment.mailsFor(id)).toEqual([]);
      await cluster.start(master);
      await waitFor(() => environment.mailsFor(id).length >= 3, 'the triage messages', 30_000);
      await sleep(1500);
      expect(kinds(id).sort()).toEqual(TRIAGE);
      expect((await recreatedJobs()) - recreatedBefore).toBeGreaterThanOrEqual(1);
      await waitFor(
        async () => (await api.anonymous.get('/api/health')).body.status === 'ok',
        'health to say ok again',
      );
    } finally {
      quiet.mockRestore();
    }
  }, 90_000);
});
