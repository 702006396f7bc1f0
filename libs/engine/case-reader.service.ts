// Reads cases for clients: the case with what it accepts now and its deadlines, lists, history.
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  availableEvents,
  deadlinesOf,
  PHASES,
  restoreCase,
  STATE_LABELS,
} from '../../workflows/case/index.js';
import { DomainError, zodProblems } from '../common/index.js';
import { NotificationRepository } from '../notifications/notification.repository.js';
import { CaseRepository, type CaseRecord } from '../persistence/case.repository.js';
import { DeadlineRulesRepository } from '../persistence/deadline-rules.repository.js';

export const caseListQuerySchema = z.strictObject({
  phase: z.enum(PHASES).optional(),
  state: z.string().trim().min(1).max(100).optional(),
  text: z.string().trim().min(1).max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

@Injectable()
export class CaseReader {
  constructor(
    @Inject(CaseRepository) private readonly cases: CaseRepository,
    @Inject(DeadlineRulesRepository) private readonly rules: DeadlineRulesRepository,
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
  ) {}

  async get(caseId: string) {
    const record = await this.cases.find(caseId);
    if (!record) throw new DomainError('not_found', 'No such case.', { caseId });
    return this.view(record);
  }

  /** The case as clients see it: what it accepts now and its deadlines (with the ambito's rules). */
  async view(record: CaseRecord) {
    const snapshot = restoreCase(record.snapshot);
    return {
      id: record.id,
      version: record.version,
      phase: record.phase,
      state: record.state,
      stateLabel: STATE_LABELS[record.state] ?? record.state,
      closed: snapshot.status === 'done',
      ambito: record.ambito,
      referringOrganisationId: record.referringOrganisationId,
      person: record.person,
      data: snapshot.context,
      availableEvents: availableEvents(snapshot),
      deadlines: deadlinesOf(snapshot, await this.rules.overridesFor(record.ambito)),
      enteredStateAt: record.stateEnteredAt,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    };
  }

  async list(query: unknown) {
    const parsed = caseListQuerySchema.safeParse(query);
    if (!parsed.success) throw DomainError.invalidPayload(zodProblems(parsed.error));
    const { page, pageSize, ...filter } = parsed.data;
    const result = await this.cases.list({ ...filter, limit: pageSize, offset: (page - 1) * pageSize });
    return {
      ...result,
      page,
      pageSize,
      items: result.items.map((item) => ({ ...item, stateLabel: STATE_LABELS[item.state] ?? item.state })),
    };
  }

  async history(caseId: string) {
    if (!(await this.cases.exists(caseId))) throw new DomainError('not_found', 'No such case.', { caseId });
    const [items, notifications] = await Promise.all([
      this.cases.history(caseId),
      this.notifications.forCase(caseId),
    ]);
    return {
      items,
      notifications: notifications.map(
        ({ kind, deadlineKey, recipientEmail, subject, smtpMessageId, sentAt }) => ({
          at: sentAt,
          kind,
          deadlineKey,
          recipient: recipientEmail,
          subject,
          smtpMessageId,
        }),
      ),
    };
  }
}
