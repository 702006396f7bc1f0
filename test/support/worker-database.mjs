// Each Jest worker runs its files one after another on a database of its own, a copy of the run's demo database
// (global-setup.mjs), and its APIs on a queue prefix of its own (test/support/api.ts): as in a run in one process,
// no file sees another file's work in progress, though two files run at once.
import { databaseUrl, workerDatabase } from './test-database.mjs';

process.env.DATABASE_URL = databaseUrl(
  workerDatabase(process.env.PERCORSI_TEST_DATABASE, process.env.JEST_WORKER_ID),
);
