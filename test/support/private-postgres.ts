// A PostgreSQL cluster of the caller's own (initdb into a temporary directory, pg_ctl on a loopback port),
// for runs that restart the database server: the shared one on 5432 serves other runs meanwhile.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  /** The cluster's `postgres` database, for creating and dropping others. */
  adminUrl: string;
  /** Restarts the server the way a crash does (`-m immediate`: recovery from the WAL at start). */
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its files. */
  destroy(): Promise<void>;
}

/**
 * PostgreSQL refuses to run as root: when this process is root, the cluster's programs run as the
 * `postgres` account (runuser), which owns the directory.
 */
async function asOwner(program: string, args: string[]): Promise<void> {
  const root = process.getuid?.() === 0;
  const [command, argv] = root
    ? ['runuser', ['-u', 'postgres', '--', join(BIN, program), ...args]]
    : [join(BIN, program), args];
  await run(command, argv, { timeout: 120_000 });
}

export async function privatePostgres(port: number): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'percorsi-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) await run('chown', ['postgres', dir]);
  await asOwner('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  // fsync off: a restart of the server (not of the machine) loses nothing committed, and the run is faster.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const pgCtl = (...args: string[]) =>
    asOwner('pg_ctl', ['-D', data, '-w', '-l', join(dir, 'log'), '-o', options, ...args]);
  await pgCtl('start');
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () => pgCtl('restart', '-m', 'immediate'),
    stop: () => pgCtl('stop', '-m', 'fast'),
    start: () => pgCtl('start'),
    async destroy() {
      await pgCtl('stop', '-m', 'immediate').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
