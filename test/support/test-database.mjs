// Each test run gets its own PostgreSQL databases, created before the run and dropped after it.
import pg from 'pg';

export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The database of the run named `run` that Jest worker `worker` (JEST_WORKER_ID) runs its files on. */
export const workerDatabase = (run, worker) => `${run}_w${worker}`;

async function asAdmin(sql, values) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A copy of `template`, a database nobody is connected to: PostgreSQL copies its files in half a second, where
 * migrating and seeding the demo takes several seconds of CPU.
 */
export async function copyDatabase(template, name) {
  await asAdmin(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
}

/** Drops the run's databases: every one whose name starts with `run`. */
export async function dropDatabases(run) {
  const databases = await asAdmin('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [run]);
  for (const { datname } of databases) await asAdmin(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}
