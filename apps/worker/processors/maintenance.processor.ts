import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { Retention, SessionStore } from '../../../libs/access/index.js';
import { SnapshotCheck } from '../../../libs/observability/index.js';
import { MAINTENANCE_QUEUE } from '../../../libs/scheduling/index.js';

/**
 * Housekeeping on a schedule: nightly retention, the check of every case's snapshot
 * (libs/observability/snapshot-check.ts) at each worker's start and nightly, and the hourly deletion of
 * finished sessions' rows; the schedules are idempotent, so every worker may declare them.
 */
@Processor(MAINTENANCE_QUEUE)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(Retention) private readonly retention: Retention,
    @Inject(SnapshotCheck) private readonly snapshots: SnapshotCheck,
    @Inject(SessionStore) private readonly sessions: SessionStore,
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
    await this.queue.upsertJobScheduler(
      'controllo-snapshot',
      { pattern: '30 3 * * *', tz: 'Europe/Rome' },
      { name: 'check-snapshots' },
    );
    // Expired sessions are refused when used (sessions.ts); this only keeps their rows from piling up.
    await this.queue.upsertJobScheduler('sessioni-scadute', { pattern: '17 * * * *' }, { name: 'sessions' });
    await this.queue.add('check-snapshots', {}, { removeOnComplete: true, removeOnFail: 100 });
  }

  async process(job: Job) {
    if (job.name === 'check-snapshots') {
      const { checked, unreadable } = await this.snapshots.run();
      return { checked, unreadable };
    }
    if (job.name === 'sessions') return { deleted: await this.sessions.deleteFinished() };
    return { pseudonymised: await this.retention.pseudonymiseExpired() };
  }
}
