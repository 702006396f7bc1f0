// The worker: relays state changes to the queues and processes deadline and e-mail jobs. Run as many
// as you like against one PostgreSQL and one Redis.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { systemClock } from '../../libs/common/index.js';
import { loadConfig } from '../../libs/config/index.js';
import { WorkerModule } from './worker.module.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, systemClock), {
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks();
  const scale = config.TIME_SCALE_SECONDS_PER_DAY;
  console.log(
    `Percorsi worker ready (queues "${config.QUEUE_PREFIX}", ${scale ? `one day = ${scale} s` : 'real time'})`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
