// Every message sent, recorded once per idempotency key.
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { within } from '../common/index.js';

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

/** How long the note on the job in Redis may take: a Redis that is down holds commands for ever. */
const REMEMBER_TIMEOUT_MS = 2000;

export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Sends a message at most once per idempotency key across workers, as far as SMTP allows. The worker claims
   * the message's row of the mail outbox for a minute (longer than SMTP's timeouts) before sending, so a second
   * job of the same message (Redis lost the first while a worker ran it, and the reconciler put it back) finds
   * it claimed, fails and is retried later, when it finds it sent. As soon as the SMTP server accepts the
   * message, its Message-ID is noted on the row (and, by `remember`, on the job in Redis): whoever takes the
   * message up next, after the record failed or the worker died, records it instead of sending it again.
   * Recording it sent removes the row.
   *
   * What is left (SMTP has no exactly-once): a worker dying, or both PostgreSQL and Redis failing to take the
   * note, between the server's acceptance and the note; or a worker still sending when its minute's claim
   * runs out. The message then goes again, with the same Message-ID, which the receiving server can
   * recognise.
   */
  async sendOnce(
    idempotencyKey: string,
    transmit: () => Promise<string>,
    recordOf: (smtpMessageId: string) => SentNotification,
    remember: (smtpMessageId: string) => Promise<unknown> = async () => undefined,
  ): Promise<'sent' | 'already_sent'> {
    // An UPDATE answers [rows, how many].
    const [claimedRows]: [{ accepted_message_id: string | null }[], number] = await this.dataSource.query(
      `UPDATE mail_outbox SET claimed_until = now() + interval '60 seconds'
       WHERE idempotency_key = $1 AND (claimed_until IS NULL OR claimed_until < now())
       RETURNING accepted_message_id`,
      [idempotencyKey],
    );
    const claimed = claimedRows[0];
    // One statement, one snapshot: the record of a message and the removal of its row commit together, so
    // this sees one or the other, never neither (two reads could straddle another worker's commit).
    const [{ sent, waiting }]: { sent: boolean; waiting: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM notifications WHERE idempotency_key = $1) AS sent,
              EXISTS (SELECT 1 FROM mail_outbox WHERE idempotency_key = $1) AS waiting`,
      [idempotencyKey],
    );
    if (sent) {
      await this.dataSource.query('DELETE FROM mail_outbox WHERE idempotency_key = $1', [idempotencyKey]);
      return 'already_sent';
    }
    // No row claimed: either another worker holds it, or the message was queued before the mail outbox.
    if (!claimed && waiting) throw new Error(`e-mail ${idempotencyKey} is being sent by another worker`);
    try {
      if (claimed?.accepted_message_id) {
        // An earlier attempt had it accepted and did not live to record it: record it, do not send it again.
        await this.recordSent(recordOf(claimed.accepted_message_id));
        return 'sent';
      }
      const smtpMessageId = await transmit();
      // Noted in both places the next attempt looks, each on its own: either may be failing right now.
      await Promise.all([
        within(remember(smtpMessageId), REMEMBER_TIMEOUT_MS, 'Redis (noting the accepted e-mail)').catch(
          () => undefined,
        ),
        this.dataSource
          .query('UPDATE mail_outbox SET accepted_message_id = $2 WHERE idempotency_key = $1', [
            idempotencyKey,
            smtpMessageId,
          ])
          .catch(() => undefined),
      ]);
      await this.recordSent(recordOf(smtpMessageId));
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
