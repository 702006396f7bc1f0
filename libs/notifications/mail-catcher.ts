// A local SMTP server that keeps what it receives and shows it on a web page: the demo's inbox, and
// the real SMTP peer of the tests.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  id: number;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string | null;
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; content: string }[];
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]!);

export class MailCatcher {
  readonly messages: CaughtMail[] = [];
  /** While set, every message is refused with this SMTP error (to test retries). */
  refuseWith: string | null = null;
  /** While set, each message is kept at once but answered only when this settles (a server slow to answer). */
  answerAfter: Promise<void> | null = null;
  private readonly smtp: SMTPServer;
  private readonly web: http.Server;

  constructor() {
    this.smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        if (this.refuseWith) {
          stream.resume();
          stream.on('end', () => callback(Object.assign(new Error(this.refuseWith!), { responseCode: 451 })));
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            this.messages.push({
              id: this.messages.length + 1,
              receivedAt: new Date().toISOString(),
              from: parsed.from?.text ?? '',
              to: (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : [])
                .flatMap((group) => group.value)
                .map((address) => address.address ?? ''),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              messageId: parsed.messageId ?? null,
              headers: Object.fromEntries(
                [...parsed.headers].map(([key, value]) => [
                  key,
                  typeof value === 'string' ? value : JSON.stringify(value),
                ]),
              ),
              attachments: parsed.attachments.map((attachment) => ({
                filename: attachment.filename ?? '',
                contentType: attachment.contentType,
                content: attachment.content.toString('utf8'),
              })),
            });
            return this.answerAfter;
          })
          .then(() => callback())
          .catch(callback);
      },
    });
    // A client that dies mid-conversation (a killed worker) resets its connection: not our failure.
    this.smtp.on('error', () => undefined);
    this.web = http.createServer((request, response) => {
      if (request.url === '/messages.json') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(this.messages));
        return;
      }
      const rows = [...this.messages]
        .reverse()
        .map(
          (m) =>
            `<article><h2>${escapeHtml(m.subject)}</h2><p><b>A:</b> ${escapeHtml(m.to.join(', '))} · ` +
            `<b>Ricevuto:</b> ${escapeHtml(new Date(m.receivedAt).toLocaleString('it-IT'))}</p>` +
            `<pre>${escapeHtml(m.text)}</pre></article>`,
        )
        .join('');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><html lang="it"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">` +
          `<title>Percorsi — posta inviata</title><style>body{font-family:system-ui;max-width:60rem;margin:2rem auto}` +
          `article{border:1px solid #ddd;border-radius:8px;padding:0 1rem;margin:1rem 0}pre{white-space:pre-wrap}</style>` +
          `</head><body><h1>Posta inviata da Percorsi (${this.messages.length})</h1>${rows || '<p>Nessun messaggio.</p>'}</body></html>`,
      );
    });
  }

  async listen(
    smtpPort: number,
    httpPort: number | null,
  ): Promise<{ smtpPort: number; httpPort: number | null }> {
    await new Promise<void>((resolve) => this.smtp.listen(smtpPort, '127.0.0.1', resolve));
    const smtp = (this.smtp.server.address() as AddressInfo).port;
    if (httpPort === null) return { smtpPort: smtp, httpPort: null };
    await new Promise<void>((resolve) => this.web.listen(httpPort, '127.0.0.1', resolve));
    return { smtpPort: smtp, httpPort: (this.web.address() as AddressInfo).port };
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.smtp.close(() => resolve()));
    if (this.web.listening) await new Promise<void>((resolve) => this.web.close(() => resolve()));
  }
}
