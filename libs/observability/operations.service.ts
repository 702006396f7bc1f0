// What operators ask of a running service: is it healthy (database, Redis, how far behind the queues
// and the deadlines are) and the Prometheus metrics. Every figure is read from PostgreSQL and Redis, which
// all API and worker processes share, so any API process answers for the whole deployment. Redis down
// leaves the service degraded, not down (cases still change, the deadlines wait in PostgreSQL): health says
// so, and the metrics leave out what only Redis knows rather than wait for it.
import { Inject, Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Counter, Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { CLOCK, within, type Clock } from '../common/index.js';
import { DeadlineTimers, type TimerFigures } from '../scheduling/deadline-timers.js';
import { DEADLINES_QUEUE, MAIL_QUEUE } from '../scheduling/queues.js';
import { redisOf } from '../scheduling/redis-connection.js';
import { readCounters } from './job-counters.js';
import { SnapshotCheck, type SnapshotCheckResult } from './snapshot-check.js';

const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;

/** BullMQ's connection retries for ever and holds commands meanwhile, so a Redis that is down never answers. */
const REDIS_CHECK_TIMEOUT_MS = 2000;
/** Each metric read from Redis gets this long, so that a scrape with Redis down still answers in time. */
const REDIS_METRICS_TIMEOUT_MS = 1000;

export interface QueueHealth {
  waiting: number;
  delayed: number;
  active: number;
  failed: number;
  /** How long the oldest job that is due has been waiting for a worker. */
  oldestWaitingSeconds: number;
}

export interface TimerHealth {
  /** Deadline moments waiting in PostgreSQL, beyond the horizon or not yet promoted. */
  pending: number;
  /** Moments promoted into Redis that have not fired. */
  promoted: number;
  /** Jobs the reconcilers put back into Redis, in total, and when they last had to. */
  reconciled: number;
  lastReconciledAt: string | null;
  /** How long ago the oldest moment that has not fired fell due (0: none overdue). */
  oldestOverdueSeconds: number;
}

export interface MailOutboxHealth {
  pending: number;
  oldestPendingSeconds: number;
}

export interface Health {
  /** `degraded`: Redis is down; cases still change and deadlines wait in PostgreSQL until it is back. */
  status: 'ok' | 'degraded' | 'unavailable';
  database: { ok: boolean; error?: string };
  redis: { ok: boolean; error?: string };
  /** Oldest state change not yet turned into jobs by a worker's relay. */
  outbox: { pending: number; oldestPendingSeconds: number } | null;
  deadlines: TimerHealth | null;
  /**
   * E-mails decided (a reminder fired, a notice relayed) and not yet sent: rows of the mail outbox, read from
   * PostgreSQL, so they show with Redis down; the oldest's wait is how far behind the mail is.
   */
  mailOutbox: MailOutboxHealth | null;
  queues: Record<string, QueueHealth> | null;
  /** The cases whose stored snapshot no released chart restores, as the workers' latest check found them. */
  snapshots: SnapshotCheckResult | null;
}

/** What Redis answers in time, or null. */
function fromRedis<T>(read: () => Promise<T>, what: string): Promise<T | null> {
  return within(read(), REDIS_METRICS_TIMEOUT_MS, what).catch(() => null);
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

@Injectable()
export class OperationsService {
  private readonly registry = new Registry();
  private readonly queues: Queue[];
  private scrape: {
    counters: Promise<Record<string, number> | null>;
    timers: Promise<TimerFigures>;
    mailOutbox: Promise<MailOutboxHealth>;
  } | null = null;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @InjectQueue(DEADLINES_QUEUE) deadlines: Queue,
    @InjectQueue(MAIL_QUEUE) mail: Queue,
    @Inject(DeadlineTimers) private readonly timers: DeadlineTimers,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SnapshotCheck) private readonly snapshots: SnapshotCheck,
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
        // A read of a queue key, not PING: in a Redis Cluster any node answers PING, while only the master
        // of the queues' slot can serve them.
        redisOf(this.queues[0]!).then((client) => client.exists(this.queues[0]!.keys.meta)),
        REDIS_CHECK_TIMEOUT_MS,
        'Redis',
      ).then(
        () => ({ ok: true }),
        (error: unknown) => ({ ok: false, error: reason(error) }),
      ),
    ]);
    return {
      status: !database.ok ? 'unavailable' : redis.ok ? 'ok' : 'degraded',
      database,
      redis,
      outbox: database.ok ? await this.outboxLag() : null,
      deadlines: database.ok ? this.timerHealth(await this.timers.figures()) : null,
      mailOutbox: database.ok ? await this.mailOutboxLag() : null,
      snapshots: database.ok ? await this.snapshots.latest() : null,
      queues: redis.ok
        ? Object.fromEntries(await Promise.all(this.queues.map((q) => this.queueHealth(q))))
        : null,
    };
  }

  async metrics(): Promise<{ contentType: string; body: string }> {
    // Read once per scrape, whichever metrics use them.
    this.scrape = {
      counters: fromRedis(() => readCounters(this.queues[0]!), 'Redis (counters)'),
      timers: this.timers.figures(),
      mailOutbox: this.mailOutboxLag(),
    };
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private async outboxLag(): Promise<Health['outbox']> {
    const [row]: { pending: string; oldest: Date | null }[] = await this.dataSource.query(
      'SELECT count(*) AS pending, min(created_at) AS oldest FROM outbox WHERE sent_at IS NULL',
    );
    return { pending: Number(row!.pending), oldestPendingSeconds: this.secondsSince(row!.oldest) };
  }

  private async mailOutboxLag(): Promise<MailOutboxHealth> {
    const [row]: { pending: string; oldest: Date | null }[] = await this.dataSource.query(
      'SELECT count(*) AS pending, min(queued_at) AS oldest FROM mail_outbox',
    );
    return { pending: Number(row!.pending), oldestPendingSeconds: this.secondsSince(row!.oldest) };
  }

  private timerHealth(figures: TimerFigures): TimerHealth {
    return {
      pending: figures.pending,
      promoted: figures.promoted,
      reconciled: figures.reconciled,
      lastReconciledAt: figures.lastReconciledAt?.toISOString() ?? null,
      oldestOverdueSeconds: this.secondsSince(figures.oldestOverdueAt),
    };
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
    const current = () => this.scrape!;
    const fromCounters = (prefix: string, labels: string[]) =>
      async function (this: Counter) {
        this.reset();
        for (const [field, value] of Object.entries((await current().counters) ?? {})) {
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
          const counts = await fromRedis(() => queue.getJobCounts(...QUEUE_STATES), 'Redis (queues)');
          if (!counts) continue;
          for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
    new Gauge({
      name: 'percorsi_redis_up',
      help: 'Whether Redis answered this scrape (0: the deadlines wait in PostgreSQL and fire once it is back)',
      registers: [this.registry],
      async collect() {
        this.set((await current().counters) === null ? 0 : 1);
      },
    });
    new Gauge({
      name: 'percorsi_deadlines',
      help: 'Deadline moments not fired, by where they are (pending: in PostgreSQL only; promoted: also in Redis)',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const figures = await current().timers;
        this.set({ state: 'pending' }, figures.pending);
        this.set({ state: 'promoted' }, figures.promoted);
      },
    });
    new Counter({
      name: 'percorsi_deadlines_reconciled_total',
      help: 'Deadline jobs missing from Redis that a reconciler re-created',
      registers: [this.registry],
      async collect() {
        this.reset();
        this.inc((await current().timers).reconciled);
      },
    });
    const secondsSince = (moment: Date | null) => this.secondsSince(moment);
    new Gauge({
      name: 'percorsi_deadline_oldest_overdue_seconds',
      help: 'How long ago the oldest deadline moment that has not fired fell due (0: none overdue)',
      registers: [this.registry],
      async collect() {
        this.set(secondsSince((await current().timers).oldestOverdueAt));
      },
    });
    new Gauge({
      name: 'percorsi_mail_outbox_pending',
      help: 'E-mails decided (a reminder fired, a notice relayed) and not yet sent, waiting in the mail outbox',
      registers: [this.registry],
      async collect() {
        this.set((await current().mailOutbox).pending);
      },
    });
    new Gauge({
      name: 'percorsi_mail_outbox_oldest_pending_seconds',
      help: 'How long the oldest e-mail not yet sent has waited in the mail outbox (0: none waiting)',
      registers: [this.registry],
      async collect() {
        this.set((await current().mailOutbox).oldestPendingSeconds);
      },
    });
    const snapshots = this.snapshots;
    new Gauge({
      name: 'percorsi_unreadable_cases',
      help: 'Cases whose stored snapshot no released version of the chart restores, as the latest check found them',
      registers: [this.registry],
      async collect() {
        this.set((await snapshots.latest())?.unreadable ?? 0);
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
