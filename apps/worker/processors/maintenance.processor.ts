import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Retention } from '../../../libs/access/index.js';
import { MAINTENANCE_QUEUE } from '../../../libs/scheduling/index.js';

/** Nightly housekeeping; the schedule is idempotent, so every worker may declare it. */
@Processor(MAINTENANCE_QUEUE)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(Retention) private readonly retention: Retention,
    @InjectQueue(MAINTENANCE_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'pseudonimizzazione',
      { pattern: '0 3 * * *', tz: 'Europe/Rome' },
      { name: 'pseudonymise' },
    );
  }

  async process() {
    return { pseudonymised: await this.retention.pseudonymiseExpired() };
  }
}
