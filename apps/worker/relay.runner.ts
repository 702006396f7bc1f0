import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../libs/config/index.js';
import { MailSender } from '../../libs/notifications/index.js';
import { logJson } from '../../libs/observability/index.js';
import {
  DeadlineTimers,
  DEADLINES_QUEUE,
  MailOutbox,
  OutboxRelay,
  redisOf,
} from '../../libs/scheduling/index.js';

/**
 * Runs the outbox relay (and with it the promoter) for as long as the worker lives, and the reconciler of
 * deadline jobs and e-mails waiting to go out: at start, every RECONCILE_INTERVAL_MS, and whenever the
 * connection to Redis comes back (a Redis restarted without its data is refilled at once).
 */
@Injectable()
export class RelayRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private reconcileTimer: NodeJS.Timeout | null = null;
  private reconciling: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(DeadlineTimers) private readonly timers: DeadlineTimers,
    @Inject(MailOutbox) private readonly mails: MailOutbox,
    @Inject(MailSender) private readonly sender: MailSender,
    @InjectQueue(DEADLINES_QUEUE) private readonly deadlines: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
    this.scheduleReconcile(0);
    void redisOf(this.deadlines).then((redis) => redis.on('ready', () => this.scheduleReconcile(0)));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconcileTimer) clearTimeout(this.reconcileTimer);
    await this.relay.stop();
    await this.reconciling;
    this.sender.close();
  }

  private scheduleReconcile(delayMs: number): void {
    if (this.stopped) return;
    if (this.reconcileTimer) clearTimeout(this.reconcileTimer);
    this.reconcileTimer = setTimeout(() => void this.reconcile(), delayMs);
  }

  private async reconcile(): Promise<void> {
    if (this.reconciling) return;
    this.reconciling = this.timers
      .reconcile()
      .then(({ checked, recreated }) => {
        if (recreated) logJson('warn', 'deadline jobs missing from Redis re-created', { checked, recreated });
        return this.mails.reconcile();
      })
      .then(({ checked, recreated }) => {
        if (recreated) logJson('warn', 'e-mail jobs missing from Redis re-created', { checked, recreated });
      })
      .catch((error: unknown) => logJson('warn', 'reconciliation failed', { error: String(error) }));
    await this.reconciling;
    this.reconciling = null;
    this.scheduleReconcile(this.config.RECONCILE_INTERVAL_MS);
  }
}
