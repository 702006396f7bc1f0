// What happens when a deadline moment arrives. Each job first checks that the case is still in the state
// entry it was planned for (the second line of defence behind job removal), then: reminders e-mail the
// people named; an expiry is recorded for supervision and alerts, or escalates the case through the
// engine as the system user.
import type { DataSource } from 'typeorm';
import {
  DEADLINE_LABELS,
  deadlinesOf,
  restoreCase,
  STATE_LABELS,
  type CaseSnapshot,
  type Recipient,
} from '../../workflows/case/index.js';
import { SYSTEM_ACTOR } from '../access/viewer.js';
import { DomainError, type Clock } from '../common/index.js';
import type { CaseEngine } from '../engine/case-engine.service.js';
import { initialsOf, renderMail, type MailContext } from '../notifications/templates.js';
import type { CaseRecord, CaseRepository } from '../persistence/case.repository.js';
import type { MailOutbox } from './mail-outbox.js';
import type { DeadlineJob, MailJob } from './queues.js';
import type { RecipientDirectory } from './recipient-directory.js';

export type FiringResult = 'case_missing' | 'stale' | 'reminded' | 'alerted' | 'escalated';

const ESCALATION_NOTICE: Recipient[] = ['coordinatore', 'partecipanti_equipe', 'responsabile'];

export class DeadlineFiring {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly engine: CaseEngine,
    private readonly recipients: RecipientDirectory,
    private readonly mail: MailOutbox,
    private readonly clock: Clock,
    private readonly publicUrl: string,
  ) {}

  async fire(jobId: string, job: DeadlineJob): Promise<FiringResult> {
    const record = await this.cases.find(job.caseId);
    if (!record) return 'case_missing';
    const snapshot = restoreCase(record.snapshot);
    if (!this.stillDue(snapshot, job)) {
      // A retry after the escalation committed but before its notices were queued still sends them.
      return this.escalatedBy(snapshot, job) ? this.notifyEscalation(jobId, job, record, snapshot) : 'stale';
    }
    if (job.kind === 'reminder') {
      const kind: MailContext['kind'] = job.deadline.key.startsWith('follow_up') ? 'follow_up' : 'promemoria';
      await this.queueMails(jobId, job, record, snapshot, kind, job.recipients);
      return 'reminded';
    }
    await this.recordExpiry(job);
    const onExpiry = job.deadline.onExpiry;
    if (onExpiry && 'send' in onExpiry) return this.escalate(jobId, job, record);
    await this.queueMails(jobId, job, record, snapshot, 'scadenza', job.recipients);
    return 'alerted';
  }

  private stillDue(snapshot: CaseSnapshot, job: DeadlineJob): boolean {
    return deadlinesOf(snapshot).some(
      (deadline) => deadline.key === job.deadline.key && deadline.startsAt === job.deadline.startsAt,
    );
  }

  private escalatedBy(snapshot: CaseSnapshot, job: DeadlineJob): boolean {
    const last = snapshot.context.escalations.at(-1);
    return (
      job.kind === 'expiry' &&
      job.deadline.onExpiry !== null &&
      'send' in job.deadline.onExpiry &&
      last?.reason === 'scadenza' &&
      last.from === job.deadline.state &&
      last.at >= job.deadline.startsAt
    );
  }

  private async recordExpiry(job: DeadlineJob): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO deadline_expirations (case_id, deadline_key, starts_at, state, due_at, expired_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [
        job.caseId,
        job.deadline.key,
        job.deadline.startsAt,
        job.deadline.state,
        job.deadline.dueAt,
        this.clock.now(),
      ],
    );
  }

  private async escalate(jobId: string, job: DeadlineJob, record: CaseRecord): Promise<FiringResult> {
    let current = record;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const escalated = await this.engine.applyEvent(
          job.caseId,
          { type: 'ESCALATE', data: { reason: 'scadenza' }, expectedVersion: current.version },
          SYSTEM_ACTOR,
        );
        return this.notifyEscalation(jobId, job, escalated, restoreCase(escalated.snapshot));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.code !== 'version_conflict') return 'stale';
        const reloaded = await this.cases.find(job.caseId);
        if (!reloaded || !this.stillDue(restoreCase(reloaded.snapshot), job)) return 'stale';
        current = reloaded;
      }
    }
    throw new Error(`could not escalate case ${job.caseId}: it keeps changing`);
  }

  private async notifyEscalation(
    jobId: string,
    job: DeadlineJob,
    record: CaseRecord,
    snapshot: CaseSnapshot,
  ): Promise<FiringResult> {
    await this.queueMails(jobId, job, record, snapshot, 'escalation', ESCALATION_NOTICE);
    return 'escalated';
  }

  private async queueMails(
    jobId: string,
    job: DeadlineJob,
    record: CaseRecord,
    snapshot: CaseSnapshot,
    kind: MailContext['kind'],
    recipients: Recipient[],
  ): Promise<void> {
    const people = await this.recipients.resolve(recipients, snapshot.context, record.ambito);
    const mails: MailJob[] = people.map((person) => {
      const { subject, text } = renderMail({
        kind,
        initials: initialsOf(record.person.firstName, record.person.lastName),
        deadlineLabel: DEADLINE_LABELS[job.deadline.key] ?? job.deadline.key,
        stateLabel: STATE_LABELS[record.state] ?? record.state,
        dueAt: job.deadline.dueAt,
        caseUrl: `${this.publicUrl}/casi/${record.id}`,
        recipientName: person.fullName,
      });
      return {
        idempotencyKey: `${jobId}.${kind}.${person.userId}`,
        caseId: record.id,
        kind,
        deadlineKey: job.deadline.key,
        recipient: person,
        subject,
        text,
        requestId: job.requestId,
      };
    });
    await this.mail.queue(mails);
  }
}
