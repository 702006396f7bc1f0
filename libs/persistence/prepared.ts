// Statements on the event hot path run as named prepared statements (pg's `name:` query config): each
// connection parses and plans one the first time it runs it, then only binds and executes it. TypeORM's
// query() sends unnamed statements, planned again on every call, so these go to a pooled pg client directly.
import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

export interface PreparedStatement {
  /** Unique per statement text: pg refuses a name reused with another text on the same connection. */
  name: string;
  text: string;
}

export interface SqlSession {
  run<Row = Record<string, unknown>>(statement: PreparedStatement, values: unknown[]): Promise<Row[]>;
}

type Rows = Record<string, unknown>[];

/**
 * Parameterless statements sent as one simple query: every round trip to PostgreSQL costs the API a socket
 * write and a wake-up (a third of its time on the transition bench), so what needs no parameters goes in one.
 * Values must be written in with `literal`.
 */
export type Script = string;

/** A value written into a Script, quoted by pg's own escaping. */
export const literal = (value: string): string => pg.escapeLiteral(value);

/** The rows of a simple query's last statement (pg answers one result per statement). */
function lastRows(result: { rows: Rows } | { rows: Rows }[]): Rows {
  return Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows;
}

interface PooledClient {
  query(config: {
    name?: string;
    text: string;
    values?: unknown[];
  }): Promise<{ rows: Rows } | { rows: Rows }[]>;
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
 * connection prepared already exists for the next: there, statements go unnamed. Asked once per data source,
 * on the connection already held: asking through the pool would wait for a second connection, and a first
 * burst of requests larger than the pool, each holding one, would wait for ever (an API hung so in the chaos run).
 */
const namesWork = new WeakMap<DataSource, Promise<boolean>>();

function preparesPerConnection(dataSource: DataSource, client: PooledClient): Promise<boolean> {
  let answer = namesWork.get(dataSource);
  if (!answer) {
    answer = client
      .query({ text: 'SELECT version() AS version' })
      .then((result) => !String(lastRows(result)[0]?.version).includes('PGlite'));
    // A connection lost while asking: the next session asks again.
    const asked = answer;
    asked.catch(() => namesWork.get(dataSource) === asked && namesWork.delete(dataSource));
    namesWork.set(dataSource, asked);
  }
  return answer;
}

async function sessionOf(dataSource: DataSource, client: PooledClient): Promise<SqlSession> {
  const named = await preparesPerConnection(dataSource, client);
  return {
    run: async <Row>(statement: PreparedStatement, values: unknown[]) =>
      lastRows(
        await client.query({ ...(named ? { name: statement.name } : {}), text: statement.text, values }),
      ) as Row[],
  };
}

/**
 * Runs `work` in one transaction on one connection; `work` returning false rolls it back. `opening` runs in
 * the same round trip as BEGIN, and `work` gets the rows of its last statement.
 */
export async function inTransaction(
  dataSource: DataSource,
  work: (session: SqlSession, opened: Rows) => Promise<boolean>,
  opening?: Script,
): Promise<boolean> {
  const [client, release] = await connection(dataSource);
  try {
    const opened = await client.query({ text: opening ? `BEGIN;\n${opening}` : 'BEGIN' });
    const keep = await work(await sessionOf(dataSource, client), opening ? lastRows(opened) : []);
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

/** Runs a Script inside a TypeORM transaction, on its connection; the rows of its last statement. */
export async function runScript(manager: EntityManager, script: Script): Promise<Rows> {
  const client = (await manager.queryRunner!.connect()) as PooledClient;
  return lastRows(await client.query({ text: script }));
}
