// Sends one e-mail over SMTP at most once per idempotency key, as far as SMTP allows, and records it. A failure
// throws, so the queue retries it with backoff; the case itself never waits for mail.
import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { within, type Clock } from '../common/index.js';
import { databaseUnavailable } from '../persistence/database-unavailable.js';
import type { MailJob } from '../scheduling/queues.js';
import { MailLease } from './mail-lease.js';
import type { NotificationRepository, SentNotification } from './notification.repository.js';

/** How long a claim lasts unless renewed: what a worker that died holds its messages back. */
export const MAIL_LEASE_MS = 60_000;
/** How long the note on the job in Redis may take: a Redis that is down holds commands for ever. */
const REMEMBER_TIMEOUT_MS = 2000;
/** How long a worker keeps trying to record a message the server accepted while PostgreSQL is unavailable. */
const RECORD_PATIENCE_MS = 5 * 60_000;

export interface EarlierAttempt {
  /** The Message-ID the SMTP server accepted in an earlier attempt of this job, which failed to record it. */
  accepted: string | null;
  /** How this attempt notes an acceptance on the job, outside PostgreSQL. */
  remember(messageId: string): Promise<unknown>;
}

const NO_EARLIER_ATTEMPT: EarlierAttempt = { accepted: null, remember: async () => undefined };

/** Another attempt holds the message's claim: its job waits until the claim runs out (`until`), then looks again. */
export class ClaimedElsewhere extends Error {
  constructor(
    idempotencyKey: string,
    readonly until: Date | null,
  ) {
    super(`e-mail ${idempotencyKey} is being sent by another worker`);
  }
}

export class MailSender {
  private readonly transport: Transporter;
  private readonly leaseMs: number;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
    { connections, leaseMs = MAIL_LEASE_MS }: { connections: number; leaseMs?: number },
  ) {
    this.leaseMs = leaseMs;
    const url = new URL(smtpUrl);
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 25),
      secure: url.protocol === 'smtps:',
      // Connections kept open and reused: a connection per message cost a connect, greeting, EHLO and QUIT
      // each, which a loaded machine made the slowest part of sending (README, Faults).
      pool: true,
      maxConnections: connections,
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      // Fail fast and let the queue retry, rather than hold a worker for minutes.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  /**
   * The claim (a row of the mail outbox, for one attempt, renewed while it lasts: {@link MailLease}) keeps a
   * second job of the same message waiting until this one has recorded it, and the record follows the SMTP
   * server's acceptance before anything else, retried while PostgreSQL is unavailable (a restart ends every
   * connection: a single failed statement must not lose what the server took). Should the record still
   * fail, the acceptance is noted on the job in Redis, so that the job's retry records it instead of sending.
   *
   * What is left, since SMTP has no exactly-once: a worker dying between the server's acceptance and the record
   * commits; or one cut off from PostgreSQL, or standing still, for longer than the lease while it sends. The
   * message then goes again once the lease runs out, with the same Message-ID, which the receiving server can
   * recognise.
   */
  async send(mail: MailJob, earlier: EarlierAttempt = NO_EARLIER_ATTEMPT): Promise<'sent' | 'already_sent'> {
    if (earlier.accepted) {
      await this.record(mail, earlier.accepted, earlier.remember);
      return 'sent';
    }
    const owner = randomUUID();
    const claimedAt = performance.now();
    const { claimed, sent, waiting, heldUntil } = await this.notifications.claim(
      mail.idempotencyKey,
      owner,
      this.leaseMs,
    );
    if (sent) {
      if (waiting) await this.notifications.forget(mail.idempotencyKey);
      return 'already_sent';
    }
    if (!claimed && waiting) throw new ClaimedElsewhere(mail.idempotencyKey, heldUntil);
    // Not claimed and not waiting: a job queued before the mail outbox existed, sent as it was then.
    const lease = claimed
      ? new MailLease(this.notifications, mail.idempotencyKey, owner, this.leaseMs, claimedAt)
      : null;
    try {
      let smtpMessageId: string;
      try {
        await lease?.ensureHeld();
        smtpMessageId = await this.transmit(mail);
      } catch (error) {
        // Not sent: let the retry in at once (with the database gone too, the claim runs out by itself).
        if (claimed) await this.notifications.releaseClaim(mail.idempotencyKey, owner).catch(() => undefined);
        throw error;
      }
      await this.record(mail, smtpMessageId, earlier.remember);
      return 'sent';
    } finally {
      lease?.stop();
    }
  }

  /** Records an accepted message, trying again while PostgreSQL is unavailable. */
  private async record(
    mail: MailJob,
    smtpMessageId: string,
    remember: EarlierAttempt['remember'],
  ): Promise<void> {
    const started = performance.now();
    for (let attempt = 0; ; attempt++) {
      try {
        await this.notifications.recordSent(this.sent(mail, smtpMessageId));
        return;
      } catch (error) {
        if (attempt === 0)
          await within(
            remember(smtpMessageId),
            REMEMBER_TIMEOUT_MS,
            'Redis (noting the accepted e-mail)',
          ).catch(() => undefined);
        if (!databaseUnavailable(error) || performance.now() - started > RECORD_PATIENCE_MS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 5000)));
      }
    }
  }

  private sent(mail: MailJob, smtpMessageId: string): SentNotification {
    return {
      idempotencyKey: mail.idempotencyKey,
      caseId: mail.caseId,
      kind: mail.kind,
      deadlineKey: mail.deadlineKey,
      recipientUserId: mail.recipient.userId,
      recipientEmail: mail.recipient.email,
      subject: mail.subject,
      smtpMessageId,
      sentAt: this.clock.now(),
    };
  }

  /** Hands the message to the SMTP server; returns the Message-ID it accepted. */
  private async transmit(mail: MailJob): Promise<string> {
    const messageId = `<${mail.idempotencyKey}@percorsi>`;
    const info = await this.transport.sendMail({
      from: this.from,
      to: `${mail.recipient.fullName} <${mail.recipient.email}>`,
      subject: mail.subject,
      text: mail.text,
      attachments: mail.attachments,
      // Stable across retries, so a receiving server can also recognise a repeat.
      messageId,
      headers: { 'X-Percorsi-Case': mail.caseId, 'X-Percorsi-Kind': mail.kind },
    });
    return info.messageId ?? messageId;
  }

  close(): void {
    this.transport.close();
  }
}
