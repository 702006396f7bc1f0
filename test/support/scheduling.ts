// Helpers for tests of deadlines: a database and queue prefix of the test file's own, worker child
// processes that can be killed, the mail catcher as the real SMTP peer, and polling.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Queue } from 'bullmq';
import pg from 'pg';
import { systemClock } from '../../libs/common/index.js';
import { seedDemo } from '../../libs/demo/index.js';
import { MailCatcher, type CaughtMail } from '../../libs/notifications/index.js';
import { CaseRepository, openDatabase } from '../../libs/persistence/index.js';
import {
  closeQueueConnection,
  DEADLINES_QUEUE,
  MAIL_QUEUE,
  queueConnectionOf,
} from '../../libs/scheduling/index.js';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SchedulingEnvironment {
  env: Record<string, string>;
  catcher: MailCatcher;
  queues: { deadlines: Queue; mail: Queue };
  database: pg.Pool;
  mailsFor(caseId: string): CaughtMail[];
  startWorker(extraEnv?: Record<string, string>): Promise<WorkerProcess>;
  /** Stops every worker still running, gracefully: between tests, so that each starts with none. */
  stopWorkers(): Promise<void>;
  close(): Promise<void>;
}

export interface WorkerProcess {
  child: ChildProcess;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * A migrated, seeded database and a queue prefix for this test file alone, plus the mail catcher. `redis`:
 * the URL of a Redis, or the node URLs of a Redis Cluster. On the shared PostgreSQL unless `adminUrl` names
 * another server (the chaos run's own, which it restarts).
 */
export async function schedulingEnvironment(
  secondsPerDay: number,
  redis: string | string[] = REDIS_URL,
  adminUrl = ADMIN_URL,
): Promise<SchedulingEnvironment> {
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const name = `percorsi_sched_${suffix}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dataSource = await openDatabase(url.toString());
  // No demo deadline may have passed: the worker would fire those at once, among the tests' own jobs.
  await seedDemo(dataSource, new CaseRepository(dataSource), systemClock, { spreadOverPast: false });
  // Nor are they planned at all: every job and e-mail a test counts is its own, and the test's rows are
  // not relayed behind the demo's two ambiti of backlog.
  await dataSource.query('UPDATE outbox SET sent_at = now() WHERE sent_at IS NULL');
  await dataSource.destroy();

  const catcher = new MailCatcher();
  const { smtpPort } = await catcher.listen(0, null);
  const prefix = `{percorsi-test-${suffix}}`;
  const env = {
    DATABASE_URL: url.toString(),
    ...(typeof redis === 'string' ? { REDIS_URL: redis } : { REDIS_CLUSTER_NODES: redis.join(',') }),
    QUEUE_PREFIX: prefix,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    TIME_SCALE_SECONDS_PER_DAY: String(secondsPerDay),
    RELAY_INTERVAL_MS: '50',
    NODE_ENV: 'test',
  };
  const connection = queueConnectionOf(
    typeof redis === 'string'
      ? { REDIS_URL: redis, REDIS_CLUSTER_NODES: undefined }
      : { REDIS_URL: REDIS_URL, REDIS_CLUSTER_NODES: redis },
  );
  const queues = {
    deadlines: new Queue(DEADLINES_QUEUE, { connection, prefix }),
    mail: new Queue(MAIL_QUEUE, { connection, prefix }),
  };
  const database = new pg.Pool({ connectionString: url.toString(), max: 2 });
  const workers = new Set<WorkerProcess>();

  return {
    env,
    catcher,
    queues,
    database,
    mailsFor: (caseId) => catcher.messages.filter((mail) => mail.headers['x-percorsi-case'] === caseId),
    async startWorker(extraEnv = {}) {
      const child = fork('dist/apps/worker/main.js', {
        env: { ...process.env, ...env, ...extraEnv },
        stdio: 'pipe',
      });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      const worker: WorkerProcess = {
        child,
        async kill(signal) {
          child.kill(signal);
          await exited;
          workers.delete(worker);
        },
      };
      workers.add(worker);
      let output = '';
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('worker ready')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`worker exited (${code}): ${output}`)));
      });
      return worker;
    },
    async stopWorkers() {
      await Promise.all([...workers].map((worker) => worker.kill('SIGTERM')));
    },
    async close() {
      for (const { child } of workers) child.kill('SIGKILL');
      await Promise.all([
        queues.deadlines.obliterate({ force: true }),
        queues.mail.obliterate({ force: true }),
      ]);
      await Promise.all([queues.deadlines.close(), queues.mail.close(), catcher.close(), database.end()]);
      await closeQueueConnection(connection);
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** The API in a process of its own (`PORT` in `env`; `0` for any free port), ready once it says where it listens. */
export function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const child = fork('dist/apps/api/main.js', { env: { ...process.env, ...env }, stdio: 'pipe' });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Percorsi API on (\S+)\/api/.exec(output);
      if (match) {
        output = '';
        resolve({
          url: match[1]!,
          child,
          async kill(signal) {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            await exited;
          },
        });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`API exited (${code}): ${output}`)));
  });
}

export interface PrivateRedis {
  url: string;
  /** Stops it with SIGKILL: without persistence, what it held is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

/**
 * A redis-server of the test's own, on a free loopback port (or `port`), without persistence (the
 * development default this issue is about): a test may FLUSHALL it, or kill it, without touching anyone
 * else's queues. `dir` is its working directory (the current one by default).
 */
export async function privateRedis(port?: number, dir?: string): Promise<PrivateRedis> {
  port ??= await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as { port: number };
      server.close(() => resolve(free));
    });
  });
  let child: ChildProcess | null = null;
  const redis: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const started = spawn(
        'redis-server',
        [
          '--bind',
          '127.0.0.1',
          '--port',
          String(port),
          '--save',
          '',
          '--appendonly',
          'no',
          ...(dir ? ['--dir', dir] : []),
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      child = started;
      await new Promise<void>((resolve, reject) => {
        let output = '';
        started.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Ready to accept connections')) resolve();
        });
        started.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
      });
    },
    async kill() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGKILL');
      await exited;
    },
  };
  await redis.start();
  return redis;
}
