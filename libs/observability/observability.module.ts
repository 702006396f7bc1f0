import { Module } from '@nestjs/common';
import { EngineModule } from '../engine/engine.module.js';
import { QueuesModule } from '../scheduling/queues.module.js';
import { OperationsService } from './operations.service.js';
import { SnapshotCheck } from './snapshot-check.js';
import { TransitionCounter } from './transition-counter.js';

/** Health and metrics for the API, and the counting of its events; database and clock are global. */
@Module({
  imports: [QueuesModule, EngineModule],
  providers: [OperationsService, TransitionCounter, SnapshotCheck],
  exports: [OperationsService],
})
export class ObservabilityModule {}
