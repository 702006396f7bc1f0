import { Module } from '@nestjs/common';
import { QueuesModule } from '../scheduling/queues.module.js';
import { OperationsService } from './operations.service.js';

/** Health and metrics for the API; the database and clock come from the global modules. */
@Module({
  imports: [QueuesModule],
  providers: [OperationsService],
  exports: [OperationsService],
})
export class ObservabilityModule {}
