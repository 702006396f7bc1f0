// Every message sent, recorded once per idempotency key.
import type { DataSource } from 'typeorm';
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

  async wasSent(idempotencyKey: string): Promise<boolean> {
    const rows = await this.dataSource.query('SELECT 1 FROM notifications WHERE idempotency_key = $1', [
      idempotencyKey,
    ]);
    return rows.length > 0;
  }

  async record(notification: SentNotification): Promise<void> {
    await this.dataSource.query(
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
