import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DeadlineFiring, DEADLINES_QUEUE, type DeadlineJob } from '../../../libs/scheduling/index.js';

@Processor(DEADLINES_QUEUE, { concurrency: 8 })
export class DeadlineProcessor extends WorkerHost {
  constructor(@Inject(DeadlineFiring) private readonly firing: DeadlineFiring) {
    super();
  }

  process(job: Job<DeadlineJob>) {
    return this.firing.fire(job.id!, job.data);
  }
}
