// How the deadline queue copes with volume: enqueue N delayed deadline jobs (the relay's job shape and
// options) due within a short window, then measure Redis memory per pending deadline and how late each
// fires (fire time − due time). The processor is a no-op, so this measures BullMQ and Redis, not the
// e-mail path. A figure to watch, not a test. BENCH_TIMERS=1000000 for the larger run.
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import {
  DEADLINE_JOB_OPTIONS,
  DEADLINES_QUEUE,
  redisConnectionOf,
  type DeadlineJob,
} from '../../libs/scheduling/index.js';

const COUNT = Number(process.env.BENCH_TIMERS ?? 100_000);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 10_000);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BATCH = 1000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

async function main(): Promise<void> {
  const prefix = `{percorsi-bench-${randomBytes(3).toString('hex')}}`;
  const connection = redisConnectionOf(REDIS_URL);
  const redis = new Redis(REDIS_URL);
  const queue = new Queue<DeadlineJob & { dueAtMs: number }>(DEADLINES_QUEUE, { connection, prefix });
  console.log(`Timer bench: ${COUNT} deadlines due within ${WINDOW_MS / 1000} s, queue prefix ${prefix}`);
  try {
    const memoryBefore = await usedMemory(redis);
    const enqueueStarted = performance.now();
    const firstDue = Date.now() + Math.max(15_000, COUNT / 5);
    for (let offset = 0; offset < COUNT; offset += BATCH) {
      const now = Date.now();
      await queue.addBulk(
        Array.from({ length: Math.min(BATCH, COUNT - offset) }, (_, index) => {
          const n = offset + index;
          const dueAtMs = firstDue + Math.floor((n / COUNT) * WINDOW_MS);
          return {
            name: 'expiry',
            data: {
              caseId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
              kind: 'expiry' as const,
              deadline: {
                key: 'triage',
                label: 'Triage della segnalazione',
                state: 'segnalazione.inviata',
                startsAt: new Date(now).toISOString(),
                dueAt: new Date(dueAtMs).toISOString(),
                onExpiry: { alert: ['supervisore'] },
              },
              recipients: ['supervisore'],
              dueAtMs,
            },
            opts: {
              ...DEADLINE_JOB_OPTIONS,
              jobId: `bench.${n}`,
              delay: dueAtMs - now,
              removeOnComplete: true,
            },
          };
        }),
      );
    }
    const enqueueSeconds = (performance.now() - enqueueStarted) / 1000;
    const memoryAfter = await usedMemory(redis);
    console.log(
      `enqueue rate        ${(COUNT / enqueueSeconds).toFixed(0)} deadlines/s (${enqueueSeconds.toFixed(1)} s)`,
    );
    console.log(
      `Redis memory        ${((memoryAfter - memoryBefore) / COUNT).toFixed(0)} bytes per pending deadline`,
    );
    if (Date.now() > firstDue)
      console.log('warning: enqueueing took longer than the lead time; lateness includes it');

    const lateness: number[] = [];
    let allFired: () => void;
    const done = new Promise<void>((resolve) => (allFired = resolve));
    const worker = new Worker<DeadlineJob & { dueAtMs: number }>(
      DEADLINES_QUEUE,
      async (job) => {
        lateness.push(Date.now() - job.data.dueAtMs);
        if (lateness.length === COUNT) allFired();
      },
      { connection, prefix, concurrency: 200 },
    );
    await done;
    await worker.close();
    lateness.sort((a, b) => a - b);
    console.log(
      `lateness            p50 ${percentile(lateness, 50)} ms, p99 ${percentile(lateness, 99)} ms, max ${lateness.at(-1)} ms`,
    );
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
