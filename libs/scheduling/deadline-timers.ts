// Where a pending deadline moment lives: a row of `deadline_timers` in PostgreSQL, from the relay that plans
// it until its state entry is left. BullMQ holds only what falls due within the horizon: the promoter copies
// those rows into delayed jobs (the same deterministic ids), and the reconciler puts back any that Redis lost.
// Redis is called outside every database transaction, so a Redis that is down or slow never holds a row lock.
import type { Queue } from 'bullmq';
import type { DataSource, EntityManager } from 'typeorm';
import { within, type Clock } from '../common/index.js';
import type { PlannedJob } from './deadline-planner.js';
import { DEADLINE_JOB_OPTIONS, type DeadlineJob } from './queues.js';
import { missingJobs, redisReady, REDIS_TIMEOUT_MS } from './redis-connection.js';

const BATCH_SIZE = 1000;

export interface TimerOptions {
  /** Moments due within this many milliseconds are in Redis; later ones only in PostgreSQL. */
  horizonMs: number;
}

interface TimerRow {
  job_id: string;
  run_at: Date;
  job: DeadlineJob;
}

/** What a deadline job finds in PostgreSQL when it runs. */
export type TimerAtFiring =
  | { status: 'withdrawn' }
  | { status: 'fired' }
  | { status: 'early'; runAt: Date }
  | { status: 'due'; job: DeadlineJob };

export interface TimerFigures {
  /** Moments only in PostgreSQL, beyond the horizon or not yet promoted. */
  pending: number;
  /** Moments promoted into Redis and not yet fired. */
  promoted: number;
  /** Jobs the reconcilers put back into Redis, in total, and when they last had to. */
  reconciled: number;
  lastReconciledAt: Date | null;
  /** The moment longest overdue that has not fired, or null. */
  oldestOverdueAt: Date | null;
}

/** An early job waits this much past its moment before it counts as early (Redis and worker clocks differ). */
const EARLY_TOLERANCE_MS = 500;

export class DeadlineTimers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deadlines: Queue,
    private readonly clock: Clock,
    private readonly options: TimerOptions,
  ) {}

  /**
   * In the relay's transaction: writes a state change's moments and deletes those of the state entry it
   * ends. A re-plan under a changed rule moves the moments that have not fired (same ids). Returns the ids
   * whose jobs are in Redis and must be withdrawn after the commit ({@link withdraw}).
   */
  async plan(
    manager: EntityManager,
    add: PlannedJob[],
    remove: string[],
    replan: boolean,
  ): Promise<string[]> {
    const withdrawn: string[] = [];
    if (remove.length) {
      const removed: { job_id: string }[] = await manager.query(
        `WITH removed AS (DELETE FROM deadline_timers WHERE job_id = ANY($1) RETURNING job_id, promoted_at)
         SELECT job_id FROM removed WHERE promoted_at IS NOT NULL`,
        [remove],
      );
      withdrawn.push(...removed.map((row) => row.job_id));
    }
    if (add.length) {
      const moved: { job_id: string }[] = await manager.query(
        `WITH planned AS (
           SELECT * FROM unnest($1::text[], $2::uuid[], $3::timestamptz[], $4::text[]) AS p (job_id, case_id, run_at, job)
         ), moved AS (
           SELECT t.job_id FROM deadline_timers t JOIN planned p USING (job_id)
           WHERE $5::boolean AND t.fired_at IS NULL AND t.promoted_at IS NOT NULL AND t.run_at <> p.run_at
         ), written AS (
           INSERT INTO deadline_timers AS t (job_id, case_id, run_at, job)
           SELECT job_id, case_id, run_at, job::jsonb FROM planned
           ON CONFLICT (job_id) DO UPDATE SET run_at = EXCLUDED.run_at, job = EXCLUDED.job,
             promoted_at = CASE WHEN t.run_at = EXCLUDED.run_at THEN t.promoted_at END
           WHERE $5 AND t.fired_at IS NULL
         )
         SELECT job_id FROM moved`,
        [
          add.map((job) => job.id),
          add.map((job) => job.data.caseId),
          add.map((job) => job.runAt),
          add.map((job) => JSON.stringify(job.data)),
          replan,
        ],
      );
      withdrawn.push(...moved.map((row) => row.job_id));
    }
    return withdrawn;
  }

  /**
   * After the relay's commit: removes from Redis the jobs of moments deleted or moved, then marks the moved
   * ones unpromoted again, so that a promoter that re-added the old job meanwhile (a no-op, the id being
   * taken) is followed by one that adds it at its new moment. A job already running is left to its guard.
   */
  async withdraw(jobIds: string[]): Promise<void> {
    if (!jobIds.length) return;
    await within(
      Promise.all(jobIds.map((id) => this.deadlines.remove(id))),
      REDIS_TIMEOUT_MS,
      'Redis (withdrawing deadline jobs)',
    );
    await this.dataSource.query(
      'UPDATE deadline_timers SET promoted_at = NULL WHERE job_id = ANY($1) AND fired_at IS NULL',
      [jobIds],
    );
  }

  /**
   * Claims the moments due within the horizon (SKIP LOCKED: each to one worker), commits, then adds their
   * jobs. When Redis refuses, the claim is undone; when this process dies between the two, the reconciler
   * finds the jobs missing. Returns how many were promoted.
   */
  async promoteDue(): Promise<number> {
    let total = 0;
    for (;;) {
      if (!(await redisReady(this.deadlines))) return total;
      const now = this.clock.now();
      const claimed: TimerRow[] = await this.dataSource.query(
        `WITH due AS (
           SELECT job_id FROM deadline_timers
           WHERE fired_at IS NULL AND promoted_at IS NULL AND run_at <= $1
           ORDER BY run_at LIMIT $3 FOR UPDATE SKIP LOCKED
         ), claimed AS (
           UPDATE deadline_timers t SET promoted_at = $2 FROM due WHERE t.job_id = due.job_id
           RETURNING t.job_id, t.run_at, t.job
         )
         SELECT * FROM claimed`,
        [new Date(now.getTime() + this.options.horizonMs), now, BATCH_SIZE],
      );
      if (!claimed.length) return total;
      try {
        await this.enqueue(claimed);
      } catch (error) {
        await this.dataSource.query(
          'UPDATE deadline_timers SET promoted_at = NULL WHERE job_id = ANY($1) AND promoted_at = $2',
          [claimed.map((row) => row.job_id), now],
        );
        throw error;
      }
      total += claimed.length;
      if (claimed.length < BATCH_SIZE) return total;
    }
  }

  /**
   * Compares what should be in Redis (every promoted moment not fired) with what is, and adds the missing
   * jobs again. A job Redis still has, waiting, running, done or failed, is left alone, so nothing doubles.
   * Returns how many it checked and re-created.
   */
  async reconcile(): Promise<{ checked: number; recreated: number }> {
    let after = '';
    let checked = 0;
    let recreated = 0;
    for (;;) {
      const rows: TimerRow[] = await this.dataSource.query(
        `SELECT job_id, run_at, job FROM deadline_timers
         WHERE fired_at IS NULL AND promoted_at IS NOT NULL AND job_id > $1 ORDER BY job_id LIMIT $2`,
        [after, BATCH_SIZE],
      );
      if (!rows.length) break;
      after = rows.at(-1)!.job_id;
      checked += rows.length;
      const missing = new Set(
        await missingJobs(
          this.deadlines,
          rows.map((row) => row.job_id),
          'Redis (reconciling deadlines)',
        ),
      );
      if (missing.size) {
        await this.enqueue(rows.filter((row) => missing.has(row.job_id)));
        recreated += missing.size;
      }
    }
    if (recreated) {
      await this.dataSource.query(
        'INSERT INTO deadline_reconciliations (reconciled_at, checked, recreated) VALUES ($1, $2, $3)',
        [this.clock.now(), checked, recreated],
      );
    }
    return { checked, recreated };
  }

  /** What a job finds when it runs: its moment withdrawn, already fired, not yet due, or due (as planned now). */
  async atFiring(jobId: string): Promise<TimerAtFiring> {
    const [row]: { run_at: Date; job: DeadlineJob; fired_at: Date | null }[] = await this.dataSource.query(
      'SELECT run_at, job, fired_at FROM deadline_timers WHERE job_id = $1',
      [jobId],
    );
    if (!row) return { status: 'withdrawn' };
    if (row.fired_at) return { status: 'fired' };
    if (row.run_at.getTime() > this.clock.now().getTime() + EARLY_TOLERANCE_MS)
      return { status: 'early', runAt: row.run_at };
    return { status: 'due', job: row.job };
  }

  async markFired(jobId: string): Promise<void> {
    await this.dataSource.query(
      'UPDATE deadline_timers SET fired_at = $2 WHERE job_id = $1 AND fired_at IS NULL',
      [jobId, this.clock.now()],
    );
  }

  /** For health and metrics: read from PostgreSQL alone, so they answer with Redis down. */
  async figures(): Promise<TimerFigures> {
    const [row]: {
      pending: string;
      promoted: string;
      reconciled: string;
      last_reconciled_at: Date | null;
      oldest_unfired_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM deadline_timers WHERE fired_at IS NULL AND promoted_at IS NULL) AS pending,
              (SELECT count(*) FROM deadline_timers WHERE fired_at IS NULL AND promoted_at IS NOT NULL) AS promoted,
              (SELECT coalesce(sum(recreated), 0) FROM deadline_reconciliations) AS reconciled,
              (SELECT max(reconciled_at) FROM deadline_reconciliations) AS last_reconciled_at,
              least((SELECT min(run_at) FROM deadline_timers WHERE fired_at IS NULL AND promoted_at IS NULL),
                    (SELECT min(run_at) FROM deadline_timers WHERE fired_at IS NULL AND promoted_at IS NOT NULL))
                AS oldest_unfired_at`,
    );
    const oldest = row!.oldest_unfired_at;
    return {
      pending: Number(row!.pending),
      promoted: Number(row!.promoted),
      reconciled: Number(row!.reconciled),
      lastReconciledAt: row!.last_reconciled_at,
      oldestOverdueAt: oldest && oldest <= this.clock.now() ? oldest : null,
    };
  }

  private async enqueue(rows: TimerRow[]): Promise<void> {
    const now = this.clock.now().getTime();
    await within(
      this.deadlines.addBulk(
        rows.map((row) => ({
          name: row.job.kind,
          data: row.job,
          opts: {
            ...DEADLINE_JOB_OPTIONS,
            jobId: row.job_id,
            delay: Math.max(0, new Date(row.run_at).getTime() - now),
          },
        })),
      ),
      REDIS_TIMEOUT_MS,
      'Redis (adding deadline jobs)',
    );
  }
}
