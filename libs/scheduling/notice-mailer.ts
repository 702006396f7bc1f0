// Turns the notices of a committed change (`noticesOf` in the chart, carried by its outbox row) into
// e-mails. Runs inside the relay's transaction and reads and writes the mail outbox through its connection;
// the relay adds the jobs once it has committed. The idempotency keys make a replayed row queue nothing twice.
import type { EntityManager } from 'typeorm';
import { restoreCase, STATE_LABELS, type PersistedCase } from '../../workflows/case/index.js';
import type { NoticeMessage } from '../engine/case-engine.service.js';
import { convocationInvite, initialsOf, renderNotice } from '../notifications/index.js';
import type { MailOutbox } from './mail-outbox.js';
import type { MailJob } from './queues.js';
import type { RecipientDirectory } from './recipient-directory.js';

export class NoticeMailer {
  constructor(
    private readonly recipients: RecipientDirectory,
    private readonly mail: MailOutbox,
    private readonly publicUrl: string,
  ) {}

  /** Holds the notices' e-mails in the mail outbox, in the relay's transaction, and returns them. */
  async hold(row: NoticeMessage, manager: EntityManager): Promise<MailJob[]> {
    const [record]: {
      ambito: string;
      state: string;
      snapshot: PersistedCase;
      first_name: string;
      last_name: string;
    }[] = await manager.query(
      `SELECT c.ambito, c.state, c.snapshot, p.first_name, p.last_name
       FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.id = $1`,
      [row.caseId],
    );
    if (!record) return [];
    const { context } = restoreCase(record.snapshot);
    const initials = initialsOf(record.first_name, record.last_name);
    const caseUrl = `${this.publicUrl}/casi/${row.caseId}`;
    const mails: MailJob[] = [];
    for (const notice of row.notices) {
      const people = await this.recipients.resolve(notice.to, context, record.ambito, notice, manager);
      const invite =
        notice.meeting &&
        convocationInvite({ caseId: row.caseId, initials, caseUrl, meeting: notice.meeting });
      for (const person of people.filter((someone) => someone.userId !== row.actorUserId)) {
        const { subject, text } = renderNotice({
          kind: notice.kind,
          initials,
          stateLabel: STATE_LABELS[record.state] ?? record.state,
          caseUrl,
          recipientName: person.fullName,
          meeting: notice.meeting,
        });
        mails.push({
          idempotencyKey: `${row.caseId}.${row.seq}.${notice.kind}.${person.userId}`,
          caseId: row.caseId,
          kind: notice.kind,
          deadlineKey: null,
          recipient: person,
          subject,
          text,
          ...(invite ? { attachments: [invite] } : {}),
          requestId: row.requestId,
        });
      }
    }
    await this.mail.hold(mails, manager);
    return mails;
  }
}
