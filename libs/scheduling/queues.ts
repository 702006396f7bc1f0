// The queues and the jobs on them, declared in one place.
import type { DueDeadline, NoticeKind, Recipient } from '../../workflows/case/index.js';

export const DEADLINES_QUEUE = 'deadlines';
export const MAIL_QUEUE = 'mail';
/** Periodic housekeeping, such as pseudonymising cases past the retention period. */
export const MAINTENANCE_QUEUE = 'maintenance';

export type DeadlineJobKind = 'reminder' | 'expiry';

/** A deadline moment: a reminder or the expiry itself, for one entry into the owning state. */
export interface DeadlineJob {
  caseId: string;
  kind: DeadlineJobKind;
  deadline: Pick<DueDeadline, 'key' | 'state' | 'startsAt' | 'dueAt' | 'onExpiry'>;
  recipients: Recipient[];
  /** The request that planned it, for the logs. */
  requestId?: string;
}

/** Deadline messages, and the notices a change of the case sends (`noticesOf` in the chart). */
export type MailKind = 'promemoria' | 'scadenza' | 'escalation' | 'follow_up' | NoticeKind;

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface MailJob {
  /** Unique per message: a retried or duplicated job never sends twice. */
  idempotencyKey: string;
  caseId: string;
  kind: MailKind;
  deadlineKey: string | null;
  recipient: { userId: string; email: string; fullName: string };
  subject: string;
  text: string;
  attachments?: MailAttachment[];
  requestId?: string;
}

/**
 * Deterministic: the same deadline moment of the same state entry always has the same id, so the relay
 * can enqueue it again after a crash without doubling it. (BullMQ ids may not contain ':'.)
 */
export function deadlineJobId(caseId: string, key: string, startsAt: string, moment: string): string {
  return `${caseId}.${key}.${new Date(startsAt).getTime()}.${moment}`;
}

/** Retries for e-mail: exponential backoff from 2 s, for about an hour, never blocking the case. */
export const MAIL_JOB_OPTIONS = {
  attempts: 12,
  backoff: { type: 'exponential' as const, delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: false,
};

export const DEADLINE_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential' as const, delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: false,
};
