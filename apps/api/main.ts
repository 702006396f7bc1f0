// Starts the API: validated configuration, migrations, demo data when asked, then HTTP.
import { loadConfig } from '../../libs/config/index.js';
import { systemClock } from '../../libs/common/index.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../../libs/demo/index.js';
import { CaseEngine } from '../../libs/engine/index.js';
import { DataSource } from 'typeorm';
import { createApp } from './create-app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config, systemClock);
  if (
    config.SEED_DEMO === 'true' &&
    (await seedDemo(app.get(DataSource), app.get(CaseEngine), systemClock))
  ) {
    console.log(
      `Demo data created. Users (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.email).join(', ')}`,
    );
  }
  await app.listen(config.PORT, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  console.log(`Percorsi API on ${url}/api — OpenAPI at ${url}/api/docs`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
