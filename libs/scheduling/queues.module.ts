import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ConnectionOptions, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../common/index.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DeadlineTimers } from './deadline-timers.js';
import { DEADLINES_QUEUE, MAIL_QUEUE, MAINTENANCE_QUEUE } from './queues.js';
import { closeQueueConnection, queueConnectionOf } from './redis-connection.js';

const QUEUE_CONNECTION = Symbol('QUEUE_CONNECTION');

/**
 * The queues' Redis connection (libs/scheduling/redis-connection.ts). Imported by BullMQ's root module, so
 * Nest shuts this module down after the queues and workers (the deeper a module, the later): a shared
 * Redis Cluster client is closed only once nothing uses it.
 */
@Module({
  providers: [{ provide: QUEUE_CONNECTION, inject: [APP_CONFIG], useFactory: queueConnectionOf }],
  exports: [QUEUE_CONNECTION],
})
class QueueConnectionModule implements OnApplicationShutdown {
  constructor(@Inject(QUEUE_CONNECTION) private readonly connection: ConnectionOptions) {}

  onApplicationShutdown(): Promise<void> {
    return closeQueueConnection(this.connection);
  }
}

/**
 * The Redis connection and the queues, for whoever enqueues or inspects jobs, and the deadline moments
 * (PostgreSQL) behind the deadline queue.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      imports: [QueueConnectionModule],
      inject: [APP_CONFIG, QUEUE_CONNECTION],
      useFactory: (config: AppConfig, connection: ConnectionOptions) => ({
        connection,
        prefix: config.QUEUE_PREFIX,
      }),
    }),
    BullModule.registerQueue({ name: DEADLINES_QUEUE }, { name: MAIL_QUEUE }, { name: MAINTENANCE_QUEUE }),
  ],
  providers: [
    {
      provide: DeadlineTimers,
      inject: [DataSource, getQueueToken(DEADLINES_QUEUE), CLOCK, APP_CONFIG],
      useFactory: (ds: DataSource, queue: Queue, clock: Clock, config: AppConfig) =>
        new DeadlineTimers(ds, queue, clock, { horizonMs: config.DEADLINE_HORIZON_SECONDS * 1000 }),
    },
  ],
  exports: [BullModule, DeadlineTimers],
})
export class QueuesModule {}
