// Statements on the event hot path run as named prepared statements (pg's `name:` query config): each
// connection parses and plans one the first time it runs it, then only binds and executes it. TypeORM's
// query() sends unnamed statements, planned again on every call, so these go to a pooled pg client directly.
import type { DataSource, EntityManager } from 'typeorm';

export interface PreparedStatement {
  /** Unique per statement text: pg refuses a name reused with another text on the same connection. */
  name: string;
  text: string;
}

export interface SqlSession {
  run<Row = Record<string, unknown>>(statement: PreparedStatement, values: unknown[]): Promise<Row[]>;
}

interface PooledClient {
  query(config: {
    name?: string;
    text: string;
    values?: unknown[];
  }): Promise<{ rows: Record<string, unknown>[] }>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: 'error', listener: (error: Error) => void): unknown;
}

/** A connection lost while held between two statements is reported by the next one, which fails. */
const reportedByNextQuery = () => undefined;

/**
 * The pg pool behind TypeORM's data source: one connection, given back (or discarded if broken) after use.
 * While it is held here the pool no longer listens for its errors: without a listener of ours, a connection
 * lost between two statements (PostgreSQL restarting) would end the process with an unhandled 'error' event.
 */
async function connection(dataSource: DataSource): Promise<[PooledClient, (error?: unknown) => void]> {
  const driver = dataSource.driver as unknown as {
    obtainMasterConnection(): Promise<[PooledClient, (error?: unknown) => void]>;
  };
  const [client, release] = await driver.obtainMasterConnection();
  client.on('error', reportedByNextQuery);
  return [
    client,
    (error) => {
      client.removeListener('error', reportedByNextQuery);
      release(error);
    },
  ];
}

/**
 * The embedded PGlite is one database session that every connection shares (apps/launcher), so a name one
 * connection prepared already exists for the next: there, statements go unnamed. Asked once per data source.
 */
const namesWork = new WeakMap<DataSource, Promise<boolean>>();

function preparesPerConnection(dataSource: DataSource): Promise<boolean> {
  let answer = namesWork.get(dataSource);
  if (!answer) {
    answer = dataSource
      .query('SELECT version() AS version')
      .then(([{ version }]: { version: string }[]) => !version.includes('PGlite'));
    namesWork.set(dataSource, answer);
  }
  return answer;
}

async function sessionOf(dataSource: DataSource, client: PooledClient): Promise<SqlSession> {
  const named = await preparesPerConnection(dataSource);
  return {
    run: async <Row>(statement: PreparedStatement, values: unknown[]) =>
      (await client.query({ ...(named ? { name: statement.name } : {}), text: statement.text, values }))
        .rows as Row[],
  };
}

/** Runs `work` in one transaction on one connection; `work` returning false rolls it back. */
export async function inTransaction(
  dataSource: DataSource,
  work: (session: SqlSession) => Promise<boolean>,
): Promise<boolean> {
  const [client, release] = await connection(dataSource);
  try {
    await client.query({ text: 'BEGIN' });
    const keep = await work(await sessionOf(dataSource, client));
    await client.query({ text: keep ? 'COMMIT' : 'ROLLBACK' });
    release();
    return keep;
  } catch (error) {
    // A connection that cannot even roll back is discarded rather than given back to the pool.
    const rolledBack = await client.query({ text: 'ROLLBACK' }).then(
      () => true,
      () => false,
    );
    release(rolledBack ? undefined : error);
    throw error;
  }
}

/** Runs `work` on one pooled connection outside a transaction (a single statement is atomic on its own). */
export async function runAlone<T>(
  dataSource: DataSource,
  work: (session: SqlSession) => Promise<T>,
): Promise<T> {
  const [client, release] = await connection(dataSource);
  try {
    const result = await work(await sessionOf(dataSource, client));
    release();
    return result;
  } catch (error) {
    release(error);
    throw error;
  }
}

/** A session over a TypeORM transaction (unnamed statements), for writes that join one already open. */
export function managerSession(manager: EntityManager): SqlSession {
  return { run: (statement, values) => manager.query(statement.text, values) };
}
