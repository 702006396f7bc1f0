// A database of the test file's own, migrated and seeded with the demo territory, for tests that count
// what the demo users see and so cannot share the run's database with files that add cases to it. A copy of
// the demo database test/support/global-setup.mjs made for the run, before any test changed it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function asAdmin(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export async function ownDemoDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `percorsi_own_${process.pid}_${randomBytes(3).toString('hex')}`;
  await asAdmin(`CREATE DATABASE "${name}" TEMPLATE "${process.env.PERCORSI_TEST_TEMPLATE}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
