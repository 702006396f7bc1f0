// Starts the API: validated configuration, migrations, demo data when asked, then HTTP.
import { loadConfig } from '../../libs/config/index.js';
import { systemClock } from '../../libs/common/index.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../../libs/demo/index.js';
import { DataSource } from 'typeorm';
import { logJson } from '../../libs/observability/index.js';
import { CaseRepository } from '../../libs/persistence/index.js';
import { createApp } from './create-app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config, systemClock);
  if (
    config.SEED_DEMO === 'true' &&
    (await seedDemo(app.get(DataSource), app.get(CaseRepository), systemClock))
  ) {
    logJson(
      'info',
      `Demo data created. Users (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.email).join(', ')}`,
    );
  }
  await app.listen(config.PORT, config.HOST);
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  logJson('info', `Percorsi API on ${url}/api — OpenAPI at ${url}/api/docs`, { url });
  // Started by `npm start`: tell the launcher, which starts the worker only now.
  process.send?.('ready');
}

main().catch((error: unknown) => {
  logJson('error', error instanceof Error ? error.message : String(error));
  process.exit(1);
});
