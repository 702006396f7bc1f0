// The TypeORM data source: schema changes only through migrations, never `synchronize`.
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    // Query logging would copy personal data from parameters into log files.
    logging: false,
    extra: { max: 20 },
  });
}

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
  } finally {
    await client.end();
  }
}

/** Connects, creating the database if needed, and applies pending migrations. */
export async function openDatabase(databaseUrl: string): Promise<DataSource> {
  await ensureDatabase(databaseUrl);
  const dataSource = await createDataSource(databaseUrl).initialize();
  await dataSource.runMigrations({ transaction: 'all' });
  return dataSource;
}
