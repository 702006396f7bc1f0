import { dropDatabases } from './test-database.mjs';

export default async function globalTeardown() {
  if (process.env.PERCORSI_TEST_DATABASE) await dropDatabases(process.env.PERCORSI_TEST_DATABASE);
}
