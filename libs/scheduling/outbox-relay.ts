// Turns outbox rows (written with each state change) into BullMQ jobs, then marks them sent. A crash
// between the two replays the rows; deterministic job ids make the replay harmless. Several relays may
// run at once: SKIP LOCKED gives each row to one of them.
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Clock } from '../common/index.js';
import type { DeadlineRulesRepository } from '../persistence/deadline-rules.repository.js';
import { planJobs, type PlannedJob, type StateChange } from './deadline-planner.js';
import type { NoticeMessage } from '../engine/case-engine.service.js';
import { NOTICE_OUTBOX_KIND } from '../persistence/outbox.js';
import type { NoticeMailer } from './notice-mailer.js';
import { DEADLINE_JOB_OPTIONS } from './queues.js';

const BATCH_SIZE = 100;

export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deadlines: Queue,
    private readonly rules: DeadlineRulesRepository,
    private readonly notices: NoticeMailer,
    private readonly clock: Clock,
    private readonly options: { intervalMs: number; secondsPerDay?: number },
  ) {}

  start(): void {
    const tick = async () => {
      this.running = this.relayPending()
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
    return this.dataSource.transaction(async (manager) => {
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
          await this.notices.queue(
            { ...row.payload, caseId: row.case_id, seq: row.seq, notices, actorUserId },
            manager,
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
        for (const id of plan.remove) await this.deadlines.remove(id);
        const jobs = row.payload.replan ? await this.replanned(plan.add) : plan.add;
        if (jobs.length) {
          const now = this.clock.now().getTime();
          await this.deadlines.addBulk(
            jobs.map((job) => ({
              name: job.data.kind,
              data: job.data,
              opts: { ...DEADLINE_JOB_OPTIONS, jobId: job.id, delay: Math.max(0, job.runAt.getTime() - now) },
            })),
          );
        }
      }
      if (rows.length) {
        await manager.query('UPDATE outbox SET sent_at = $2 WHERE id = ANY($1)', [
          rows.map((row) => row.id),
          this.clock.now(),
        ]);
      }
      return rows.length;
    });
  }

  /**
   * An ambito's rule changed under a running state entry: the same job ids, at their new moments. A job
   * still waiting is replaced; one that already ran (or runs now) is left alone, so nothing goes out twice.
   */
  private async replanned(jobs: PlannedJob[]): Promise<PlannedJob[]> {
    const pending: PlannedJob[] = [];
    for (const job of jobs) {
      const existing = await this.deadlines.getJob(job.id);
      const state = existing ? await existing.getState() : 'unknown';
      if (state === 'completed' || state === 'active' || state === 'failed') continue;
      if (existing) await existing.remove();
      pending.push(job);
    }
    return pending;
  }
}
