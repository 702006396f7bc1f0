// Turns outbox rows (written with each state change) into deadline moments (rows of `deadline_timers`,
// which the promoter moves into BullMQ when they fall due) and notice e-mails (rows of `mail_outbox`, whose
// jobs it adds once committed), then marks them sent, in one transaction. Several relays may run at once: SKIP LOCKED gives each row to one of them. With Redis down
// the relay waits: the outbox keeps the changes, and the round after Redis is back relays them.
import type { DataSource } from 'typeorm';
import { within, type Clock } from '../common/index.js';
import type { DeadlineRulesRepository } from '../persistence/deadline-rules.repository.js';
import { planJobs, type StateChange } from './deadline-planner.js';
import type { DeadlineTimers } from './deadline-timers.js';
import type { NoticeMessage } from '../engine/case-engine.service.js';
import { NOTICE_OUTBOX_KIND } from '../persistence/outbox.js';
import type { MailOutbox } from './mail-outbox.js';
import type { NoticeMailer } from './notice-mailer.js';
import type { MailJob } from './queues.js';
import { REDIS_TIMEOUT_MS } from './redis-connection.js';

const BATCH_SIZE = 100;

export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly mails: MailOutbox,
    private readonly rules: DeadlineRulesRepository,
    private readonly notices: NoticeMailer,
    private readonly timers: DeadlineTimers,
    private readonly clock: Clock,
    private readonly options: { intervalMs: number; secondsPerDay?: number },
  ) {}

  /** Each round relays the pending changes, then promotes the moments now within the horizon. */
  start(): void {
    const tick = async () => {
      this.running = this.relayPending()
        .then(() => this.timers.promoteDue())
        .then(() => undefined)
        .catch((error: unknown) => console.error('outbox relay:', error));
      await this.running;
      if (this.timer) this.timer = setTimeout(tick, this.options.intervalMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Relays every pending row; returns how many. */
  async relayPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const relayed = await this.relayBatch();
      total += relayed;
      if (relayed < BATCH_SIZE) return total;
    }
  }

  private async relayBatch(): Promise<number> {
    // With Redis down, leave the rows for a later round: the jobs that their commit withdraws and the
    // e-mails it queues go to Redis right after it.
    if (!(await this.mails.ready())) return 0;
    const withdrawn: string[] = [];
    const mails: MailJob[] = [];
    const relayed = await this.dataSource.transaction(async (manager) => {
      const rows: {
        id: string;
        case_id: string;
        seq: number;
        kind: string;
        payload: StateChange & Partial<NoticeMessage>;
        ambito: string;
      }[] = await manager.query(
        `SELECT o.id, o.case_id, o.seq, o.kind, o.payload, c.ambito
         FROM outbox o JOIN cases c ON c.id = o.case_id
         WHERE o.sent_at IS NULL ORDER BY o.id LIMIT $1 FOR UPDATE OF o SKIP LOCKED`,
        [BATCH_SIZE],
      );
      for (const row of rows) {
        const { notices, actorUserId = null } = row.payload;
        if (notices?.length) {
          mails.push(
            ...(await this.notices.hold(
              { ...row.payload, caseId: row.case_id, seq: row.seq, notices, actorUserId },
              manager,
            )),
          );
        }
        if (row.kind === NOTICE_OUTBOX_KIND) continue;
        const [previous] = await manager.query(
          'SELECT payload FROM outbox WHERE case_id = $1 AND seq < $2 AND kind <> $3 ORDER BY seq DESC LIMIT 1',
          [row.case_id, row.seq, NOTICE_OUTBOX_KIND],
        );
        const plan = planJobs(
          row.payload,
          previous?.payload ?? null,
          await this.rules.overridesFor(row.ambito, manager),
          this.clock.now(),
          this.options.secondsPerDay,
        );
        withdrawn.push(...(await this.timers.plan(manager, plan.add, plan.remove, !!row.payload.replan)));
      }
      if (rows.length) {
        await manager.query('UPDATE outbox SET sent_at = $2 WHERE id = ANY($1)', [
          rows.map((row) => row.id),
          this.clock.now(),
        ]);
      }
      return rows.length;
    });
    await within(this.mails.enqueue(mails), REDIS_TIMEOUT_MS * 5, 'Redis (queueing notices)');
    await this.timers.withdraw(withdrawn);
    return relayed;
  }
}
