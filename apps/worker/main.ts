// The worker: relays state changes to the queues and processes deadline and e-mail jobs. Run as many
// as you like against one PostgreSQL and one Redis.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { systemClock } from '../../libs/common/index.js';
import { loadConfig } from '../../libs/config/index.js';
import { JsonLogger, logJson } from '../../libs/observability/index.js';
import { WorkerModule } from './worker.module.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, systemClock), {
    logger: new JsonLogger(['warn', 'error']),
  });
  app.enableShutdownHooks();
  const scale = config.TIME_SCALE_SECONDS_PER_DAY;
  logJson('info', 'Percorsi worker ready', {
    queuePrefix: config.QUEUE_PREFIX,
    secondsPerDay: scale ?? null,
  });
}

main().catch((error: unknown) => {
  logJson('error', error instanceof Error ? error.message : String(error));
  process.exit(1);
});
