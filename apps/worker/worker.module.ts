import { getQueueToken } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AccessModule } from '../../libs/access/index.js';
import type { Clock } from '../../libs/common/index.js';
import { ConfigModule, type AppConfig } from '../../libs/config/index.js';
import { EngineModule } from '../../libs/engine/index.js';
import { PersistenceModule } from '../../libs/persistence/index.js';
import { JobObserver, SnapshotCheck, TransitionCounter } from '../../libs/observability/index.js';
import { DEADLINES_QUEUE, SchedulingModule } from '../../libs/scheduling/index.js';
import { DeadlineProcessor } from './processors/deadline.processor.js';
import { MailProcessor } from './processors/mail.processor.js';
import { MaintenanceProcessor } from './processors/maintenance.processor.js';
import { RelayRunner } from './relay.runner.js';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        PersistenceModule,
        SchedulingModule,
        EngineModule,
        AccessModule,
      ],
      providers: [
        DeadlineProcessor,
        MailProcessor,
        MaintenanceProcessor,
        RelayRunner,
        SnapshotCheck,
        TransitionCounter,
        {
          provide: JobObserver,
          inject: [DeadlineProcessor, MailProcessor, getQueueToken(DEADLINES_QUEUE)],
          useFactory: (deadlines: DeadlineProcessor, mail: MailProcessor, counters: Queue) =>
            new JobObserver([deadlines, mail], counters),
        },
      ],
    };
  }
}
