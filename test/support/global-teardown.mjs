import { dropDatabase } from './test-database.mjs';

export default async function globalTeardown() {
  if (process.env.PERCORSI_TEST_DATABASE) await dropDatabase(process.env.PERCORSI_TEST_DATABASE);
}
