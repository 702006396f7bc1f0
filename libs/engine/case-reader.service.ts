// Reads cases for clients, through the access check: the case with what it accepts now and its
// deadlines, lists, history.
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  availableEvents,
  blockedEvents,
  deadlinesOf,
  EVENT_RULES,
  PHASES,
  text,
  restoreCase,
  versionOf,
  STATE_LABELS,
  stateName,
  deadlineName,
  type CaseEventType,
  type CaseSnapshot,
  type DeadlineOverrides,
} from '../../workflows/case/index.js';
import {
  AuditLog,
  isStatusEntry,
  percorsoLinkVisible,
  readableCategories,
  readsAsReferrerOnly,
  withoutLinks,
  redactContext,
  redactEventData,
  relationsOf,
  requireVisible,
  visibilitySql,
  type Viewer,
  type Withheld,
} from '../access/index.js';
import { CLOCK, DomainError, NO_SUCH, parseInput, type Clock } from '../common/index.js';
import { NotificationRepository } from '../notifications/notification.repository.js';
import { initialsOf } from '../notifications/templates.js';
import {
  CASE_LIST_SORTS,
  CaseRepository,
  type CaseListPosition,
  type CaseListSort,
  type CaseRecord,
} from '../persistence/case.repository.js';
import { logJson } from '../observability/json-logger.js';
import { DeadlineRulesRepository } from '../persistence/deadline-rules.repository.js';

const STATE_IDS = Object.keys(STATE_LABELS);
const LEAF_STATES = STATE_IDS.filter((id) => !STATE_IDS.some((other) => other.startsWith(`${id}.`)));
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** The order each sort takes unless `direction` says otherwise; the deadline order is soonest first only. */
const DEFAULT_DIRECTION: Record<CaseListSort, 'asc' | 'desc'> = {
  updatedAt: 'desc',
  deadline: 'asc',
  person: 'asc',
};

export const caseListQuerySchema = z
  .strictObject({
    sort: z.enum(Object.keys(CASE_LIST_SORTS) as [CaseListSort, ...CaseListSort[]]).default('updatedAt'),
    direction: z.enum(['asc', 'desc']).optional(),
    phase: z.enum(PHASES).optional(),
    state: z.enum(LEAF_STATES).optional(),
    overdue: flag.optional(),
    mine: flag.optional(),
    responsabileUserId: z.uuid().optional(),
    organisationId: z.uuid().optional(),
    text: text(100, 3).optional(),
    cursor: text(1000).optional(),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((query) => !(query.sort === 'deadline' && query.direction === 'desc'), {
    path: ['direction'],
    message: 'the deadline order is soonest first only',
  });

/** The case's next deadline as stored with its last transition, labelled, and whether it has passed. */
function nextDeadlineView(next: { key: string; dueAt: Date } | null, now: Date) {
  return (
    next && {
      key: next.key,
      label: deadlineName(next.key),
      dueAt: next.dueAt,
      overdue: next.dueAt.getTime() < now.getTime(),
    }
  );
}

/** A cursor names the order it belongs to, so that it is never read against another one. */
function encodeCursor(sort: CaseListSort, direction: string, position: CaseListPosition): string {
  return Buffer.from(JSON.stringify([sort, direction, position.key, position.id])).toString('base64url');
}

const cursorSchema = z.tuple([z.string(), z.string(), z.string(), z.uuid()]);

function decodeCursor(cursor: string, sort: CaseListSort, direction: string): CaseListPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success) {
    throw DomainError.invalidPayload([{ field: 'cursor', reason: 'is not a cursor this list gave' }]);
  }
  const [cursorSort, cursorDirection, key, id] = parsed.data;
  if (cursorSort !== sort || cursorDirection !== direction) {
    throw DomainError.invalidPayload([
      {
        field: 'cursor',
        reason: `belongs to the order ${cursorSort} ${cursorDirection}, not ${sort} ${direction}`,
      },
    ]);
  }
  return { key, id };
}

/** Why a protected read happens; clients may say it in the X-Purpose header. */
const DEFAULT_PURPOSE = 'consultazione del caso';

/** The person as the referring service reads her during triage: identity, not the network's contacts. */
function withoutContacts<T extends { phone?: string | null; email?: string | null }>(person: T): T {
  return { ...person, phone: undefined, email: undefined };
}

/**
 * The case's snapshot restored on its version of the chart. One that does not restore is named to those of its
 * ambito (409 unreadable_case, logged) instead of failing the request; for anyone else the case does not exist.
 */
export function restoredOrRefused(record: CaseRecord, viewer: Viewer | null): CaseSnapshot {
  try {
    return restoreCase(record.snapshot);
  } catch (error) {
    if (viewer && viewer.ambito !== record.ambito) {
      throw new DomainError('not_found', NO_SUCH.case, { caseId: record.id });
    }
    logJson('warn', 'case snapshot cannot be restored', { caseId: record.id, error: String(error) });
    throw new DomainError(
      'unreadable_case',
      {
        it: 'I dati salvati del caso non si ripristinano sulla sua versione del percorso: avvisa l’amministratore.',
        en: 'The case’s stored data cannot be restored on its version of the chart: tell the administrator.',
      },
      { caseId: record.id, workflowVersion: record.snapshot.version ?? 1 },
    );
  }
}

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
    if (!record) throw new DomainError('not_found', NO_SUCH.case, { caseId });
    return this.view(record, viewer, purpose);
  }

  /**
   * The case as this viewer may see it: the referring organisation alone gets its status; others get
   * the content without the protected categories they may not read (listed in `withheld`), and every
   * protected field shown is written to the audit log. `blockedEvents`: what the viewer could do here
   * but a rule of the process holds back, and why.
   */
  async view(record: CaseRecord, viewer: Viewer, purpose = DEFAULT_PURPOSE) {
    const snapshot = restoredOrRefused(record, viewer);
    const facts = { ...record, context: snapshot.context };
    const status = {
      id: record.id,
      version: record.version,
      /** The version of the chart the case runs on. */
      workflowVersion: versionOf(snapshot),
      phase: record.phase,
      state: record.state,
      stateLabel: stateName(record.state),
      closed: snapshot.status === 'done',
      outcome: snapshot.context.outcome?.primary ?? null,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    };
    if (requireVisible(viewer, facts) === 'status') {
      // The referring service recognises its own referral by the person's initials, nothing more.
      const initials = initialsOf(record.person.firstName, record.person.lastName);
      return { access: 'status' as const, ...status, person: { initials } };
    }
    const { data, withheld, sensitiveShown } = redactContext(
      snapshot.context,
      readableCategories(viewer, facts),
    );
    await this.auditRead(viewer, record.id, sensitiveShown, purpose);
    const relations = relationsOf(viewer, facts);
    const mayApply = (type: CaseEventType) =>
      EVENT_RULES[type].allowed.some((relation) => relations.has(relation));
    return {
      access: 'content' as const,
      ...status,
      ambito: record.ambito,
      referringOrganisationId: record.referringOrganisationId,
      person: readsAsReferrerOnly(viewer, facts) ? withoutContacts(record.person) : record.person,
      // So that the page says the contacts are not shown, rather than that there are none.
      contactsWithheld: readsAsReferrerOnly(viewer, facts),
      data,
      withheld,
      availableEvents: availableEvents(snapshot),
      allowedEvents: availableEvents(snapshot).filter(mayApply),
      // Worded from the redacted context, so a message names only what this viewer may read.
      blockedEvents: blockedEvents(snapshot, data).filter((blocked) => mayApply(blocked.type)),
      deadlines: deadlinesOf(snapshot, record.deadlineOverrides),
      nextDeadline: nextDeadlineView(record.nextDeadline, this.clock.now()),
      enteredStateAt: record.stateEnteredAt,
    };
  }

  /**
   * A page of the cases the viewer may see, in the order asked, and the cursor of the next page. The sort
   * keys, "overdue" and the next deadline are the server's (columns the commit keeps); a case whose
   * snapshot cannot be restored is still listed, flagged `unreadable`, and logged.
   */
  async list(query: unknown, viewer: Viewer) {
    const {
      sort,
      cursor,
      pageSize,
      text: searched,
      mine,
      ...filter
    } = parseInput(caseListQuerySchema, query);
    const direction = filter.direction ?? DEFAULT_DIRECTION[sort];
    const now = this.clock.now();
    const result = await this.cases.list({
      ...filter,
      visibility: visibilitySql(viewer),
      now,
      sort,
      direction,
      after: cursor ? decodeCursor(cursor, sort, direction) : undefined,
      mineOf: mine ? viewer.userId : undefined,
      words: searched?.split(/\s+/),
      limit: pageSize,
    });
    const overrides = new Map<string, DeadlineOverrides>();
    for (const ambito of new Set(result.items.map((item) => item.ambito))) {
      overrides.set(ambito, await this.rules.overridesFor(ambito));
    }
    return {
      total: result.total,
      totalCapped: result.totalCapped,
      pageSize,
      nextCursor: result.next && encodeCursor(sort, direction, result.next),
      items: result.items.map(({ snapshot, ambito, nextDeadline, ...item }) => {
        const listed = { ...item, stateLabel: stateName(item.state) };
        if (!snapshot) return listed;
        const next = nextDeadlineView(nextDeadline, now);
        try {
          return {
            ...listed,
            nextDeadline: next,
            deadlines: deadlinesOf(restoreCase(snapshot), overrides.get(ambito)),
          };
        } catch (error) {
          logJson('warn', 'case snapshot cannot be restored', { caseId: item.id, error: String(error) });
          return { ...listed, nextDeadline: next, unreadable: true };
        }
      }),
    };
  }

  async history(caseId: string, viewer: Viewer, purpose = DEFAULT_PURPOSE) {
    const record = await this.cases.find(caseId);
    if (!record) throw new DomainError('not_found', NO_SUCH.case, { caseId });
    const facts = { ...record, context: restoreCase(record.snapshot).context };
    const visibility = requireVisible(viewer, facts);
    const entries = await this.cases.history(caseId);
    if (visibility === 'status') {
      return {
        items: entries.filter(isStatusEntry).map(({ seq, at, eventType, fromState, toState }) => ({
          seq,
          at,
          eventType,
          fromState,
          toState,
        })),
      };
    }
    const readable = readableCategories(viewer, facts);
    const linksShown = percorsoLinkVisible(viewer, facts);
    const withheld: Withheld[] = [];
    const sensitiveShown: string[] = [];
    const items = entries.map((entry) => {
      const redacted = redactEventData(entry.seq, withoutLinks(entry.eventData, linksShown), readable);
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
