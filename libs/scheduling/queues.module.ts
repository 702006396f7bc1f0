import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DEADLINES_QUEUE, MAIL_QUEUE, MAINTENANCE_QUEUE } from './queues.js';
import { redisConnectionOf } from './redis-connection.js';

/** The Redis connection and the queues, for whoever enqueues or inspects jobs. */
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
  exports: [BullModule],
})
export class QueuesModule {}
