// How many e-mails a second the worker processes send (`node dist/test/chaos/mail-throughput.js`, after a
// build): MAIL_COUNT (2000) e-mails queued as the relay queues notices, then MAIL_WORKERS (2) worker processes
// started on a database and a queue prefix of the run's own, the mail catcher as the SMTP peer in this process
// (as in the chaos run); it prints the rate from the first e-mail recorded sent to the last.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { systemClock } from '../../libs/common/index.js';
import { MailOutbox, type MailJob } from '../../libs/scheduling/index.js';
import { schedulingEnvironment, sleep } from '../support/scheduling.js';

/** User and system CPU a process has used, from /proc (Linux), in milliseconds. */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100;

const count = Number(process.env.MAIL_COUNT ?? 2000);
const workers = Number(process.env.MAIL_WORKERS ?? 2);
const hogs = Number(process.env.MAIL_LOAD ?? 0);

const environment = await schedulingEnvironment(1);
const database = new DataSource({ type: 'postgres', url: environment.env.DATABASE_URL, poolSize: 2 });
await database.initialize();
const after: (() => void)[] = [];
try {
  const [{ id: caseId }] = await database.query('SELECT id FROM cases LIMIT 1');
  const [user] = await database.query('SELECT id, email, full_name FROM users LIMIT 1');
  const run = randomBytes(3).toString('hex');
  const mails: MailJob[] = Array.from({ length: count }, (_, index) => ({
    idempotencyKey: `${caseId}.${run}.${index}.promemoria.${user.id}`,
    caseId,
    kind: 'promemoria',
    deadlineKey: null,
    recipient: { userId: user.id, email: user.email, fullName: user.full_name },
    subject: 'Promemoria: misura di prova',
    text: 'Un promemoria di prova, come quelli dei termini.\n'.repeat(8),
  }));
  await new MailOutbox(database, environment.queues.mail, systemClock).queue(mails);
  // Busy processes beside the run, as a loaded machine has them.
  const busy = Array.from({ length: hogs }, () =>
    spawn(process.execPath, ['-e', 'for(;;);'], { stdio: 'ignore' }),
  );
  after.push(() => busy.forEach((child) => child.kill('SIGKILL')));
  const started = Date.now();
  const running = await Promise.all(Array.from({ length: workers }, () => environment.startWorker()));
  const sent = async () =>
    Number((await database.query('SELECT count(*) AS n FROM notifications'))[0].n) as number;
  // CPU from the first e-mail recorded to the last: the workers, the PostgreSQL backends of the run's database,
  // this process (the mail catcher). Start-up is left out.
  const cpu = async () => {
    const backends: { pid: number }[] = await database.query(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    const own = process.cpuUsage();
    return {
      workers: running.reduce((sum, worker) => sum + cpuMsOf(worker.child.pid!), 0),
      postgres: new Map(backends.map(({ pid }) => [pid, cpuMsOf(pid)])),
      catcher: (own.user + own.system) / 1000,
    };
  };
  let done = 0;
  while ((done = await sent()) === 0) await sleep(20);
  const first = { at: Date.now(), done, cpu: await cpu() };
  while ((done = await sent()) < count) {
    if (Date.now() - started > 600_000) throw new Error(`only ${done} of ${count} sent in 600 s`);
    await sleep(100);
  }
  const last = await cpu();
  const measured = count - first.done;
  const seconds = (Date.now() - first.at) / 1000;
  const postgres = [...last.postgres].reduce(
    (sum, [pid, ms]) => sum + ms - (first.cpu.postgres.get(pid) ?? 0),
    0,
  );
  const perMail = (ms: number) => (ms / measured).toFixed(2);
  console.log(
    `${measured} e-mails, ${workers} workers, ${hogs} busy processes beside: ${seconds.toFixed(1)} s, ` +
      `${(measured / seconds).toFixed(1)} e-mails/s; CPU per e-mail: workers ${perMail(last.workers - first.cpu.workers)} ms, ` +
      `PostgreSQL ${perMail(postgres)} ms, catcher ${perMail(last.catcher - first.cpu.catcher)} ms; ` +
      `${environment.catcher.messages.length} delivered to the catcher`,
  );
} finally {
  after.forEach((undo) => undo());
  await environment.stopWorkers();
  await database.destroy();
  await environment.close();
}
