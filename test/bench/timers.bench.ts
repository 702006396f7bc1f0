// How the deadlines cope with volume: BENCH_TIMERS running deadline moments (1,000,000 by default) in
// PostgreSQL, spread over a year, of which BENCH_DUE (10,000) fall due during the run, within BENCH_WINDOW_MS.
// The real promoter (DeadlineTimers, the hour's horizon) moves what falls due into BullMQ; a worker runs the
// real job path against PostgreSQL (the moment's row read, then marked fired; no e-mail), so this measures
// PostgreSQL, BullMQ and Redis, not SMTP. Printed: Redis memory once the horizon is promoted, the promoter's
// throughput, lateness (fire time − due time) of what fell due. Beside them, measured in the same run, the
// former design, every pending deadline a delayed job in Redis: BENCH_BASELINE (100,000) such jobs enqueued,
// their memory per deadline, and that figure for BENCH_TIMERS deadlines. A figure to watch, not a test.
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { systemClock } from '../../libs/common/index.js';
import { openDatabase } from '../../libs/persistence/index.js';
import {
  DEADLINE_JOB_OPTIONS,
  DEADLINES_QUEUE,
  DeadlineTimers,
  redisConnectionOf,
  type DeadlineJob,
} from '../../libs/scheduling/index.js';
import { databaseUrl, dropDatabase, percentile } from './bench-support.js';

const COUNT = Number(process.env.BENCH_TIMERS ?? 1_000_000);
const DUE = Number(process.env.BENCH_DUE ?? 10_000);
const BASELINE = Number(process.env.BENCH_BASELINE ?? 100_000);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 100_000);
const LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 20_000);
const HORIZON_MS = 3600 * 1000;
const YEAR_MS = 365 * 24 * 3600 * 1000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BATCH = 1000;

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const thousands = (value: number) => Math.round(value).toLocaleString('en');

function jobData(n: number, startsAt: number, dueAt: number): DeadlineJob {
  return {
    caseId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    kind: 'expiry',
    deadline: {
      key: 'triage',
      state: 'segnalazione.inviata',
      startsAt: new Date(startsAt).toISOString(),
      dueAt: new Date(dueAt).toISOString(),
      onExpiry: { alert: ['supervisore'] },
    },
    recipients: ['supervisore'],
  };
}

/** The former design: every pending deadline a delayed job in Redis, as the relay used to add them. */
async function baseline(redis: Redis, prefix: string): Promise<number> {
  const queue = new Queue(DEADLINES_QUEUE, { connection: redisConnectionOf(REDIS_URL), prefix });
  try {
    const before = await usedMemory(redis);
    const now = Date.now();
    for (let offset = 0; offset < BASELINE; offset += BATCH) {
      await queue.addBulk(
        Array.from({ length: Math.min(BATCH, BASELINE - offset) }, (_, index) => {
          const n = offset + index;
          const runAt = now + HORIZON_MS + Math.floor((n / BASELINE) * YEAR_MS);
          return {
            name: 'expiry',
            data: jobData(n, now, runAt),
            opts: { ...DEADLINE_JOB_OPTIONS, jobId: `baseline.${n}`, delay: runAt - now },
          };
        }),
      );
    }
    return (await usedMemory(redis)) - before;
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

async function main(): Promise<void> {
  const suffix = randomBytes(3).toString('hex');
  const name = `percorsi_bench_timers_${suffix}`;
  const prefix = `{percorsi-bench-${suffix}}`;
  const redis = new Redis(REDIS_URL);
  console.log(
    `Timer bench: ${thousands(COUNT)} running deadlines over a year, ${thousands(DUE)} of them due within ` +
      `${WINDOW_MS / 1000} s from ${LEAD_MS / 1000} s after the start; horizon 1 h; queue prefix ${prefix}`,
  );

  const baselineBytes = await baseline(redis, `${prefix}-baseline`);
  const perDeadline = baselineBytes / BASELINE;

  const dataSource = await openDatabase(databaseUrl(name), 8);
  const queue = new Queue<DeadlineJob>(DEADLINES_QUEUE, { connection: redisConnectionOf(REDIS_URL), prefix });
  let worker: Worker | null = null;
  try {
    // A bench database of its own: the moments name cases that do not exist, so the foreign key goes.
    await dataSource.query('ALTER TABLE deadline_timers DROP CONSTRAINT deadline_timers_case_id_fkey');
    const insertStarted = performance.now();
    const insert = (from: number, to: number, start: number) =>
      // The first DUE fall due in the window from `start`; the rest spread over the year after the horizon.
      dataSource.query(
        `INSERT INTO deadline_timers (job_id, case_id, run_at, job)
         SELECT 'bench.' || n,
                ('00000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid,
                to_timestamp((CASE WHEN n < $2 THEN $3 + (n::float8 / $2) * $4
                                   ELSE $3 + $5 + ((n - $2)::float8 / ($1 - $2)) * $6 END) / 1000),
                jsonb_build_object('caseId', '00000000-0000-4000-8000-' || lpad(n::text, 12, '0'),
                  'kind', 'expiry', 'recipients', jsonb_build_array('supervisore'),
                  'deadline', jsonb_build_object('key', 'triage',
                    'state', 'segnalazione.inviata', 'startsAt', now(), 'dueAt', now(),
                    'onExpiry', jsonb_build_object('alert', jsonb_build_array('supervisore'))))
         FROM generate_series($7::int, $8::int) AS n`,
        [COUNT, DUE, start, WINDOW_MS, HORIZON_MS, YEAR_MS, from, to - 1],
      );
    for (let offset = DUE; offset < COUNT; offset += 100_000)
      await insert(offset, Math.min(COUNT, offset + 100_000), Date.now());
    // The window is placed once the year is written, so that it starts LEAD_MS from now.
    const start = Date.now() + LEAD_MS;
    await insert(0, DUE, start);
    await dataSource.query('ANALYZE deadline_timers');
    console.log(
      `PostgreSQL          ${thousands(COUNT)} moments written in ${((performance.now() - insertStarted) / 1000).toFixed(1)} s`,
    );

    const timers = new DeadlineTimers(dataSource, queue, systemClock, { horizonMs: HORIZON_MS });
    const memoryBefore = await usedMemory(redis);
    const promoteStarted = performance.now();
    const promoted = await timers.promoteDue();
    const promoteSeconds = (performance.now() - promoteStarted) / 1000;
    const inRedis = (await usedMemory(redis)) - memoryBefore;

    const lateness: number[] = [];
    let allFired: () => void;
    const done = new Promise<void>((resolve) => (allFired = resolve));
    worker = new Worker<DeadlineJob>(
      DEADLINES_QUEUE,
      async (job) => {
        // Lateness is when the job starts, as in the former bench; the round trips follow.
        const n = Number(job.id!.slice('bench.'.length));
        const late = Date.now() - (start + (n / DUE) * WINDOW_MS);
        const timer = await timers.atFiring(job.id!);
        if (timer.status !== 'due') throw new Error(`${job.id}: ${timer.status}`);
        await timers.markFired(job.id!);
        if (n < DUE) lateness.push(late);
        if (lateness.length === DUE) allFired();
      },
      { connection: redisConnectionOf(REDIS_URL), prefix, concurrency: 50 },
    );
    // The promoter keeps running as in a worker, every 250 ms, while the window falls due.
    const promoter = setInterval(() => void timers.promoteDue().catch(() => undefined), 250);
    await done;
    clearInterval(promoter);
    if (promoteSeconds * 1000 > LEAD_MS)
      console.log('warning: promotion took longer than the lead time; lateness includes it');
    lateness.sort((a, b) => a - b);
    const figures = await timers.figures();

    console.log('');
    console.log(`                    PostgreSQL + horizon (this change)    all in Redis (before, same run)`);
    console.log(
      `Redis memory        ${megabytes(inRedis).padEnd(10)} for ${thousands(promoted)} jobs within the hour   ` +
        `${thousands(perDeadline)} bytes/deadline: ${megabytes(perDeadline * COUNT)} for ${thousands(COUNT)} ` +
        `(measured on ${thousands(BASELINE)})`,
    );
    console.log(
      `                    ${thousands(inRedis / Math.max(1, promoted))} bytes per promoted job; ` +
        `${thousands(figures.pending)} moments wait in PostgreSQL alone`,
    );
    console.log(
      `promoter            ${thousands(promoted / promoteSeconds)} moments/s (${thousands(promoted)} in ${promoteSeconds.toFixed(1)} s, ` +
        `claim, commit, then addBulk by 1,000)`,
    );
    console.log(
      `lateness            p50 ${percentile(lateness, 50)} ms, p99 ${percentile(lateness, 99)} ms, ` +
        `max ${lateness.at(-1)} ms over ${thousands(DUE)} moments due in ${WINDOW_MS / 1000} s ` +
        `(${thousands(DUE / (WINDOW_MS / 1000))}/s), each read and marked fired in PostgreSQL`,
    );
    console.log(
      `                    before: p50 19 ms, p99 133 ms (the former bench, 100,000 due in 10 s, no-op jobs; ` +
        `an earlier run, not this one)`,
    );
  } finally {
    await worker?.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await dataSource.destroy();
    await dropDatabase(name);
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
