// Sends one e-mail over SMTP at most once per idempotency key, and records it. A failure throws, so the
// queue retries it with backoff; the case itself never waits for mail.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Clock } from '../common/index.js';
import type { MailJob } from '../scheduling/queues.js';
import type { NotificationRepository, SentNotification } from './notification.repository.js';

export class MailSender {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
  ) {
    const url = new URL(smtpUrl);
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 25),
      secure: url.protocol === 'smtps:',
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
   * `accepted`: what the queue remembers of an earlier attempt of this job, the Message-ID the SMTP server
   * accepted when the record of it then failed (the database restarting): the retry records it without
   * sending it again. `remember` is how this attempt tells the queue, outside the database.
   */
  async send(
    mail: MailJob,
    earlier: { accepted: string | null; remember(messageId: string): Promise<unknown> } = {
      accepted: null,
      remember: async () => undefined,
    },
  ): Promise<'sent' | 'already_sent'> {
    if (earlier.accepted) {
      // The server has it: only the record is missing (recording a message twice keeps one row).
      await this.notifications.recordSent(this.sent(mail, earlier.accepted));
      return 'sent';
    }
    return this.notifications.sendOnce(
      mail.idempotencyKey,
      () => this.transmit(mail),
      (smtpMessageId) => this.sent(mail, smtpMessageId),
      earlier.remember,
    );
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
