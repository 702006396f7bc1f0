// `npm start`: the whole service on one machine. The API and a worker run as child processes (so either
// can die or be restarted alone); in development a local mail catcher shows the e-mails sent. When no
// DATABASE_URL is given and no PostgreSQL answers on the local default, the database is an embedded
// PGlite that this process serves to them; likewise a private redis-server for a missing Redis.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../libs/config/index.js';
import { MailCatcher } from '../../libs/notifications/index.js';
import { logJson } from '../../libs/observability/index.js';
import { openDatabase } from '../../libs/persistence/index.js';
import { embeddedDirectory, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { answers, LOCAL_REDIS, startLocalRedis, type LocalRedis } from './local-redis.js';

const APPS = { api: '../api/main.js', worker: '../worker/main.js' } as const;

function noPostgres(database: URL): Error {
  return new Error(
    `No PostgreSQL answers on ${database.hostname}:${database.port || 5432}. Start PostgreSQL there ` +
      '(Debian/Ubuntu: apt-get install postgresql) or set DATABASE_URL to a PostgreSQL you run.',
  );
}

async function main(): Promise<void> {
  const config = loadConfig();
  const env: NodeJS.ProcessEnv = { ...process.env };
  let embedded: EmbeddedPostgres | null = null;
  const database = new URL(config.DATABASE_URL);
  const postgresAnswers = await answers(database.hostname, Number(database.port) || 5432);
  if (process.env.DATABASE_URL === undefined && !postgresAnswers) {
    embedded = await startEmbeddedPostgres(config.DATA_DIR);
    env.DATABASE_URL = embedded.url;
    // Here, before the API and the worker start: one PGlite session cannot keep their migrations apart.
    await (await openDatabase(embedded.url)).destroy();
    logJson(
      'info',
      `Database: PGlite (embedded), data in ${embedded.directory}. It is for trying Percorsi on one machine, ` +
        'not for production: one transaction runs at a time, one npm start per data directory, and ' +
        'start:api or start:worker alone or more of them need a PostgreSQL. For PostgreSQL, start one on ' +
        `${database.host} or set DATABASE_URL.`,
    );
  } else {
    if (!postgresAnswers) throw noPostgres(database);
    logJson('info', 'Database: PostgreSQL', { database: database.host });
    if (existsSync(embeddedDirectory(config.DATA_DIR)))
      logJson('warn', `The embedded database in ${embeddedDirectory(config.DATA_DIR)} is not used now.`);
  }

  let redis: LocalRedis | null = null;
  if (config.REDIS_CLUSTER_NODES) {
    logJson(
      'info',
      `Redis Cluster: ${config.REDIS_CLUSTER_NODES.map((node) => new URL(node).host).join(', ')}`,
    );
  } else if (process.env.REDIS_URL === undefined && !(await answers(LOCAL_REDIS.host, LOCAL_REDIS.port))) {
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
  const children: { name: string; child: ChildProcess }[] = [];
  const launch = (name: keyof typeof APPS) => {
    const child = fork(fileURLToPath(new URL(APPS[name], import.meta.url)), { env, stdio: 'inherit' });
    children.push({ name, child });
    child.on('exit', (code, signal) => {
      if (!stopping)
        logJson('error', `${name} stopped (${signal ?? `exit code ${code}`}); stopping Percorsi.`);
      void stop(code ?? 1);
    });
    return child;
  };

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
    // The database and Redis last: the API and the worker finish their work against them first.
    await Promise.all([embedded?.stop(), redis?.stop()]);
    process.exitCode = code;
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  // The worker starts once the API listens: the API seeds the demo first, and a worker already running
  // would fire the demo's past deadlines (an escalation) into cases the seed is still writing.
  const api = launch('api');
  await new Promise<void>((ready) => {
    api.on('message', (message) => message === 'ready' && ready());
    api.once('exit', () => ready());
  });
  if (!stopping) launch('worker');
}

main().catch((error: unknown) => {
  logJson('error', error instanceof Error ? error.message : String(error));
  process.exit(1);
});
