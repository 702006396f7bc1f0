// Keeps supervision's read model (monthly counters, phase durations, each open case's running deadlines,
// workers and "late from" moment, the case list's next deadline, the worklist's meeting invitations) from
// what a transition changed, in the
// transition's own transaction. It compares the case's facts before and after the event and writes only
// what moved: most events (a plan edited, a domain assessed) write nothing here.
import { Injectable } from '@nestjs/common';
import type { CaseSnapshot } from '../../workflows/case/index.js';
import type { Projection } from '../persistence/case.repository.js';
import { literal, type PreparedStatement, type Script } from '../persistence/prepared.js';
import { supervisionFactsOf, type SupervisionFacts } from './case-facts.js';
import { latenessOf, type AmbitoRules } from './lateness.js';
import { SERVICE_TIME_ZONE } from './supervision-rules.js';

/** The case just before and just after one event, as the engine knows it. */
export interface CaseChange {
  caseId: string;
  ambito: string;
  referringOrganisationId: string;
  eventType: string;
  at: Date;
  before: CaseSide;
  after: CaseSide;
}

interface CaseSide {
  phase: string;
  state: string;
  stateEnteredAt: Date;
  snapshot: CaseSnapshot;
}

const statement = (name: string, text: string): PreparedStatement => ({ name: `supervision_${name}`, text });

/**
 * Opens the transaction: locks case_lateness before the case row (a rule change locks this table first, then
 * the case rows it moves), then reads the ambito's rules under that lock, so that a rule change either
 * committed before (and is read here) or waits for this transition and then recomputes it.
 */
const lockedRules = (ambito: string, state: string): Script =>
  `LOCK TABLE case_lateness IN ROW EXCLUSIVE MODE;
   SELECT 'deadline' AS kind, deadline_key AS key, after_days FROM deadline_overrides
   WHERE ambito = ${literal(ambito)} AND after_days IS NOT NULL
   UNION ALL
   SELECT 'threshold', state, after_days FROM supervision_thresholds
   WHERE ambito = ${literal(ambito)} AND state = ${literal(state)}`;

/**
 * The case's own rows, each part only when its flag says it moved: running deadlines ($3), workers ($6),
 * "late from" ($10: 'open' writes it, 'closed' removes it) and the case list's columns ($16).
 */
const CASE_FACTS = statement(
  'case_facts',
  `WITH deadlines_ended AS (
     DELETE FROM case_deadlines WHERE $3::boolean AND case_id = $1::uuid AND deadline_key <> ALL($4::text[])
   ), deadlines_running AS (
     INSERT INTO case_deadlines AS running (case_id, deadline_key, ambito, starts_at)
     SELECT $1, key, $2::text, starts_at FROM unnest($4::text[], $5::timestamptz[]) AS d (key, starts_at) WHERE $3
     ON CONFLICT (case_id, deadline_key) DO UPDATE SET starts_at = EXCLUDED.starts_at
   ), workers_released AS (
     DELETE FROM case_workers WHERE $6::boolean AND case_id = $1 AND user_id <> ALL($7::text[])
   ), workers_named AS (
     INSERT INTO case_workers AS named (case_id, user_id, ambito, responsabile, late_from)
     SELECT $1, user_id, $2, responsabile, $9::timestamptz FROM unnest($7::text[], $8::boolean[]) AS w (user_id, responsabile)
     WHERE $6
     ON CONFLICT (case_id, user_id) DO UPDATE SET responsabile = EXCLUDED.responsabile, late_from = EXCLUDED.late_from
       WHERE (named.responsabile, named.late_from) IS DISTINCT FROM (EXCLUDED.responsabile, EXCLUDED.late_from)
   ), lateness_open AS (
     INSERT INTO case_lateness AS stored (case_id, ambito, phase, state, state_entered_at, referring_organisation_id,
                                          responsabile_user_id, late_from)
     SELECT $1, $2, $11::text, $12::text, $13::timestamptz, $14::uuid, $15::text, $9 WHERE $10::text = 'open'
     ON CONFLICT (case_id) DO UPDATE SET phase = EXCLUDED.phase, state = EXCLUDED.state,
       state_entered_at = EXCLUDED.state_entered_at, responsabile_user_id = EXCLUDED.responsabile_user_id,
       late_from = EXCLUDED.late_from
   ), lateness_closed AS (
     DELETE FROM case_lateness WHERE $10 = 'closed' AND case_id = $1
   )
   UPDATE cases SET next_deadline_key = $17, next_due_at = $18, escalations = $19 WHERE $16::boolean AND id = $1`,
);

/** The organisations invited to the meeting the case waits for ($2, dated $3): the worklist reads them. */
const INVITATIONS = statement(
  'invitations',
  `WITH declined AS (
     DELETE FROM case_invitations WHERE case_id = $1::uuid AND organisation_id <> ALL($2::text[])
   )
   INSERT INTO case_invitations AS invited (case_id, organisation_id, meeting_at)
   SELECT $1, organisation_id, meeting_at FROM unnest($2::text[], $3::timestamptz[]) AS i (organisation_id, meeting_at)
   ON CONFLICT (case_id, organisation_id) DO UPDATE SET meeting_at = EXCLUDED.meeting_at
     WHERE invited.meeting_at IS DISTINCT FROM EXCLUDED.meeting_at`,
);

/**
 * The ambito's counters, last in the transaction: every transition of the ambito in the month updates the
 * same few rows, so they are held for as short a time as possible.
 */
const COUNTERS = statement(
  'counters',
  `WITH phase_visit AS (
     INSERT INTO supervision_phase_durations AS counter (ambito, phase, month, days, visits)
     SELECT $1::text, $2::text, date_trunc('month', $3::timestamptz AT TIME ZONE '${SERVICE_TIME_ZONE}')::date,
            floor(extract(epoch FROM $3::timestamptz - $4::timestamptz) / 86400), 1
     WHERE $2::text IS NOT NULL
     ON CONFLICT (ambito, phase, month, days) DO UPDATE SET visits = counter.visits + 1
   )
   INSERT INTO supervision_monthly AS counter (ambito, metric, month, key, count)
   SELECT $1, metric, date_trunc('month', $3::timestamptz AT TIME ZONE '${SERVICE_TIME_ZONE}')::date, key, count
   FROM unnest($5::text[], $6::text[], $7::int[]) AS m (metric, key, count)
   ON CONFLICT (ambito, metric, month, key) DO UPDATE SET count = counter.count + EXCLUDED.count`,
);

const sameDeadlines = (a: SupervisionFacts['deadlines'], b: SupervisionFacts['deadlines']) =>
  a.length === b.length &&
  a.every((deadline, index) => deadline.key === b[index].key && deadline.startsAt === b[index].startsAt);

const sameInvitations = (a: SupervisionFacts['invitations'], b: SupervisionFacts['invitations']) =>
  a.length === b.length &&
  a.every(
    (invitation, index) =>
      invitation.organisationId === b[index].organisationId && invitation.at === b[index].at,
  );

const sameWorkers = (a: SupervisionFacts['workers'], b: SupervisionFacts['workers']) =>
  a.length === b.length &&
  a.every(
    (worker, index) => worker.userId === b[index].userId && worker.responsabile === b[index].responsabile,
  );

function rulesOf(rows: Record<string, unknown>[]): AmbitoRules {
  const rules: AmbitoRules = { deadlineDays: new Map(), thresholdDays: new Map() };
  for (const row of rows as { kind: string; key: string; after_days: number | null }[]) {
    if (row.kind === 'deadline') rules.deadlineDays.set(row.key, row.after_days!);
    else rules.thresholdDays.set(row.key, row.after_days);
  }
  return rules;
}

@Injectable()
export class SupervisionProjector {
  /** The writes this change needs, in the transition's transaction; null when it needs none. */
  projection(change: CaseChange): Projection | null {
    const { before, after, caseId, ambito, at } = change;
    const was = supervisionFactsOf(before.snapshot, before.state);
    const is = supervisionFactsOf(after.snapshot, after.state);
    const counters = this.counters(change, was, is);
    const phaseLeft = before.phase !== after.phase;
    const deadlinesMoved = !sameDeadlines(was.deadlines, is.deadlines);
    const workersMoved = !sameWorkers(was.workers, is.workers);
    const invitationsMoved = !sameInvitations(was.invitations, is.invitations);
    const stateMoved =
      before.state !== after.state || before.stateEnteredAt.getTime() !== after.stateEnteredAt.getTime();
    const closes = after.phase === 'esito';
    const lateness = !closes && (deadlinesMoved || workersMoved || stateMoved);
    const caseColumns = deadlinesMoved || stateMoved || was.escalations !== is.escalations;
    const caseFacts = deadlinesMoved || workersMoved || lateness || caseColumns;
    if (!caseFacts && !invitationsMoved && !phaseLeft && !counters.length) return null;
    const needsRules = lateness || caseColumns;
    return {
      opening: needsRules ? lockedRules(ambito, after.state) : undefined,
      write: async (session, replaced) => {
        let caseList: { nextDeadline: { key: string; dueAt: Date } | null } | undefined;
        if (caseFacts) {
          const rules = needsRules ? rulesOf(replaced.opened) : null;
          const late = rules && !closes ? latenessOf({ ...after, deadlines: is.deadlines }, rules) : null;
          await session.run(CASE_FACTS, [
            caseId,
            ambito,
            deadlinesMoved,
            is.deadlines.map((deadline) => deadline.key),
            is.deadlines.map((deadline) => deadline.startsAt),
            workersMoved || lateness,
            is.workers.map((worker) => worker.userId),
            is.workers.map((worker) => worker.responsabile),
            late?.lateFrom ?? null,
            lateness ? 'open' : closes && before.phase !== 'esito' ? 'closed' : 'unchanged',
            after.phase,
            after.state,
            after.stateEnteredAt,
            change.referringOrganisationId,
            is.workers.find((worker) => worker.responsabile)?.userId ?? null,
            caseColumns,
            late?.nextDeadline?.reason ?? null,
            late?.nextDeadline?.lateFrom ?? null,
            is.escalations,
          ]);
          if (caseColumns) {
            const next = late?.nextDeadline;
            caseList = { nextDeadline: next ? { key: next.reason, dueAt: next.lateFrom } : null };
          }
        }
        if (invitationsMoved) {
          await session.run(INVITATIONS, [
            caseId,
            is.invitations.map((invitation) => invitation.organisationId),
            is.invitations.map((invitation) => invitation.at),
          ]);
        }
        if (phaseLeft || counters.length) {
          await session.run(COUNTERS, [
            ambito,
            phaseLeft ? before.phase : null,
            at,
            replaced.phaseEnteredAt,
            counters.map((counter) => counter.metric),
            counters.map((counter) => counter.key),
            counters.map((counter) => counter.count),
          ]);
        }
        return caseList;
      },
    };
  }

  /** A new case runs no deadline yet, but its ambito may set a threshold for its first state. */
  newCase(created: {
    caseId: string;
    ambito: string;
    referringOrganisationId: string;
    phase: string;
    state: string;
    at: Date;
  }): Projection {
    return {
      opening: lockedRules(created.ambito, created.state),
      write: async (session, { opened }) => {
        const rules = rulesOf(opened);
        const { lateFrom } = latenessOf({ ...created, stateEnteredAt: created.at, deadlines: [] }, rules);
        await session.run(CASE_FACTS, [
          created.caseId,
          created.ambito,
          false,
          [],
          [],
          false,
          [],
          [],
          lateFrom,
          'open',
          created.phase,
          created.state,
          created.at,
          created.referringOrganisationId,
          null,
          false,
          null,
          null,
          0,
        ]);
      },
    };
  }

  /** The monthly counters this event moves: a referral sent, an outcome reached, escalations. */
  private counters(change: CaseChange, was: SupervisionFacts, is: SupervisionFacts) {
    const counters: { metric: string; key: string; count: number }[] = [];
    if (change.eventType === 'SUBMIT') {
      counters.push({ metric: 'referral', key: change.referringOrganisationId, count: 1 });
    }
    const outcome = change.after.snapshot.context.outcome?.primary;
    if (change.before.phase !== 'esito' && change.after.phase === 'esito' && outcome) {
      counters.push({ metric: 'outcome', key: outcome, count: 1 });
    }
    if (is.escalations > was.escalations) {
      counters.push({ metric: 'escalation', key: '', count: is.escalations - was.escalations });
    }
    return counters;
  }
}
