// Sends one e-mail over SMTP at most once per idempotency key, and records it. A failure throws, so the
// queue retries it with backoff; the case itself never waits for mail.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Clock } from '../common/index.js';
import type { MailJob } from '../scheduling/queues.js';
import type { NotificationRepository } from './notification.repository.js';

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

  async send(mail: MailJob): Promise<'sent' | 'already_sent'> {
    if (await this.notifications.wasSent(mail.idempotencyKey)) return 'already_sent';
    const info = await this.transport.sendMail({
      from: this.from,
      to: `${mail.recipient.fullName} <${mail.recipient.email}>`,
      subject: mail.subject,
      text: mail.text,
      attachments: mail.attachments,
      // Stable across retries, so a receiving server can also recognise a repeat.
      messageId: `<${mail.idempotencyKey}@percorsi>`,
      headers: { 'X-Percorsi-Case': mail.caseId, 'X-Percorsi-Kind': mail.kind },
    });
    await this.notifications.record({
      idempotencyKey: mail.idempotencyKey,
      caseId: mail.caseId,
      kind: mail.kind,
      deadlineKey: mail.deadlineKey,
      recipientUserId: mail.recipient.userId,
      recipientEmail: mail.recipient.email,
      subject: mail.subject,
      smtpMessageId: info.messageId ?? null,
      sentAt: this.clock.now(),
    });
    return 'sent';
  }

  close(): void {
    this.transport.close();
  }
}
