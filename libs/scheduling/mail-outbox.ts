// An e-mail between being decided and being sent: a row of `mail_outbox` in PostgreSQL, carried by a job on
// the mail queue. Redis losing the job (restarted without persistence, flushed) loses no e-mail: the
// reconciler adds again the job of every row still waiting. The row goes in the transaction that records the
// message sent (NotificationRepository.sendOnce).
import type { Queue } from 'bullmq';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../common/index.js';
import { MAIL_JOB_OPTIONS, type MailJob } from './queues.js';
import { missingJobs, redisReady } from './redis-connection.js';

const BATCH_SIZE = 1000;

export class MailOutbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: Queue,
    private readonly clock: Clock,
  ) {}

  /** Writes the rows, then adds the jobs, whose ids are the idempotency keys: queued twice, sent once. */
  async queue(mails: MailJob[]): Promise<void> {
    await this.hold(mails, this.dataSource);
    await this.enqueue(mails);
  }

  /**
   * Writes the rows in the caller's transaction (none for a message already sent); the caller adds the jobs
   * once it has committed ({@link enqueue}), so a job never runs before its row exists.
   */
  async hold(mails: MailJob[], within: EntityManager | DataSource): Promise<void> {
    if (!mails.length) return;
    await within.query(
      `INSERT INTO mail_outbox (idempotency_key, job, queued_at)
       SELECT m->>'idempotencyKey', m, $2 FROM jsonb_array_elements($1::jsonb) AS m
       WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.idempotency_key = m->>'idempotencyKey')
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [JSON.stringify(mails), this.clock.now()],
    );
  }

  /** Whether Redis takes jobs now (see redisReady). */
  ready(): Promise<boolean> {
    return redisReady(this.mail);
  }

  /** Adds again the jobs of the messages still waiting that Redis no longer has. Returns how many. */
  async reconcile(): Promise<{ checked: number; recreated: number }> {
    let after = '';
    let checked = 0;
    let recreated = 0;
    for (;;) {
      const rows: { idempotency_key: string; job: MailJob }[] = await this.dataSource.query(
        'SELECT idempotency_key, job FROM mail_outbox WHERE idempotency_key > $1 ORDER BY idempotency_key LIMIT $2',
        [after, BATCH_SIZE],
      );
      if (!rows.length) return { checked, recreated };
      after = rows.at(-1)!.idempotency_key;
      checked += rows.length;
      const missing = new Set(
        await missingJobs(
          this.mail,
          rows.map((row) => row.idempotency_key),
          'Redis (reconciling e-mails)',
        ),
      );
      if (missing.size) {
        await this.enqueue(rows.filter((row) => missing.has(row.idempotency_key)).map((row) => row.job));
        recreated += missing.size;
      }
    }
  }

  async enqueue(mails: MailJob[]): Promise<void> {
    if (!mails.length) return;
    await this.mail.addBulk(
      mails.map((mail) => ({
        name: mail.kind,
        data: mail,
        opts: { ...MAIL_JOB_OPTIONS, jobId: mail.idempotencyKey },
      })),
    );
  }
}
