// Creates this run's own database, migrates it and loads the demo territory the tests log in to.
// Jest loads this file outside its ES-module sandbox, so it uses the compiled code in dist/
// (`npm test` builds first).
import { randomBytes } from 'node:crypto';
import { systemClock } from '../../dist/libs/common/index.js';
import { seedDemo } from '../../dist/libs/demo/index.js';
import { CaseRepository, openDatabase } from '../../dist/libs/persistence/index.js';
import { databaseUrl } from './test-database.mjs';

export default async function globalSetup() {
  const name = `percorsi_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  process.env.PERCORSI_TEST_DATABASE = name;
  process.env.DATABASE_URL = databaseUrl(name);
  const dataSource = await openDatabase(process.env.DATABASE_URL);
  try {
    await seedDemo(dataSource, new CaseRepository(dataSource), systemClock);
  } finally {
    await dataSource.destroy();
  }
}
