import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../common/index.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DeadlineTimers } from './deadline-timers.js';
import { DEADLINES_QUEUE, MAIL_QUEUE, MAINTENANCE_QUEUE } from './queues.js';
import { redisConnectionOf } from './redis-connection.js';

/**
 * The Redis connection and the queues, for whoever enqueues or inspects jobs, and the deadline moments
 * (PostgreSQL) behind the deadline queue.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: redisConnectionOf(config.REDIS_URL),
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
