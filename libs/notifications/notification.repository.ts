// Every message sent, recorded once per idempotency key.
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';

export interface SentNotification {
  idempotencyKey: string;
  caseId: string;
  kind: string;
  deadlineKey: string | null;
  recipientUserId: string | null;
  recipientEmail: string;
  subject: string;
  smtpMessageId: string | null;
  sentAt: Date;
}

/** One page of a user's own messages, newest first; `before` is the last id of the previous page. */
export const myNotificationsQuerySchema = z.strictObject({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export interface MyNotification {
  id: number;
  caseId: string;
  kind: string;
  subject: string;
  sentAt: Date;
}

export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Sends a message at most once per idempotency key across workers. The worker claims the message's row of
   * the mail outbox for a minute (longer than SMTP's timeouts) before sending, so a second job of the same
   * message (Redis lost the first while a worker ran it, and the reconciler put it back) finds it claimed,
   * fails and is retried later, when it finds it sent. Recording it sent removes the row. A process dying
   * between `send` and the record sends it again once the claim expires: the stable Message-ID lets the
   * receiving server recognise the repeat.
   */
  async sendOnce(
    idempotencyKey: string,
    send: () => Promise<SentNotification>,
  ): Promise<'sent' | 'already_sent'> {
    // An UPDATE answers [rows, how many].
    const [, claimed]: [unknown, number] = await this.dataSource.query(
      `UPDATE mail_outbox SET claimed_until = now() + interval '60 seconds'
       WHERE idempotency_key = $1 AND (claimed_until IS NULL OR claimed_until < now()) RETURNING 1`,
      [idempotencyKey],
    );
    const sent = async () =>
      (
        await this.dataSource.query('SELECT 1 FROM notifications WHERE idempotency_key = $1', [
          idempotencyKey,
        ])
      ).length > 0;
    if (await sent()) {
      await this.dataSource.query('DELETE FROM mail_outbox WHERE idempotency_key = $1', [idempotencyKey]);
      return 'already_sent';
    }
    if (!claimed) {
      // No row claimed: either another worker holds it, or the message was queued before the mail outbox.
      const [waiting] = await this.dataSource.query('SELECT 1 FROM mail_outbox WHERE idempotency_key = $1', [
        idempotencyKey,
      ]);
      if (waiting) throw new Error(`e-mail ${idempotencyKey} is being sent by another worker`);
    }
    try {
      await this.recordSent(await send());
      return 'sent';
    } catch (error) {
      // Let the retry in at once; with the database gone too, the claim runs out by itself.
      await this.dataSource
        .query('UPDATE mail_outbox SET claimed_until = NULL WHERE idempotency_key = $1', [idempotencyKey])
        .catch(() => undefined);
      throw error;
    }
  }

  /** Records a message the SMTP server accepted, and takes it out of the mail outbox. */
  async recordSent(notification: SentNotification): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.record(notification, manager);
      await manager.query('DELETE FROM mail_outbox WHERE idempotency_key = $1', [
        notification.idempotencyKey,
      ]);
    });
  }

  private async record(notification: SentNotification, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO notifications (idempotency_key, case_id, kind, deadline_key, recipient_user_id, recipient_email,
                                  subject, smtp_message_id, sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        notification.idempotencyKey,
        notification.caseId,
        notification.kind,
        notification.deadlineKey,
        notification.recipientUserId,
        notification.recipientEmail,
        notification.subject,
        notification.smtpMessageId,
        notification.sentAt,
      ],
    );
  }

  async forRecipient(
    userId: string,
    { before, limit }: z.output<typeof myNotificationsQuerySchema>,
  ): Promise<{ items: MyNotification[]; nextBefore: number | null }> {
    const rows: { id: string; case_id: string; kind: string; subject: string; sent_at: Date }[] =
      await this.dataSource.query(
        `SELECT id, case_id, kind, subject, sent_at FROM notifications
         WHERE recipient_user_id = $1 AND ($2::bigint IS NULL OR id < $2)
         ORDER BY id DESC LIMIT $3`,
        [userId, before ?? null, limit + 1],
      );
    const items = rows.slice(0, limit).map((row) => ({
      id: Number(row.id),
      caseId: row.case_id,
      kind: row.kind,
      subject: row.subject,
      sentAt: row.sent_at,
    }));
    return { items, nextBefore: rows.length > limit ? items.at(-1)!.id : null };
  }

  async forCase(caseId: string): Promise<SentNotification[]> {
    const rows = await this.dataSource.query(
      `SELECT idempotency_key, case_id, kind, deadline_key, recipient_user_id, recipient_email, subject,
              smtp_message_id, sent_at
       FROM notifications WHERE case_id = $1 ORDER BY sent_at, id`,
      [caseId],
    );
    return rows.map((row: Record<string, never>) => ({
      idempotencyKey: row.idempotency_key,
      caseId: row.case_id,
      kind: row.kind,
      deadlineKey: row.deadline_key,
      recipientUserId: row.recipient_user_id,
      recipientEmail: row.recipient_email,
      subject: row.subject,
      smtpMessageId: row.smtp_message_id,
      sentAt: row.sent_at,
    }));
  }
}
