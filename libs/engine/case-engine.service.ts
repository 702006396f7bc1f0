// Applies events to cases: restore the snapshot → validate → check the chart accepts it → run it →
// persist snapshot, history and outbox, with supervision's projection of the change, in one transaction
// guarded by the expected version.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  applyCaseEvent,
  caseEventSchemas,
  CASE_EVENT_TYPES,
  deadlinesOf,
  explainRefusal,
  futureDoneDates,
  inEveryLanguage,
  memberOrganisationsOf,
  noticesOf,
  persistCase,
  phaseOf,
  referralSchema,
  startCase,
  stateIdOf,
  stateName,
  type CaseEvent,
  type CaseEventType,
  type Notice,
} from '../../workflows/case/index.js';
import { CLOCK, DomainError, NO_SUCH, parseInput, type Clock } from '../common/index.js';
import type { CaseRecord } from '../persistence/case.repository.js';
import {
  isSystem,
  requireEventAllowed,
  requireMayCreateCase,
  requireVisible,
  type Actor,
  type Viewer,
} from '../access/index.js';
import { ChartVersionAdministration } from '../directory/chart-versions.js';
import { restoredOrRefused } from './case-reader.service.js';
import { ReferenceCheck } from '../directory/reference-check.js';
import { SignedFormCheck } from '../documents/signed-form-check.js';
import { CaseRepository } from '../persistence/case.repository.js';
import { NOTICE_OUTBOX_KIND } from '../persistence/outbox.js';
import { currentRequestId } from '../observability/request-context.js';
import { checkedPerson } from '../persons/codice-fiscale-check.js';
import { SupervisionProjector } from '../supervision/supervision-projector.js';

export interface EventCommand {
  type: unknown;
  data?: unknown;
  expectedVersion: unknown;
}

/** An event as committed, for whoever watches the engine (the metrics count them). */
export interface CommittedEvent {
  caseId: string;
  eventType: CaseEventType | 'CREATE_REFERRAL';
}

/** Runs after the commit, on the request's path: it must return at once and never throw. */
export type CommitListener = (event: CommittedEvent) => void;

export interface CaseOrigin {
  ambito: string;
  referringOrganisationId: string;
}

/** Who the change tells, for the relay to e-mail: with a state entry, or alone (NOTICE_OUTBOX_KIND). */
export interface NoticeMessage {
  caseId: string;
  seq: number;
  at: string;
  /** The one who caused the change is not told of it (null: the system). */
  actorUserId: string | null;
  notices: Notice[];
  requestId?: string;
}

/** The outbox message the scheduling relay consumes for every state entered. */
export interface StateChangedMessage extends Partial<Pick<NoticeMessage, 'actorUserId' | 'notices'>> {
  caseId: string;
  seq: number;
  at: string;
  fromState: string;
  toState: string;
  deadlines: ReturnType<typeof deadlinesOf>;
  /** The HTTP request that caused the change, carried into the jobs it plans (for the logs). */
  requestId?: string;
}

function versionConflict(caseId: string, currentVersion?: number): DomainError {
  return new DomainError(
    'version_conflict',
    {
      it: 'Qualcun altro ha modificato il caso: ricaricalo e riprova.',
      en: 'The case was changed by someone else: reload it and try again.',
    },
    {
      caseId,
      ...(currentVersion !== undefined ? { currentVersion } : {}),
    },
  );
}

@Injectable()
export class CaseEngine {
  private readonly commitListeners: CommitListener[] = [];

  constructor(
    @Inject(CaseRepository) private readonly cases: CaseRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ReferenceCheck) private readonly references: ReferenceCheck,
    @Inject(SupervisionProjector) private readonly supervision: SupervisionProjector,
    @Inject(SignedFormCheck) private readonly signedForms: SignedFormCheck,
    @Inject(ChartVersionAdministration) private readonly chartVersions: ChartVersionAdministration,
  ) {}

  onCommitted(listener: CommitListener): void {
    this.commitListeners.push(listener);
  }

  async createCase(input: unknown, origin: CaseOrigin, actor: Viewer): Promise<string> {
    requireMayCreateCase(actor);
    const { person, referral } = parseInput(referralSchema, input);
    const recorded = await checkedPerson(person);
    // On the version of the chart the ambito chose for its new referrals.
    const snapshot = startCase(referral, await this.chartVersions.versionFor(origin.ambito));
    const state = stateIdOf(snapshot);
    const at = this.clock.now();
    const id = randomUUID();
    await this.cases.insert(
      {
        id,
        person: recorded,
        ...origin,
        state,
        phase: phaseOf(state),
        snapshot: persistCase(snapshot),
        at,
        history: {
          seq: 1,
          at,
          actorUserId: actor.userId,
          eventType: 'CREATE_REFERRAL',
          eventData: { referral },
          fromState: null,
          toState: state,
        },
      },
      this.supervision.newCase({ caseId: id, ...origin, phase: phaseOf(state), state, at }),
    );
    this.notifyCommitted({ caseId: id, eventType: 'CREATE_REFERRAL' });
    return id;
  }

  /** Returns the case as it is after the event. */
  async applyEvent(caseId: string, command: EventCommand, actor: Actor): Promise<CaseRecord> {
    const stored = await this.cases.find(caseId);
    if (!stored) throw new DomainError('not_found', NO_SUCH.case, { caseId });
    const snapshot = restoredOrRefused(stored, isSystem(actor) ? null : actor);
    if (!isSystem(actor)) requireVisible(actor, { ...stored, context: snapshot.context });
    const { type, data: input, expectedVersion } = this.validate(command);
    if (!isSystem(actor)) requireEventAllowed(actor, { ...stored, context: snapshot.context }, type);
    if (stored.version !== expectedVersion) throw versionConflict(caseId, stored.version);
    const data = await this.references.resolve(type, input, stored.ambito);
    await this.requireOtherPercorso(caseId, type, data);
    await this.signedForms.require(
      { ...stored, context: snapshot.context },
      { type, data },
      isSystem(actor) ? null : actor,
    );

    const at = this.clock.now();
    const event = {
      type,
      data,
      at: at.toISOString(),
      actor: isSystem(actor)
        ? { userId: 'system', role: actor.role, organisationId: '' }
        : { userId: actor.userId, role: actor.role, organisationId: actor.organisationId },
    } as CaseEvent;
    const future = futureDoneDates(event);
    if (future.length) throw DomainError.invalidPayload(future);
    const refusal = explainRefusal(snapshot, event);
    if (refusal?.code === 'illegal_event') {
      throw new DomainError(
        'illegal_event',
        inEveryLanguage((labels, language) => {
          const state = stateName(refusal.state)[language];
          const accepted = refusal.accepted.map((other) => labels.events[other]).join(', ');
          return language === 'it'
            ? `«${labels.events[type]}» non è possibile nello stato «${state}»; possibili: ${accepted || 'nessuna azione'}.`
            : `“${labels.events[type]}” is not possible in the state “${state}”; possible: ${accepted || 'nothing'}.`;
        }),
        { state: refusal.state, accepted: refusal.accepted },
      );
    }
    if (refusal?.code === 'guard_failed') {
      throw new DomainError('guard_failed', refusal.message, {
        guards: refusal.guards,
        ...(refusal.fields.length ? { fields: refusal.fields } : {}),
      });
    }

    const next = applyCaseEvent(snapshot, event);
    const fromState = stored.state;
    const toState = stateIdOf(next);
    // Re-entering a state (a new meeting date, a monitoring check) restarts its deadlines like a new state.
    const entered = toState !== fromState || next.context.enteredAt !== snapshot.context.enteredAt;
    const seq = expectedVersion + 1;
    const notices = noticesOf(snapshot, next);
    const told = notices.length ? { actorUserId: actor.userId, notices } : {};
    const message: StateChangedMessage = {
      caseId,
      seq,
      at: event.at,
      fromState,
      toState,
      deadlines: deadlinesOf(next),
      requestId: currentRequestId(),
      ...told,
    };
    const noticeOnly = notices.length
      ? {
          kind: NOTICE_OUTBOX_KIND,
          payload: { caseId, seq, at: event.at, requestId: message.requestId, ...told },
        }
      : null;
    const persisted = persistCase(next);
    const projection = this.supervision.projection({
      caseId,
      ambito: stored.ambito,
      referringOrganisationId: stored.referringOrganisationId,
      eventType: type,
      at,
      before: { ...stored, snapshot },
      after: {
        phase: phaseOf(toState),
        state: toState,
        stateEnteredAt: entered ? at : stored.stateEnteredAt,
        snapshot: next,
      },
    });
    const committed = await this.cases.commit(
      {
        caseId,
        expectedVersion,
        phase: phaseOf(toState),
        state: toState,
        stateEnteredAt: entered ? at : null,
        snapshot: persisted,
        at,
        history: { seq, actorUserId: actor.userId, eventType: type, eventData: data, fromState },
        outbox: entered ? { kind: 'state_changed', payload: message } : noticeOnly,
        memberOrganisations: memberOrganisationsOf(next.context),
        responsabileUserId: next.context.responsabile?.userId ?? null,
      },
      projection,
    );
    if (!committed) throw versionConflict(caseId);
    this.notifyCommitted({ caseId, eventType: type });
    return {
      ...stored,
      // The projection may have moved it (the case page's header shows it at once, without a reload).
      nextDeadline: committed.nextDeadline !== undefined ? committed.nextDeadline : stored.nextDeadline,
      version: seq,
      phase: phaseOf(toState),
      state: toState,
      stateEnteredAt: entered ? at : stored.stateEnteredAt,
      snapshot: persisted,
      updatedAt: at,
    };
  }

  /** REJECT as gia_in_carico names the percorso that takes care of the person: another one of hers. */
  private async requireOtherPercorso(caseId: string, type: CaseEventType, data: unknown): Promise<void> {
    const percorsoId = type === 'REJECT' ? (data as { percorsoId?: string }).percorsoId : undefined;
    if (percorsoId === undefined) return;
    if (percorsoId === caseId || !(await this.cases.samePerson(caseId, percorsoId))) {
      throw DomainError.invalidPayload([
        { field: 'data.percorsoId', reason: 'is no other percorso of the same person' },
      ]);
    }
  }

  private notifyCommitted(event: CommittedEvent): void {
    for (const listener of this.commitListeners) listener(event);
  }

  private validate(command: EventCommand): { type: CaseEventType; data: unknown; expectedVersion: number } {
    const problems = [];
    const type = command.type as CaseEventType;
    if (typeof command.type !== 'string' || !CASE_EVENT_TYPES.includes(type)) {
      problems.push({ field: 'type', reason: `must be one of ${CASE_EVENT_TYPES.join(', ')}` });
    }
    if (!Number.isInteger(command.expectedVersion) || (command.expectedVersion as number) < 1) {
      problems.push({
        field: 'expectedVersion',
        reason: 'must be the positive integer version the client last read',
      });
    }
    if (problems.length) throw DomainError.invalidPayload(problems);
    const data = parseInput(caseEventSchemas[type], command.data ?? {}, 'data');
    return { type, data, expectedVersion: command.expectedVersion as number };
  }
}
