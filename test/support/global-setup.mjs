// Migrates a database of this run's own, loads the demo territory the tests log in to, and copies it once per
// Jest worker (worker-database.mjs points each at its copy); files needing a demo database of their own copy it
// too (own-demo-database.ts). Jest loads this file outside its ES-module sandbox, so it uses the compiled code
// in dist/ (`npm test` builds first).
import { randomBytes } from 'node:crypto';
import { systemClock } from '../../dist/libs/common/index.js';
import { seedDemo } from '../../dist/libs/demo/index.js';
import { CaseRepository, openDatabase } from '../../dist/libs/persistence/index.js';
import { copyDatabase, databaseUrl, workerDatabase } from './test-database.mjs';

export default async function globalSetup(globalConfig) {
  const name = `percorsi_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = `${name}_demo`;
  process.env.PERCORSI_TEST_DATABASE = name;
  process.env.PERCORSI_TEST_TEMPLATE = template;
  const dataSource = await openDatabase(databaseUrl(template));
  try {
    await seedDemo(dataSource, new CaseRepository(dataSource), systemClock);
  } finally {
    await dataSource.destroy();
  }
  for (let worker = 1; worker <= globalConfig.maxWorkers; worker++) {
    await copyDatabase(template, workerDatabase(name, worker));
  }
}
