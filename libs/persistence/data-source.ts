// The TypeORM data source: schema changes only through migrations, never `synchronize`.
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';

/** PostgreSQL's rule of thumb for a pool (twice the cores, plus two), when DATABASE_POOL_SIZE is unset. */
export const defaultPoolSize = () => 2 * availableParallelism() + 2;

export function createDataSource(databaseUrl: string, poolSize = defaultPoolSize()): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    // Query logging would copy personal data from parameters into log files.
    logging: false,
    extra: { max: poolSize },
  });
}

const DUPLICATE_DATABASE = '42P04';
const MIGRATION_LOCK = 7_431_001;

/** Creates the database named in the URL when it does not exist yet (first start on a fresh machine). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } catch (error) {
    // The API and a worker starting together may both try; one creating it is enough.
    if ((error as { code?: string }).code !== DUPLICATE_DATABASE) throw error;
  } finally {
    await client.end();
  }
}

/** Connects, creating the database if needed, and applies pending migrations (one process at a time). */
export async function openDatabase(databaseUrl: string, poolSize?: number): Promise<DataSource> {
  await ensureDatabase(databaseUrl);
  const dataSource = await createDataSource(databaseUrl, poolSize).initialize();
  const lock = new pg.Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await lock.end();
  }
  return dataSource;
}
