// Every message sent, recorded once per idempotency key.
import type { DataSource } from 'typeorm';

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
