// `npm start`: the whole service on one machine. The API and a worker run as child processes (so either
// can die or be restarted alone); in development a local mail catcher shows the e-mails sent. When no
// REDIS_URL is given and no Redis answers on the local default, a private redis-server is started.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../libs/config/index.js';
import { MailCatcher } from '../../libs/notifications/index.js';
import { logJson } from '../../libs/observability/index.js';
import { answers, LOCAL_REDIS, startLocalRedis, type LocalRedis } from './local-redis.js';

const APPS = { api: '../api/main.js', worker: '../worker/main.js' } as const;

async function requirePostgres(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  if (await answers(url.hostname, Number(url.port) || 5432)) return;
  throw new Error(
    `No PostgreSQL answers on ${url.hostname}:${url.port || 5432}. Start PostgreSQL there ` +
      '(Debian/Ubuntu: apt-get install postgresql) or set DATABASE_URL to a PostgreSQL you run.',
  );
}

async function main(): Promise<void> {
  const config = loadConfig();
  const env: NodeJS.ProcessEnv = { ...process.env };
  await requirePostgres(config.DATABASE_URL);
  logJson('info', 'Database: PostgreSQL', { database: new URL(config.DATABASE_URL).host });

  let redis: LocalRedis | null = null;
  if (process.env.REDIS_URL === undefined && !(await answers(LOCAL_REDIS.host, LOCAL_REDIS.port))) {
    redis = await startLocalRedis(config.DATA_DIR);
    env.REDIS_URL = redis.url;
    logJson('info', `Redis: a private redis-server on ${redis.url}, data in ${redis.directory}`);
  } else {
    logJson('info', `Redis: ${new URL(env.REDIS_URL ?? config.REDIS_URL).host}`);
  }

  let catcher: MailCatcher | null = null;
  if (config.MAIL_CATCHER === 'true' && config.NODE_ENV !== 'production') {
    catcher = new MailCatcher();
    const ports = await catcher.listen(config.MAIL_CATCHER_SMTP_PORT, config.MAIL_CATCHER_HTTP_PORT);
    env.SMTP_URL = `smtp://127.0.0.1:${ports.smtpPort}`;
    logJson('info', `E-mails sent by Percorsi: http://127.0.0.1:${ports.httpPort}`);
  }

  // The children log JSON lines of their own; they go straight to our output.
  const children = Object.entries(APPS).map(([name, path]) => ({
    name,
    child: fork(fileURLToPath(new URL(path, import.meta.url)), { env, stdio: 'inherit' }) as ChildProcess,
  }));

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const exited = children.map(
      ({ child }) =>
        new Promise<void>((done) => (child.exitCode === null ? child.once('exit', () => done()) : done())),
    );
    for (const { child } of children) child.kill('SIGTERM');
    await Promise.all([...exited, catcher?.close()]);
    // Redis last: the worker finishes its jobs against it first.
    await redis?.stop();
    process.exitCode = code;
  };
  for (const { name, child } of children) {
    child.on('exit', (code, signal) => {
      if (!stopping)
        logJson('error', `${name} stopped (${signal ?? `exit code ${code}`}); stopping Percorsi.`);
      void stop(code ?? 1);
    });
  }
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
}

main().catch((error: unknown) => {
  logJson('error', error instanceof Error ? error.message : String(error));
  process.exit(1);
});
