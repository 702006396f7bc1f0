// Reads cases for clients, through the access check: the case with what it accepts now and its
// deadlines, lists, history.
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  availableEvents,
  deadlinesOf,
  EVENT_RULES,
  PHASES,
  text,
  restoreCase,
  STATE_LABELS,
  type DeadlineOverrides,
} from '../../workflows/case/index.js';
import {
  AuditLog,
  readableCategories,
  redactContext,
  redactEventData,
  relationsOf,
  requireVisible,
  type Viewer,
  type Withheld,
} from '../access/index.js';
import { CLOCK, DomainError, zodProblems, type Clock } from '../common/index.js';
import { NotificationRepository } from '../notifications/notification.repository.js';
import { CaseRepository, type CaseRecord } from '../persistence/case.repository.js';
import { DeadlineRulesRepository } from '../persistence/deadline-rules.repository.js';

export const caseListQuerySchema = z.strictObject({
  phase: z.enum(PHASES).optional(),
  state: text(100).optional(),
  text: text(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** Why a protected read happens; clients may say it in the X-Purpose header. */
const DEFAULT_PURPOSE = 'consultazione del caso';

@Injectable()
export class CaseReader {
  constructor(
    @Inject(CaseRepository) private readonly cases: CaseRepository,
    @Inject(DeadlineRulesRepository) private readonly rules: DeadlineRulesRepository,
    @Inject(NotificationRepository) private readonly notifications: NotificationRepository,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(caseId: string, viewer: Viewer, purpose = DEFAULT_PURPOSE) {
    const record = await this.cases.find(caseId);
    if (!record) throw new DomainError('not_found', 'No such case.', { caseId });
    return this.view(record, viewer, purpose);
  }

  /**
   * The case as this viewer may see it: the referring organisation alone gets its status; others get
   * the content without the protected categories they may not read (listed in `withheld`), and every
   * protected field shown is written to the audit log.
   */
  async view(record: CaseRecord, viewer: Viewer, purpose = DEFAULT_PURPOSE) {
    const snapshot = restoreCase(record.snapshot);
    const facts = { ...record, context: snapshot.context };
    const status = {
      id: record.id,
      version: record.version,
      phase: record.phase,
      state: record.state,
      stateLabel: STATE_LABELS[record.state] ?? record.state,
      closed: snapshot.status === 'done',
      outcome: snapshot.context.outcome?.primary ?? null,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    };
    if (requireVisible(viewer, facts) === 'status') return { access: 'status' as const, ...status };
    const { data, withheld, sensitiveShown } = redactContext(
      snapshot.context,
      readableCategories(viewer, facts),
    );
    await this.auditRead(viewer, record.id, sensitiveShown, purpose);
    const relations = relationsOf(viewer, facts);
    return {
      access: 'content' as const,
      ...status,
      ambito: record.ambito,
      referringOrganisationId: record.referringOrganisationId,
      person: record.person,
      data,
      withheld,
      availableEvents: availableEvents(snapshot),
      allowedEvents: availableEvents(snapshot).filter((type) =>
        EVENT_RULES[type].allowed.some((relation) => relations.has(relation)),
      ),
      deadlines: deadlinesOf(snapshot, await this.rules.overridesFor(record.ambito)),
      enteredStateAt: record.stateEnteredAt,
    };
  }

  /** A page of the cases the viewer may see; content rows carry their deadlines, status rows do not. */
  async list(query: unknown, viewer: Viewer) {
    const parsed = caseListQuerySchema.safeParse(query);
    if (!parsed.success) throw DomainError.invalidPayload(zodProblems(parsed.error));
    const { page, pageSize, ...filter } = parsed.data;
    const result = await this.cases.list({
      ...filter,
      viewer,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const overrides = new Map<string, DeadlineOverrides>();
    for (const ambito of new Set(result.items.map((item) => item.ambito))) {
      overrides.set(ambito, await this.rules.overridesFor(ambito));
    }
    return {
      total: result.total,
      page,
      pageSize,
      items: result.items.map(({ snapshot, ambito, ...item }) => ({
        ...item,
        stateLabel: STATE_LABELS[item.state] ?? item.state,
        ...(snapshot ? { deadlines: deadlinesOf(restoreCase(snapshot), overrides.get(ambito)) } : {}),
      })),
    };
  }

  async history(caseId: string, viewer: Viewer, purpose = DEFAULT_PURPOSE) {
    const record = await this.cases.find(caseId);
    if (!record) throw new DomainError('not_found', 'No such case.', { caseId });
    const facts = { ...record, context: restoreCase(record.snapshot).context };
    const visibility = requireVisible(viewer, facts);
    const entries = await this.cases.history(caseId);
    if (visibility === 'status') {
      return {
        items: entries.map(({ seq, at, eventType, fromState, toState }) => ({
          seq,
          at,
          eventType,
          fromState,
          toState,
        })),
      };
    }
    const readable = readableCategories(viewer, facts);
    const withheld: Withheld[] = [];
    const sensitiveShown: string[] = [];
    const items = entries.map((entry) => {
      const redacted = redactEventData(entry.seq, entry.eventData, readable);
      withheld.push(...redacted.withheld);
      sensitiveShown.push(...redacted.sensitiveShown);
      return { ...entry, eventData: redacted.eventData };
    });
    await this.auditRead(viewer, caseId, sensitiveShown, purpose);
    const notifications = await this.notifications.forCase(caseId);
    return {
      items,
      withheld,
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

  private async auditRead(viewer: Viewer, caseId: string, fields: string[], purpose: string): Promise<void> {
    if (fields.length === 0) return;
    await this.audit.record({ at: this.clock.now(), viewer, caseId, action: 'lettura', fields, purpose });
  }
}
