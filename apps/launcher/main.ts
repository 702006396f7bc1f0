// `npm start`: the whole service on one machine. The API and a worker run as child processes (so either
// can die or be restarted alone); in development a local mail catcher shows the e-mails sent.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../libs/config/index.js';
import { MailCatcher } from '../../libs/notifications/index.js';

const APPS = { api: '../api/main.js', worker: '../worker/main.js' } as const;

function prefixed(name: string, child: ChildProcess): void {
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) console.log(`[${name}] ${line}`);
    });
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const env: NodeJS.ProcessEnv = { ...process.env };
  let catcher: MailCatcher | null = null;
  if (config.MAIL_CATCHER === 'true' && config.NODE_ENV !== 'production') {
    catcher = new MailCatcher();
    const ports = await catcher.listen(config.MAIL_CATCHER_SMTP_PORT, config.MAIL_CATCHER_HTTP_PORT);
    env.SMTP_URL = `smtp://127.0.0.1:${ports.smtpPort}`;
    console.log(`[mail] E-mails sent by Percorsi: http://127.0.0.1:${ports.httpPort}`);
  }

  const children = Object.entries(APPS).map(([name, path]) => {
    const child = fork(fileURLToPath(new URL(path, import.meta.url)), { env, stdio: 'pipe' });
    prefixed(name, child);
    return { name, child };
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const { child } of children) child.kill('SIGTERM');
    await catcher?.close();
    process.exitCode = code;
  };
  for (const { name, child } of children) {
    child.on('exit', (code, signal) => {
      if (!stopping)
        console.error(`[${name}] stopped (${signal ?? `exit code ${code}`}); stopping Percorsi.`);
      void stop(code ?? 1);
    });
  }
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
