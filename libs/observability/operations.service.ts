// What operators ask of a running service: is it healthy (database, Redis, how far behind the queues
// are) and the Prometheus metrics. Every figure is read from PostgreSQL and Redis, which all API and
// worker processes share, so any API process answers for the whole deployment.
import { Inject, Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Counter, Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../common/index.js';
import { DEADLINES_QUEUE, MAIL_QUEUE } from '../scheduling/queues.js';
import { readCounters, redisOf } from './job-counters.js';

const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

/** BullMQ's connection retries for ever and holds commands meanwhile, so a Redis that is down never answers. */
const REDIS_CHECK_TIMEOUT_MS = 2000;

export interface QueueHealth {
  waiting: number;
  delayed: number;
  active: number;
  failed: number;
  /** How long the oldest job that is due has been waiting for a worker. */
  oldestWaitingSeconds: number;
}

export interface Health {
  status: 'ok' | 'unavailable';
  database: { ok: boolean; error?: string };
  redis: { ok: boolean; error?: string };
  /** Oldest state change not yet turned into jobs by a worker's relay. */
  outbox: { pending: number; oldestPendingSeconds: number } | null;
  queues: Record<string, QueueHealth> | null;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class OperationsService {
  private readonly registry = new Registry();
  private readonly queues: Queue[];

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @InjectQueue(DEADLINES_QUEUE) deadlines: Queue,
    @InjectQueue(MAIL_QUEUE) mail: Queue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.queues = [deadlines, mail];
    this.declareMetrics();
  }

  async health(): Promise<Health> {
    const [database, redis] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => ({ ok: true }),
        (error: unknown) => ({ ok: false, error: reason(error) }),
      ),
      within(
        redisOf(this.queues[0]!).then((client) => client.ping()),
        REDIS_CHECK_TIMEOUT_MS,
        'Redis',
      ).then(
        () => ({ ok: true }),
        (error: unknown) => ({ ok: false, error: reason(error) }),
      ),
    ]);
    return {
      status: database.ok && redis.ok ? 'ok' : 'unavailable',
      database,
      redis,
      outbox: database.ok ? await this.outboxLag() : null,
      queues: redis.ok
        ? Object.fromEntries(await Promise.all(this.queues.map((q) => this.queueHealth(q))))
        : null,
    };
  }

  async metrics(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private async outboxLag(): Promise<Health['outbox']> {
    const [row]: { pending: string; oldest: Date | null }[] = await this.dataSource.query(
      'SELECT count(*) AS pending, min(created_at) AS oldest FROM outbox WHERE sent_at IS NULL',
    );
    return { pending: Number(row!.pending), oldestPendingSeconds: this.secondsSince(row!.oldest) };
  }

  private async queueHealth(queue: Queue): Promise<[string, QueueHealth]> {
    const counts = await queue.getJobCounts(...QUEUE_STATES);
    const [oldest] = await queue.getWaiting(0, 0);
    const dueAt = oldest ? new Date(oldest.timestamp + (oldest.delay ?? 0)) : null;
    return [
      queue.name,
      {
        waiting: counts.waiting ?? 0,
        delayed: counts.delayed ?? 0,
        active: counts.active ?? 0,
        failed: counts.failed ?? 0,
        oldestWaitingSeconds: this.secondsSince(dueAt),
      },
    ];
  }

  private secondsSince(moment: Date | null): number {
    return moment ? Math.max(0, (this.clock.now().getTime() - new Date(moment).getTime()) / 1000) : 0;
  }

  private declareMetrics(): void {
    const { dataSource, queues } = this;
    const jobCounters = () => readCounters(queues[0]!);
    const fromCounters = (prefix: string, labels: string[]) =>
      async function (this: Counter) {
        this.reset();
        for (const [field, value] of Object.entries(await jobCounters())) {
          const [metric, ...values] = field.split(':');
          if (metric === prefix)
            this.inc(Object.fromEntries(labels.map((label, index) => [label, values[index] ?? ''])), value);
        }
      };
    new Counter({
      name: 'percorsi_transitions_total',
      help: 'Events committed to cases (case creation is CREATE_REFERRAL), by event type, since the counters in Redis began',
      labelNames: ['event'],
      registers: [this.registry],
      collect: fromCounters('transition', ['event']),
    });
    new Counter({
      name: 'percorsi_deadlines_fired_total',
      help: 'Deadline moments that fired (kind: reminder or expiry; result: reminded, alerted, escalated, stale, case_missing)',
      labelNames: ['kind', 'result'],
      registers: [this.registry],
      collect: fromCounters('deadline_fired', ['kind', 'result']),
    });
    new Counter({
      name: 'percorsi_emails_sent_total',
      help: 'E-mails sent, by kind (promemoria is a reminder; scadenza, escalation, follow_up)',
      labelNames: ['kind'],
      registers: [this.registry],
      collect: fromCounters('email_sent', ['kind']),
    });
    new Counter({
      name: 'percorsi_job_failures_total',
      help: 'Failed job attempts (each retry that fails counts once), by queue',
      labelNames: ['queue'],
      registers: [this.registry],
      collect: fromCounters('job_failed', ['queue']),
    });
    new Gauge({
      name: 'percorsi_queue_jobs',
      help: 'Jobs in each queue by state (waiting: due and not yet taken; delayed: planned for later)',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const queue of queues) {
          const counts = await queue.getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
    new Gauge({
      name: 'percorsi_outbox_pending',
      help: 'State changes not yet turned into deadline jobs',
      registers: [this.registry],
      async collect() {
        const [row]: { pending: string }[] = await dataSource.query(
          'SELECT count(*) AS pending FROM outbox WHERE sent_at IS NULL',
        );
        this.set(Number(row!.pending));
      },
    });
  }
}
