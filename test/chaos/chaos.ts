// The fault-injection run (issue 16): two API processes and two workers on one PostgreSQL and one Redis,
// both of the run's own (it restarts them), simulated operators driving cases over HTTP while an API and a
// worker are killed with SIGKILL, Redis is restarted with its data wiped and PostgreSQL is restarted the
// way a crash does; then a ledger that reconciles what the operators were told with what PostgreSQL holds,
// and every deadline that fell due with what fired. `npm run chaos` runs it long, test/chaos/short-chaos.e2e.ts
// briefly in `npm test`.
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MAIL_LEASE_MS } from '../../libs/notifications/index.js';
import { DeadlineRulesRepository } from '../../libs/persistence/deadline-rules.repository.js';
import { planJobs, type PlannedJob, type StateChange } from '../../libs/scheduling/index.js';
import {
  exampleReferral,
  examplePayloads,
  happyPath,
  type CaseEventType,
} from '../../workflows/case/index.js';
import { ApiClient, type ApiResponse } from '../support/api.js';
import { ambitoTerritory } from '../support/demo-territory.js';
import { privatePostgres, type PrivatePostgres } from '../support/private-postgres.js';
import {
  privateRedis,
  schedulingEnvironment,
  sleep,
  startApiProcess,
  type ApiProcess,
  type PrivateRedis,
  type SchedulingEnvironment,
  type WorkerProcess,
} from '../support/scheduling.js';

export interface ChaosOptions {
  operators: number;
  durationSeconds: number;
  /** One business day lasts this many seconds, so that deadlines fall due during the run. */
  secondsPerDay: number;
  /** Each operator waits about this long between two requests (a person reading the page). */
  thinkMs: number;
  /** The run's servers listen on basePort + 1 (PostgreSQL), + 2 (Redis), + 3 and + 4 (the APIs). */
  basePort: number;
  /** How long the run waits at most for the system to recover from a fault (it measures each fault's). */
  recoverySeconds: number;
  /** After the operators stop, how long the run waits at most for everything due to have fired. */
  settleSeconds: number;
  log(line: string): void;
  /** Where each API's and worker's output goes (appended), when set. */
  logDir?: string;
}

type Status = number | 'refused' | 'no_answer';

/** One write an operator made, and what it was told. */
interface WriteRecord {
  caseId: string | null;
  type: CaseEventType | 'CREATE_REFERRAL';
  expectedVersion: number;
  userId: string;
  status: Status;
  code?: string;
  /** A referral's codice fiscale: its person is the run's own, so it names the case an unanswered creation made. */
  codiceFiscale?: string;
}

export interface FaultFigure {
  fault: string;
  at: number;
  /** From the fault to the component running again (an API listening, a worker ready, a server accepting). */
  restartSeconds: number | null;
  /**
   * From the fault to every API healthy, a write through each committing and nothing due left waiting (with a
   * later fault's effects, when it came first); null when not within the run's `recoverySeconds`.
   */
  recoverySeconds: number | null;
  /** What the operators' writes got between the fault and the recovery. */
  refused: Record<string, number>;
}

export interface ChaosFigures {
  operators: number;
  durationSeconds: number;
  secondsPerDay: number;
  requests: number;
  writes: number;
  statuses: Record<string, number>;
  faults: FaultFigure[];
  transitions: {
    answered: number;
    historyRows: number;
    confirmed: number;
    answerLost: number;
    byDeadline: number;
    lost: number;
    doubled: number;
    orphans: number;
  };
  errors500: number;
  halfWritten: number;
  deadlines: {
    planned: number;
    dueJudged: number;
    fired: number;
    lost: number;
    doubled: number;
    withdrawn: number;
    /** Fired, and their e-mail to the coordinators still waiting in the mail outbox when the run ended. */
    mailPending: number;
    emailsSent: number;
    emailsRepeated: number;
    emailsRepeatedByFault: number;
    escalations: number;
  };
  outboxUnrelayed: number;
  overdueUnfired: number;
  /**
   * E-mails still in the mail outbox when the settle phase ended: `pending` with their job waiting, delayed or
   * running in Redis, or with no job at all (a reconciler re-creates it: at the latest when a worker starts),
   * so not lost; `stuck` with a job that failed for good (no reconciler replaces a job that exists); the
   * oldest's age when the run looked.
   */
  mail: { pending: number; stuck: number; oldestWaitingSeconds: number };
  settleSeconds: number;
  parkedCases: number;
  problems: string[];
}

const CONSONANTS = 'BCDFGLMNPRSTVZ';
/** A person of her own for every referral: distinct first three consonants of surname and name. */
function uniquePerson(counter: number): { firstName: string; lastName: string } {
  const letters = (n: number) =>
    [0, 1, 2].map((i) => CONSONANTS[Math.floor(n / CONSONANTS.length ** i) % CONSONANTS.length]);
  const size = CONSONANTS.length ** 3;
  const [a, b, c] = letters(counter % size);
  const [d, e, f] = letters(Math.floor(counter / size) % size);
  return { lastName: `${a}a${b}e${c}i`.replace(/^./, (x) => x.toUpperCase()), firstName: `${d}o${e}u${f}a` };
}

const AMBITI = [
  { ambito: 'valdinievole', email: 'coordinatore@percorsi.demo' },
  { ambito: 'piana_di_lucca', email: 'coordinatore.lucca@percorsi.demo' },
];

/** Where the operators park a case, to let its deadlines fall due: after the event at this index of the path. */
const PARK_AFTER: { event: CaseEventType; share: number }[] = [
  { event: 'SUBMIT', share: 0.2 }, // triage: two reminders to the coordinator and an alert
  { event: 'ASSIGN_ASSESSORS', share: 0.1 }, // valutazione: reminders to the assessors
  { event: 'COMPLETE_ASSESSMENT', share: 0.1 }, // first-level equipe: escalation on expiry
];

function classify(error: unknown): 'refused' | 'no_answer' {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  return code === 'ECONNREFUSED' ? 'refused' : 'no_answer';
}

export async function runChaos(options: ChaosOptions): Promise<ChaosFigures> {
  const { log } = options;
  const problems: string[] = [];
  const started = Date.now();
  const elapsed = () => (Date.now() - started) / 1000;
  const redisDir = mkdtempSync(join(tmpdir(), 'percorsi-chaos-redis-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'percorsi-chaos-data-'));
  let postgres: PrivatePostgres | null = null;
  let redis: PrivateRedis | null = null;
  let environment: SchedulingEnvironment | null = null;
  let database: DataSource | null = null;
  const apis: (ApiProcess | null)[] = [null, null];
  const workers: (WorkerProcess | null)[] = [null, null];
  try {
    postgres = await privatePostgres(options.basePort + 1);
    redis = await privateRedis(options.basePort + 2, redisDir);
    environment = await schedulingEnvironment(options.secondsPerDay, redis.url, postgres.adminUrl);
    // The ledger's own queue connections report Redis going away: expected here.
    for (const queue of Object.values(environment.queues)) queue.on('error', () => undefined);
    const env: Record<string, string> = {
      ...environment.env,
      SEED_DEMO: 'false',
      DATA_DIR: dataDir,
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATABASE_POOL_SIZE: '8',
      // Moments due within 5 s are in Redis, later ones only in PostgreSQL: both kinds meet the faults.
      DEADLINE_HORIZON_SECONDS: '5',
    };
    const apiPorts = [options.basePort + 3, options.basePort + 4];
    const keepOutput = (name: string, child: ChildProcess) => {
      if (!options.logDir) return;
      const file = join(options.logDir, `${name}.log`);
      child.stdout?.on('data', (chunk: Buffer) => appendFileSync(file, chunk));
      child.stderr?.on('data', (chunk: Buffer) => appendFileSync(file, chunk));
    };
    // As a supervisor would (systemd, Kubernetes): a process that exits while starting (PostgreSQL restarting
    // under its migrations) is started again.
    const untilUp = async <T>(start: () => Promise<T>): Promise<T> => {
      const since = Date.now();
      for (;;) {
        try {
          return await start();
        } catch (error) {
          if (Date.now() - since > 120_000) throw error;
          await sleep(1000);
        }
      }
    };
    const startApi = async (index: number) => {
      apis[index] = await untilUp(() => startApiProcess({ ...env, PORT: String(apiPorts[index]) }));
      keepOutput(`api-${index + 1}`, apis[index]!.child);
    };
    const startWorker = async (index: number) => {
      workers[index] = await untilUp(() => environment!.startWorker(env));
      keepOutput(`worker-${index + 1}`, workers[index]!.child);
    };
    await Promise.all([startApi(0), startApi(1), startWorker(0), startWorker(1)]);
    const urls = apis.map((api) => api!.url);
    database = new DataSource({ type: 'postgres', url: env.DATABASE_URL, poolSize: 4 });
    await database.initialize();
    const today = new Date().toISOString().slice(0, 10);
    const sessions = await Promise.all(
      AMBITI.map(async ({ ambito, email }) => {
        const client = await new ApiClient(urls[0]!).as(email);
        const me = await client.get('/api/me');
        const payloads = examplePayloads(await ambitoTerritory(database!, ambito), today);
        return { client, userId: me.body.id as string, payloads, ambito };
      }),
    );
    log(
      `chaos: servers up in ${elapsed().toFixed(1)} s; ${options.operators} operators for ${options.durationSeconds} s`,
    );

    const writes: WriteRecord[] = [];
    const statuses: Record<string, number> = {};
    let requests = 0;
    const count = (status: Status) => {
      requests += 1;
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    };
    const call = async (client: ApiClient, method: string, path: string, body?: unknown) => {
      let status: Status;
      let answer: ApiResponse | null = null;
      try {
        answer = await client.request(method, path, body);
        status = answer.status;
      } catch (error) {
        status = classify(error);
      }
      count(status);
      if (status === 500)
        problems.push(`${method} ${path} → 500 at ${new Date().toISOString().slice(11, 23)}`);
      return { status, body: answer?.body };
    };

    let stopping = false;
    const parked: string[] = [];
    let personCounter = 0;
    const runStart = new Date();

    /** One operator: referrals taken along the common path, some parked where their deadlines run. */
    const operator = async (index: number) => {
      const session = sessions[index % sessions.length]!;
      let apiIndex = Math.floor(index / sessions.length) % 2;
      const clientAt = () => session.client.at(urls[apiIndex]!);
      const think = () => sleep(options.thinkMs * (0.5 + Math.random()));
      const write = async (
        record: Omit<WriteRecord, 'status' | 'userId' | 'code'>,
        path: string,
        body: unknown,
      ) => {
        const answer = await call(clientAt(), 'POST', path, body);
        // A refused connection is the load balancer's cue: the next request goes to the other API.
        if (answer.status === 'refused') apiIndex = 1 - apiIndex;
        writes.push({ ...record, userId: session.userId, status: answer.status, code: answer.body?.code });
        return answer;
      };
      const read = async (path: string) => {
        for (;;) {
          const answer = await call(clientAt(), 'GET', path);
          if (answer.status === 200) return answer.body;
          if (answer.status === 'refused') apiIndex = 1 - apiIndex;
          if (answer.status === 404) return null;
          await sleep(500);
        }
      };
      /** Sends one event until it is applied (true) or can no longer be (false). */
      const apply = async (caseId: string, step: { type: CaseEventType; data: unknown }, version: number) => {
        for (let attempt = 0; attempt < 30 && !stopping; attempt++) {
          const body = { type: step.type, data: step.data, expectedVersion: version };
          const record = { caseId, type: step.type, expectedVersion: version };
          const path = `/api/cases/${caseId}/events`;
          // Now and then two tabs send the same event at once, through both APIs: one wins, one gets 409.
          const answers =
            Math.random() < 0.05
              ? await Promise.all([write(record, path, body), write(record, path, body)])
              : [await write(record, path, body)];
          const won = answers.find((answer) => answer.status === 200);
          if (won) return won.body.version as number;
          const codes = answers.map((answer) => answer.body?.code);
          if (codes.includes('illegal_event')) return null;
          const unexpected = answers.find(
            (answer) => typeof answer.status === 'number' && ![409, 500, 503].includes(answer.status),
          );
          if (unexpected) {
            problems.push(
              `${step.type} on ${caseId} → ${unexpected.status} ${JSON.stringify(unexpected.body)}`,
            );
            return null;
          }
          // Unknown or refused outcome: read what the case says, as the page would after a reload.
          await sleep(300);
          const history = await read(`/api/cases/${caseId}/history`);
          if (!history) return null;
          const entries: { seq: number; eventType: string }[] = history.items;
          const ours = entries.find((entry) => entry.seq === version + 1 && entry.eventType === step.type);
          if (ours) return ours.seq;
          version = Math.max(...entries.map((entry) => entry.seq));
        }
        return null;
      };
      while (!stopping) {
        const referral = exampleReferral(uniquePerson(personCounter++));
        const created = await write(
          {
            caseId: null,
            type: 'CREATE_REFERRAL',
            expectedVersion: 0,
            codiceFiscale: referral.person.codiceFiscale,
          },
          '/api/cases',
          referral,
        );
        if (created.status !== 201) {
          if (typeof created.status === 'number' && ![500, 503].includes(created.status))
            problems.push(`referral → ${created.status} ${JSON.stringify(created.body)}`);
          await sleep(500);
          continue;
        }
        const caseId: string = created.body.id;
        writes.at(-1)!.caseId = caseId;
        let version = 1;
        const roll = Math.random();
        let share = 0;
        const parkAt = PARK_AFTER.find((park) => roll < (share += park.share))?.event;
        for (const step of happyPath(session.payloads)) {
          if (stopping) break;
          await think();
          const next = await apply(caseId, step, version);
          if (next === null) break;
          version = next;
          if (step.type === parkAt) {
            parked.push(caseId);
            break;
          }
        }
      }
    };

    // The faults, spread over the run; each is followed by its recovery, measured by a probe.
    const faultFigures: FaultFigure[] = [];
    const probeClients = sessions[0]!;
    const probeCreated = await call(
      probeClients.client,
      'POST',
      '/api/cases',
      exampleReferral(uniquePerson(9_999_999)),
    );
    const probeCase = probeCreated.body.id as string;
    writes.push({
      caseId: probeCase,
      type: 'CREATE_REFERRAL',
      expectedVersion: 0,
      userId: probeClients.userId,
      status: probeCreated.status,
    });
    let probeVersion = 1;
    const probeWrite = async (url: string): Promise<boolean> => {
      const record = { caseId: probeCase, type: 'UPDATE_REFERRAL' as const, expectedVersion: probeVersion };
      const answer = await call(probeClients.client.at(url), 'POST', `/api/cases/${probeCase}/events`, {
        type: 'UPDATE_REFERRAL',
        data: { urgency: probeVersion % 2 ? 'alta' : 'ordinaria' },
        expectedVersion: probeVersion,
      });
      writes.push({ ...record, userId: probeClients.userId, status: answer.status, code: answer.body?.code });
      if (answer.status === 200) probeVersion = answer.body.version;
      else if (answer.status !== 'refused') {
        const current = await call(probeClients.client.at(url), 'GET', `/api/cases/${probeCase}`);
        if (current.status === 200) probeVersion = current.body.version;
      }
      return answer.status === 200;
    };
    const healthy = async (): Promise<boolean> => {
      for (const url of urls) {
        const health = await call(new ApiClient(url!), 'GET', '/api/health');
        if (health.status !== 200 || health.body.status !== 'ok') return false;
        if (health.body.deadlines.oldestOverdueSeconds > 2) return false;
      }
      // Nor may e-mails be held up: a message waiting this long is one that a fault left stuck.
      const [mail] = await database!.query(
        "SELECT count(*)::int AS stuck FROM mail_outbox WHERE queued_at < now() - interval '10 seconds'",
      );
      if (mail.stuck > 0) return false;
      for (const url of urls) if (!(await probeWrite(url!))) return false;
      return true;
    };
    // Each fault at its own time, a fifth of the run apart, whether or not the one before has recovered: faults
    // overlap as they do in production, and the run does not grow with how slowly a loaded machine restarts a
    // process. The component comes back in the background; one probe, every 200 ms, measures each fault's
    // recovery (for up to `recoverySeconds`): the first moment the whole system is healthy again after it.
    const backAgain: Promise<void>[] = [];
    const recovering: { figure: FaultFigure; at: number; from: number }[] = [];
    /** What the operators' writes got from the fault (the write at index `from`) until now. */
    const refusedSince = (from: number) => {
      const refused: Record<string, number> = {};
      for (const record of writes.slice(from)) {
        if (record.status === 200 || record.status === 201) continue;
        const key = `${record.status}${record.code ? ` ${record.code}` : ''}`;
        refused[key] = (refused[key] ?? 0) + 1;
      }
      return refused;
    };
    const injectFault = (fault: string, inject: () => Promise<void>) => {
      const at = Date.now();
      log(`chaos: ${fault} at ${elapsed().toFixed(1)} s`);
      const figure: FaultFigure = {
        fault,
        at: (at - started) / 1000,
        restartSeconds: null,
        recoverySeconds: null,
        refused: {},
      };
      faultFigures.push(figure);
      recovering.push({ figure, at, from: writes.length });
      backAgain.push(inject().then(() => void (figure.restartSeconds = (Date.now() - at) / 1000)));
    };
    const probe = async (faultsInjected: () => boolean) => {
      const bound = options.recoverySeconds * 1000;
      while (!faultsInjected() || recovering.length) {
        for (const late of recovering.filter(({ at }) => Date.now() - at > bound)) {
          recovering.splice(recovering.indexOf(late), 1);
          late.figure.refused = refusedSince(late.from);
          log(`chaos: ${late.figure.fault}: not recovered within ${options.recoverySeconds} s`);
        }
        if (recovering.length && (await healthy().catch(() => false))) {
          const healthyAt = Date.now();
          for (const { figure, at, from } of recovering.splice(0)) {
            figure.recoverySeconds = (healthyAt - at) / 1000;
            figure.refused = refusedSince(from);
            log(`chaos: ${figure.fault}: recovered in ${figure.recoverySeconds.toFixed(1)} s`);
          }
        }
        await sleep(200);
      }
    };
    const faults = async () => {
      const step = (options.durationSeconds * 1000) / 5;
      const waitUntil = (fraction: number) =>
        sleep(Math.max(0, runStart.getTime() + step * fraction - Date.now()));
      await waitUntil(1);
      // The worker first: the e-mails it had claimed wait for its claim to run out (a minute), within the run.
      injectFault('worker 1 killed (SIGKILL), restarted', async () => {
        await workers[0]!.kill('SIGKILL');
        await startWorker(0);
      });
      await waitUntil(2);
      injectFault('API 1 killed (SIGKILL), restarted', async () => {
        await apis[0]!.kill('SIGKILL');
        await startApi(0);
      });
      await waitUntil(3);
      injectFault('Redis killed, data wiped, restarted', async () => {
        await redis!.kill();
        rmSync(redisDir, { recursive: true, force: true });
        mkdirSync(redisDir);
        // Down for a second: the APIs keep committing, health says degraded, the relay waits.
        await sleep(1000);
        await redis!.start();
      });
      await waitUntil(4);
      injectFault('PostgreSQL restarted (immediate)', () => postgres!.restart());
    };

    const operatorRuns = Array.from({ length: options.operators }, (_, index) => operator(index));
    let faultsInjected = false;
    const probing = probe(() => faultsInjected);
    await Promise.all([sleep(options.durationSeconds * 1000), faults().then(() => (faultsInjected = true))]);
    stopping = true;
    await Promise.all([...operatorRuns, probing]);
    const operatorsStopped = Date.now();
    log(`chaos: operators stopped at ${elapsed().toFixed(1)} s after ${requests} requests; settling`);

    // Everything due by now must fire: wait until nothing is left to relay, due, or waiting to be sent (the
    // mail outbox drained: an e-mail is done when its row is gone, whatever Redis holds).
    const cut = new Date();
    const settled = async () => {
      const [row] = await database!.query(
        `SELECT (SELECT count(*) FROM outbox WHERE sent_at IS NULL)::int AS outbox,
                (SELECT count(*) FROM deadline_timers WHERE fired_at IS NULL AND run_at < $1)::int AS due,
                (SELECT count(*) FROM mail_outbox)::int AS mail`,
        [cut],
      );
      const mail = await environment!.queues.mail.getJobCounts('waiting', 'delayed', 'active');
      const deadlines = await environment!.queues.deadlines.getJobCounts('waiting', 'active');
      return (
        row.outbox === 0 &&
        row.due === 0 &&
        row.mail === 0 &&
        mail.waiting + mail.delayed + mail.active + deadlines.waiting + deadlines.active === 0
      );
    };
    while (Date.now() - operatorsStopped < options.settleSeconds * 1000) {
      if (await settled().catch(() => false)) break;
      await sleep(500);
    }
    const settleSeconds = (Date.now() - operatorsStopped) / 1000;
    // A process restarted after its fault may still be starting (a loaded machine): stopped once it has.
    await Promise.all(backAgain);
    await Promise.all([...apis, ...workers].map((process) => process?.kill('SIGTERM')));

    const figures = await ledger(database, environment, {
      runStart,
      cut,
      writes,
      secondsPerDay: options.secondsPerDay,
      problems,
      workerKills: faultFigures
        .filter((fault) => fault.fault.startsWith('worker'))
        .map((fault) => started + fault.at * 1000),
    });
    return {
      operators: options.operators,
      durationSeconds: options.durationSeconds,
      secondsPerDay: options.secondsPerDay,
      requests,
      writes: writes.length,
      statuses,
      faults: faultFigures,
      ...figures,
      errors500: statuses['500'] ?? 0,
      settleSeconds,
      parkedCases: parked.length,
      problems,
    };
  } finally {
    await Promise.all([...apis, ...workers].map((process) => process?.kill('SIGKILL')));
    await database?.destroy().catch(() => undefined);
    await environment?.close().catch((error: unknown) => log(`chaos: cleaning up: ${String(error)}`));
    await redis?.kill();
    await postgres?.destroy();
    rmSync(redisDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface LedgerInput {
  runStart: Date;
  cut: Date;
  writes: WriteRecord[];
  secondsPerDay: number;
  problems: string[];
  /** When a worker was killed (ms since the epoch). */
  workerKills: number[];
}

type LedgerFigures = Pick<
  ChaosFigures,
  'transitions' | 'halfWritten' | 'deadlines' | 'outboxUnrelayed' | 'overdueUnfired' | 'mail'
>;

/**
 * The job states in which a waiting e-mail will still be sent: by the queue, or by the job a reconciler
 * re-creates when there is none (`unknown`: e.g. a moment that fired as the workers were stopped, its row
 * written and its job not yet added).
 */
const MAIL_ON_ITS_WAY = new Set([
  'waiting',
  'delayed',
  'active',
  'prioritized',
  'waiting-children',
  'unknown',
]);

/** How much later than its sender wrote it the run's mail catcher may record a message, at most. */
const CATCHER_LAG_MS = 5000;

/** A moment left unfired when its state entry ended this much later than it fell due counts as lost. */
const WITHDRAWN_LATE_MS = 60_000;

/**
 * Reconciles what the operators were told with what PostgreSQL holds, and every deadline moment the run's
 * state changes planned (the relay's own planner replayed over the outbox) with what fired.
 */
async function ledger(
  database: DataSource,
  environment: SchedulingEnvironment,
  { runStart, cut, writes, secondsPerDay, problems, workerKills }: LedgerInput,
): Promise<LedgerFigures> {
  const ids: string[] = (
    await database.query('SELECT case_id FROM case_history WHERE seq = 1 AND at >= $1', [runStart])
  ).map((row: { case_id: string }) => row.case_id);
  const history: {
    case_id: string;
    seq: number;
    event_type: string;
    actor_user_id: string | null;
    at: Date;
    from_state: string | null;
    event_data: { reason?: string };
  }[] = await database.query(
    `SELECT case_id, seq, event_type, actor_user_id, at, from_state, event_data FROM case_history
     WHERE case_id = ANY($1) ORDER BY case_id, seq`,
    [ids],
  );

  // A referral whose answer never came (the API killed) or came as 503 (the connection lost at its commit)
  // has no case id from the API; its person, the run's own, names the case it made, if it made one.
  const casesByCode = new Map(
    (
      (await database.query(
        `SELECT c.id, upper(p.codice_fiscale) AS code FROM cases c JOIN persons p ON p.id = c.person_id
         WHERE c.id = ANY($1)`,
        [ids],
      )) as { id: string; code: string | null }[]
    ).map((row) => [row.code, row.id]),
  );
  for (const write of writes)
    if (write.type === 'CREATE_REFERRAL' && !write.caseId && write.codiceFiscale)
      write.caseId = casesByCode.get(write.codiceFiscale.toUpperCase()) ?? null;

  // Every answer against every history row: a row is keyed by case and seq, a write by the seq it asked for.
  const key = (caseId: string, seq: number) => `${caseId}#${seq}`;
  const writesAt = new Map<string, WriteRecord[]>();
  for (const write of writes) {
    if (!write.caseId) continue;
    const at = key(write.caseId, write.expectedVersion + 1);
    writesAt.set(at, [...(writesAt.get(at) ?? []), write]);
  }
  const rows = new Map(history.map((row) => [key(row.case_id, row.seq), row]));
  const transitions = { answered: 0, historyRows: history.length, confirmed: 0, answerLost: 0 };
  let byDeadline = 0;
  let lost = 0;
  let doubled = 0;
  let orphans = 0;
  for (const row of history) {
    const asked = (writesAt.get(key(row.case_id, row.seq)) ?? []).filter(
      (write) => write.type === row.event_type,
    );
    const told = asked.filter((write) => write.status === 200 || write.status === 201);
    if (told.length === 1) transitions.confirmed += 1;
    else if (told.length > 1) {
      doubled += told.length - 1;
      problems.push(`${told.length} successes for one history row: ${row.case_id} seq ${row.seq}`);
    } else if (row.actor_user_id === null && row.event_type === 'ESCALATE') byDeadline += 1;
    // No answer (the API killed), or 503 from an API that lost its connection at the commit: the outcome
    // was in doubt for the client, which reads the case before sending again.
    else if (asked.some((write) => write.status === 'no_answer' || write.status === 503))
      transitions.answerLost += 1;
    else {
      orphans += 1;
      const statuses = asked.map((write) => write.status).join(', ') || 'no request';
      problems.push(
        `history row without a success: ${row.case_id} seq ${row.seq} ${row.event_type} (${statuses})`,
      );
    }
  }
  for (const write of writes) {
    if (write.status !== 200 && write.status !== 201) continue;
    transitions.answered += 1;
    const row = write.caseId && rows.get(key(write.caseId, write.expectedVersion + 1));
    if (!row || row.event_type !== write.type) {
      lost += 1;
      problems.push(
        `${write.status} without its history row: ${write.caseId} ${write.type} v${write.expectedVersion}`,
      );
    }
  }

  // A case is whole when its version, its history and its state agree, and every state entry has its outbox row.
  const broken: { id: string }[] = await database.query(
    `SELECT c.id FROM cases c
       JOIN LATERAL (SELECT count(*)::int AS n, max(seq) AS m, (array_agg(to_state ORDER BY seq DESC))[1] AS last
                     FROM case_history h WHERE h.case_id = c.id) h ON true
     WHERE c.id = ANY($1) AND (h.n <> c.version OR h.m <> c.version OR h.last <> c.state)
     UNION
     SELECT h.case_id FROM case_history h
     WHERE h.case_id = ANY($1) AND h.seq > 1 AND h.from_state IS DISTINCT FROM h.to_state
       AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = h.case_id AND o.seq = h.seq AND o.kind = 'state_changed')`,
    [ids],
  );
  for (const { id } of broken) problems.push(`case ${id} is half-written`);

  // Deadlines: the moments each state change planned, replayed with the relay's planner at its relay time.
  const outbox: {
    case_id: string;
    kind: string;
    payload: StateChange;
    sent_at: Date | null;
    ambito: string;
  }[] = await database.query(
    `SELECT o.case_id, o.kind, o.payload, o.sent_at, c.ambito FROM outbox o JOIN cases c ON c.id = o.case_id
       WHERE o.case_id = ANY($1) AND o.kind = 'state_changed' ORDER BY o.case_id, o.seq`,
    [ids],
  );
  const rules = new DeadlineRulesRepository(database);
  const overrides = new Map<string, Awaited<ReturnType<DeadlineRulesRepository['overridesFor']>>>();
  for (const { ambito } of outbox)
    if (!overrides.has(ambito)) overrides.set(ambito, await rules.overridesFor(ambito));
  const moments: { job: PlannedJob; leftAt: Date | null }[] = [];
  outbox.forEach((row, index) => {
    const previous = index > 0 && outbox[index - 1]!.case_id === row.case_id ? outbox[index - 1]! : null;
    const next = outbox[index + 1]?.case_id === row.case_id ? outbox[index + 1]! : null;
    const plan = planJobs(
      row.payload,
      previous?.payload ?? null,
      overrides.get(row.ambito)!,
      row.sent_at ?? cut,
      secondsPerDay,
    );
    for (const job of plan.add) moments.push({ job, leftAt: next ? new Date(next.payload.at) : null });
  });

  const fired = new Set(
    (
      await database.query(
        'SELECT job_id FROM deadline_timers WHERE case_id = ANY($1) AND fired_at IS NOT NULL',
        [ids],
      )
    ).map((row: { job_id: string }) => row.job_id),
  );
  const notifications: { idempotency_key: string }[] = await database.query(
    'SELECT idempotency_key FROM notifications WHERE case_id = ANY($1)',
    [ids],
  );
  // A deadline's e-mail key is `<job id>.<kind>.<recipient>`: counted per job id once, not searched per moment.
  const mailsByJob = new Map<string, number>();
  for (const { idempotency_key: key } of notifications) {
    const jobId = key.split('.').slice(0, -2).join('.');
    mailsByJob.set(jobId, (mailsByJob.get(jobId) ?? 0) + 1);
  }
  const mailsOf = (jobId: string) => mailsByJob.get(jobId) ?? 0;
  // E-mails not sent yet: each still a row of the mail outbox (for every case, the run's probe included).
  const waitingMail: { idempotency_key: string; age: number }[] = await database.query(
    'SELECT idempotency_key, extract(epoch FROM now() - queued_at)::float AS age FROM mail_outbox',
  );
  const waitingByJob = new Map<string, number>();
  for (const { idempotency_key: key } of waitingMail) {
    const jobId = key.split('.').slice(0, -2).join('.');
    waitingByJob.set(jobId, (waitingByJob.get(jobId) ?? 0) + 1);
  }
  const mail = { pending: 0, stuck: 0, oldestWaitingSeconds: 0 };
  for (const { idempotency_key: key, age } of waitingMail) {
    const state = await environment.queues.mail.getJobState(key).catch(() => 'unreadable');
    mail.oldestWaitingSeconds = Math.max(mail.oldestWaitingSeconds, age);
    if (MAIL_ON_ITS_WAY.has(state)) mail.pending += 1;
    else {
      mail.stuck += 1;
      problems.push(`e-mail waiting in the mail outbox with no job that will send it (${state}): ${key}`);
    }
  }
  const expirations = new Set(
    (
      await database.query(
        'SELECT case_id, deadline_key, starts_at FROM deadline_expirations WHERE case_id = ANY($1)',
        [ids],
      )
    ).map(
      (row: { case_id: string; deadline_key: string; starts_at: Date }) =>
        `${row.case_id}.${row.deadline_key}.${row.starts_at.getTime()}`,
    ),
  );
  const escalations = history.filter(
    (row) =>
      row.actor_user_id === null && row.event_type === 'ESCALATE' && row.event_data.reason === 'scadenza',
  );
  const deliveries = new Map<string, number[]>();
  for (const mail of environment.catcher.messages) {
    const id = mail.messageId ?? '';
    deliveries.set(id, [...(deliveries.get(id) ?? []), Date.parse(mail.receivedAt)]);
  }
  // SMTP is not transactional: a message the server accepted from a worker killed before it recorded it goes
  // again once the dead worker's claim runs out, with the same Message-ID, which the receiving server can
  // recognise. Such repeats, first delivered within a claim's lease before a worker was killed (or a few
  // seconds after: the catcher, in this busy process, records a message once it has read it all, which the
  // worker may have written just before it died), are counted apart; any other repeat (Redis wiped, PostgreSQL
  // restarted, an API killed, a worker alive) is a double.
  let emailsRepeated = 0;
  let emailsRepeatedByFault = 0;
  for (const [messageId, times] of deliveries) {
    if (times.length < 2) continue;
    const first = Math.min(...times);
    const byFault = workerKills.some(
      (kill) => first <= kill + CATCHER_LAG_MS && kill - first <= MAIL_LEASE_MS,
    );
    if (byFault) emailsRepeatedByFault += times.length - 1;
    else emailsRepeated += times.length - 1;
    const at = times.map((time) => new Date(time).toISOString().slice(11, 23)).join(', ');
    if (!byFault) problems.push(`e-mail delivered ${times.length} times: ${messageId} at ${at}`);
  }

  const deadlines = {
    planned: moments.length,
    dueJudged: 0,
    fired: 0,
    lost: 0,
    doubled: 0,
    withdrawn: 0,
    mailPending: 0,
    emailsSent: environment.catcher.messages.length,
    emailsRepeated,
    emailsRepeatedByFault,
    escalations: escalations.length,
  };
  for (const { job, leftAt } of moments) {
    const { caseId, kind, deadline, recipients } = job.data;
    const startsAt = new Date(deadline.startsAt).getTime();
    const escalatedBy = escalations.filter(
      (row) =>
        row.case_id === caseId && row.from_state?.startsWith(deadline.state) && row.at.getTime() >= startsAt,
    );
    const escalating = kind === 'expiry' && !!deadline.onExpiry && 'send' in deadline.onExpiry;
    const mails = mailsOf(job.id);
    const waiting = waitingByJob.get(job.id) ?? 0;
    const wasFired =
      fired.has(job.id) ||
      mails > 0 ||
      waiting > 0 ||
      (kind === 'expiry' && expirations.has(`${caseId}.${deadline.key}.${startsAt}`)) ||
      (escalating && escalatedBy.length > 0);
    if (escalating && escalatedBy.length > 1) {
      deadlines.doubled += escalatedBy.length - 1;
      problems.push(`${escalatedBy.length} escalations for one expiry: ${job.id}`);
    }
    const leftBySelf = escalating && escalatedBy.length > 0;
    const judged =
      job.runAt < cut &&
      (!leftAt || leftBySelf || leftAt.getTime() - job.runAt.getTime() > WITHDRAWN_LATE_MS);
    if (wasFired) deadlines.fired += 1;
    if (!judged) {
      if (!wasFired && job.runAt < cut) deadlines.withdrawn += 1;
      continue;
    }
    deadlines.dueJudged += 1;
    const told = escalating ? ['coordinatore'] : recipients;
    if (!wasFired) {
      deadlines.lost += 1;
      problems.push(`deadline moment due and never fired: ${job.id} (due ${job.runAt.toISOString()})`);
    } else if (
      mails === 0 &&
      told.some((recipient) => recipient === 'coordinatore' || recipient === 'supervisore')
    ) {
      // Its e-mail decided and waiting in the mail outbox: late, not lost (the mail figures say whether a job
      // will still send it).
      if (waiting > 0) {
        deadlines.mailPending += 1;
        continue;
      }
      deadlines.lost += 1;
      problems.push(`deadline moment fired without its e-mail: ${job.id} (due ${job.runAt.toISOString()})`);
    }
  }

  const [left] = await database.query(
    `SELECT (SELECT count(*) FROM outbox WHERE sent_at IS NULL AND created_at < $1)::int AS outbox,
            (SELECT count(*) FROM deadline_timers WHERE fired_at IS NULL AND run_at < $1)::int AS overdue`,
    [cut],
  );
  return {
    transitions: { ...transitions, byDeadline, lost, doubled, orphans },
    halfWritten: broken.length,
    deadlines,
    outboxUnrelayed: left.outbox,
    overdueUnfired: left.overdue,
    mail,
  };
}

/** What makes the run fail: anything lost, doubled, half-written, left unrelayed or unfired. */
export function failuresOf(figures: ChaosFigures): string[] {
  const failures: string[] = [];
  const { transitions: t, deadlines: d } = figures;
  if (t.lost) failures.push(`${t.lost} transitions answered 200 and lost`);
  if (t.doubled) failures.push(`${t.doubled} transitions doubled`);
  if (t.orphans) failures.push(`${t.orphans} history rows no request or deadline caused`);
  if (figures.halfWritten) failures.push(`${figures.halfWritten} cases half-written`);
  if (d.lost) failures.push(`${d.lost} deadline moments lost`);
  if (d.doubled || d.emailsRepeated)
    failures.push(`${d.doubled + d.emailsRepeated} deadline firings or e-mails doubled`);
  if (figures.outboxUnrelayed) failures.push(`${figures.outboxUnrelayed} outbox rows unrelayed`);
  if (figures.overdueUnfired) failures.push(`${figures.overdueUnfired} deadline moments overdue and unfired`);
  // E-mails still waiting with their job in the queue are late, not lost: printed, not a failure.
  if (figures.mail.stuck)
    failures.push(`${figures.mail.stuck} e-mails waiting with no job that will send them`);
  if (figures.faults.some((fault) => fault.recoverySeconds === null))
    failures.push("a fault did not recover within the run's bound");
  return failures;
}

export function formatFigures(figures: ChaosFigures): string {
  const { transitions: t, deadlines: d } = figures;
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ') || 'none';
  return [
    `operators ${figures.operators}, ${figures.durationSeconds} s, a business day = ${figures.secondsPerDay} s; ${figures.parkedCases} cases parked where deadlines run`,
    `requests ${figures.requests} (writes ${figures.writes}); statuses ${counts(figures.statuses)}`,
    ...figures.faults.map(
      (fault) =>
        `fault at ${fault.at.toFixed(1)} s: ${fault.fault}; running again in ${fault.restartSeconds?.toFixed(1) ?? 'NEVER'} s, recovered in ${fault.recoverySeconds?.toFixed(1) ?? 'NOT WITHIN THE BOUND'} s; writes refused meanwhile: ${counts(fault.refused)}`,
    ),
    `transitions: ${t.answered} answered 200/201, ${t.historyRows} history rows = ${t.confirmed} confirmed + ${t.answerLost} committed with the answer lost or in doubt (503) + ${t.byDeadline} by deadline + ${t.orphans} orphan; lost ${t.lost}, doubled ${t.doubled}`,
    `500s ${figures.errors500}, half-written cases ${figures.halfWritten}`,
    `deadlines: ${d.planned} moments planned, ${d.dueJudged} due in a state still held (or left 60 s after) → lost ${d.lost}, fired with their e-mail still waiting to be sent ${d.mailPending}; ${d.fired} fired in all, ${d.withdrawn} withdrawn unfired with their state; ${d.escalations} escalations, doubled ${d.doubled}`,
    `e-mails: ${d.emailsSent} delivered, ${d.emailsRepeated} repeated, ${d.emailsRepeatedByFault} sent again because a worker was killed between the SMTP server accepting them and their record (same Message-ID)`,
    `e-mails waiting in the mail outbox at the end: ${figures.mail.pending} pending in the queue (oldest ${figures.mail.oldestWaitingSeconds.toFixed(1)} s), ${figures.mail.stuck} stuck (their job failed for good)`,
    `outbox rows unrelayed ${figures.outboxUnrelayed}; moments overdue and unfired ${figures.overdueUnfired}; settled in ${figures.settleSeconds.toFixed(1)} s`,
  ].join('\n');
}
