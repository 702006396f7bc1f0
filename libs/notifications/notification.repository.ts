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

/** What a worker finds when it claims a message: one statement, one snapshot (see {@link NotificationRepository.claim}). */
export interface MailClaim {
  /** The claim is this worker's now. */
  claimed: boolean;
  /** The message is recorded sent. */
  sent: boolean;
  /** Its row still waits in the mail outbox. */
  waiting: boolean;
  /** When another attempt's claim runs out, unless renewed (null when none holds it). */
  heldUntil: Date | null;
}

export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims the message's row of the mail outbox for `leaseMs` under `owner` (a token of this attempt), unless
   * another attempt's claim still runs; and says whether the message is recorded sent and whether its row still
   * waits. One statement, one snapshot: the record of a message and the removal of its row commit together, so
   * this sees one or the other, never neither (two reads could straddle another worker's record).
   */
  async claim(idempotencyKey: string, owner: string, leaseMs: number): Promise<MailClaim> {
    const [found]: MailClaim[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE mail_outbox SET claimed_by = $2, claimed_until = now() + $3 * interval '1 millisecond'
         WHERE idempotency_key = $1 AND (claimed_until IS NULL OR claimed_until < now())
         RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM claimed) AS claimed,
              EXISTS (SELECT 1 FROM notifications WHERE idempotency_key = $1) AS sent,
              EXISTS (SELECT 1 FROM mail_outbox WHERE idempotency_key = $1) AS waiting,
              (SELECT claimed_until FROM mail_outbox WHERE idempotency_key = $1 AND claimed_until >= now())
                AS "heldUntil"`,
      [idempotencyKey, owner, leaseMs],
    );
    return found!;
  }

  /** Extends `owner`'s claim; false when it is no longer `owner`'s (it ran out and another attempt took it). */
  async renewClaim(idempotencyKey: string, owner: string, leaseMs: number): Promise<boolean> {
    const [, renewed]: [unknown[], number] = await this.dataSource.query(
      `UPDATE mail_outbox SET claimed_until = now() + $3 * interval '1 millisecond'
       WHERE idempotency_key = $1 AND claimed_by = $2`,
      [idempotencyKey, owner, leaseMs],
    );
    return renewed === 1;
  }

  /** Gives `owner`'s claim up, so that the retry of a message the SMTP server refused may go at once. */
  async releaseClaim(idempotencyKey: string, owner: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_outbox SET claimed_until = NULL, claimed_by = NULL
       WHERE idempotency_key = $1 AND claimed_by = $2`,
      [idempotencyKey, owner],
    );
  }

  /** Takes out of the mail outbox the row of a message already recorded sent. */
  async forget(idempotencyKey: string): Promise<void> {
    await this.dataSource.query('DELETE FROM mail_outbox WHERE idempotency_key = $1', [idempotencyKey]);
  }

  /**
   * Records a message the SMTP server accepted and takes it out of the mail outbox, in one statement: it
   * commits whole or not at all, in one round trip. Recording a message twice keeps one row.
   */
  async recordSent(notification: SentNotification): Promise<void> {
    await this.dataSource.query(
      `WITH sent AS (DELETE FROM mail_outbox WHERE idempotency_key = $1)
       INSERT INTO notifications (idempotency_key, case_id, kind, deadline_key, recipient_user_id, recipient_email,
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
