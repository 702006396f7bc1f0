import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import {
  DeadlineFiring,
  DeadlineTimers,
  DEADLINES_QUEUE,
  type DeadlineJob,
  type FiringResult,
} from '../../../libs/scheduling/index.js';

@Processor(DEADLINES_QUEUE, { concurrency: 8 })
export class DeadlineProcessor extends WorkerHost {
  constructor(
    @Inject(DeadlineFiring) private readonly firing: DeadlineFiring,
    @Inject(DeadlineTimers) private readonly timers: DeadlineTimers,
  ) {
    super();
  }

  /**
   * The moment's row in PostgreSQL decides: withdrawn (its state was left) or already fired sends nothing;
   * a job older than a re-plan that moved it later waits again until the new moment; otherwise it fires as
   * planned now, and is marked fired. Dying between the two fires it again, and the e-mails' idempotency
   * keys send nothing twice.
   */
  async process(job: Job<DeadlineJob>, token?: string): Promise<FiringResult> {
    const timer = await this.timers.atFiring(job.id!);
    if (timer.status === 'withdrawn' || timer.status === 'fired') return 'stale';
    if (timer.status === 'early') {
      await job.moveToDelayed(timer.runAt.getTime(), token);
      throw new DelayedError();
    }
    const result = await this.firing.fire(job.id!, timer.job);
    await this.timers.markFired(job.id!);
    return result;
  }
}
