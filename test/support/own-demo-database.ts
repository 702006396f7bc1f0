// A database of the test file's own, migrated and seeded with the demo territory, for tests that count
// what the demo users see and so cannot share the run's database with files that add cases to it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { systemClock } from '../../libs/common/index.js';
import { seedDemo } from '../../libs/demo/index.js';
import { CaseRepository, openDatabase } from '../../libs/persistence/index.js';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function ownDemoDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `percorsi_own_${process.pid}_${randomBytes(3).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const dataSource = await openDatabase(url.toString());
  try {
    await seedDemo(dataSource, new CaseRepository(dataSource), systemClock);
  } finally {
    await dataSource.destroy();
  }
  return {
    url: url.toString(),
    async drop() {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
