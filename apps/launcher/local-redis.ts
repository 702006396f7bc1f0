// `npm start` on a machine with no Redis running: a private redis-server of our own, loopback only, on a
// free port, keeping its data (append-only file) under DATA_DIR so pending deadlines survive a restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { resolve } from 'node:path';

export const LOCAL_REDIS = { host: '127.0.0.1', port: 6379 };

/** True when something accepts TCP connections on host:port. */
export function answers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    socket.connect(port, host);
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export class RedisNotInstalledError extends Error {
  constructor() {
    super(
      'Redis is needed and none answers on 127.0.0.1:6379, and no redis-server program is installed. ' +
        'Install the package "redis-server" (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) ' +
        'or set REDIS_URL to a Redis you run.',
    );
  }
}

export interface LocalRedis {
  url: string;
  directory: string;
  stop(): Promise<void>;
}

/** `program` is the redis-server to run, found on the PATH unless a path is given. */
export async function startLocalRedis(dataDir: string, program = 'redis-server'): Promise<LocalRedis> {
  const directory = resolve(dataDir, 'redis');
  mkdirSync(directory, { recursive: true });
  const port = await freePort();
  const child: ChildProcess = spawn(
    program,
    ['--bind', '127.0.0.1', '--port', String(port), '--dir', directory, '--appendonly', 'yes', '--save', ''],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((done, fail) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(error.code === 'ENOENT' ? new RedisNotInstalledError() : error),
    );
    child.once('exit', (code) => fail(new Error(`redis-server stopped at start (exit code ${code})`)));
    const poll = async () => {
      if (child.exitCode !== null) return;
      if (await answers('127.0.0.1', port)) done();
      else setTimeout(poll, 50);
    };
    child.once('spawn', poll);
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    directory,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
