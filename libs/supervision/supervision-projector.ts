// Keeps supervision's read model (monthly counters, phase durations, each open case's running deadlines,
// workers and "late from" moment, the case list's next deadline) from what a transition changed, in the
// transition's own transaction. It compares the case's facts before and after the event and writes only
// what moved: most events (a plan edited, a domain assessed) write nothing here.
import { Injectable } from '@nestjs/common';
import type { CaseSnapshot } from '../../workflows/case/index.js';
import type { PreparedStatement, SqlSession } from '../persistence/prepared.js';
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
  before: CaseSide & { phaseEnteredAt: Date };
  after: CaseSide;
}

interface CaseSide {
  phase: string;
  state: string;
  stateEnteredAt: Date;
  snapshot: CaseSnapshot;
}

const MONTH = `date_trunc('month', $3::timestamptz AT TIME ZONE '${SERVICE_TIME_ZONE}')::date`;

const statement = (name: string, text: string): PreparedStatement => ({ name: `supervision_${name}`, text });

const LOCK = statement('lock', 'LOCK TABLE case_lateness IN ROW EXCLUSIVE MODE');

const AMBITO_RULES = statement(
  'ambito_rules',
  `SELECT 'deadline' AS kind, deadline_key AS key, after_days FROM deadline_overrides
   WHERE ambito = $1 AND after_days IS NOT NULL
   UNION ALL
   SELECT 'threshold', state, after_days FROM supervision_thresholds WHERE ambito = $1 AND state = $2`,
);

const PHASE_VISIT = statement(
  'phase_visit',
  `INSERT INTO supervision_phase_durations AS counter (ambito, phase, month, days, visits)
   VALUES ($1, $2, ${MONTH}, $4, 1)
   ON CONFLICT (ambito, phase, month, days) DO UPDATE SET visits = counter.visits + 1`,
);

const MONTHLY = statement(
  'monthly',
  `INSERT INTO supervision_monthly AS counter (ambito, metric, month, key, count)
   SELECT $1, metric, ${MONTH}, key, count FROM unnest($2::text[], $4::text[], $5::int[]) AS m (metric, key, count)
   ON CONFLICT (ambito, metric, month, key) DO UPDATE SET count = counter.count + EXCLUDED.count`,
);

const DEADLINES = statement(
  'deadlines',
  `WITH ended AS (DELETE FROM case_deadlines WHERE case_id = $1 AND deadline_key <> ALL($3::text[]))
   INSERT INTO case_deadlines AS running (case_id, deadline_key, ambito, starts_at)
   SELECT $1, key, $2, starts_at FROM unnest($3::text[], $4::timestamptz[]) AS d (key, starts_at)
   ON CONFLICT (case_id, deadline_key) DO UPDATE SET starts_at = EXCLUDED.starts_at`,
);

const WORKERS = statement(
  'workers',
  `WITH released AS (DELETE FROM case_workers WHERE case_id = $1 AND user_id <> ALL($3::text[]))
   INSERT INTO case_workers AS named (case_id, user_id, ambito, responsabile, late_from)
   SELECT $1, user_id, $2, responsabile, $5 FROM unnest($3::text[], $4::boolean[]) AS w (user_id, responsabile)
   ON CONFLICT (case_id, user_id) DO UPDATE SET responsabile = EXCLUDED.responsabile, late_from = EXCLUDED.late_from
     WHERE (named.responsabile, named.late_from) IS DISTINCT FROM (EXCLUDED.responsabile, EXCLUDED.late_from)`,
);

const LATENESS_OPEN = statement(
  'lateness_open',
  `INSERT INTO case_lateness AS stored (case_id, ambito, phase, state, state_entered_at, referring_organisation_id,
                                       responsabile_user_id, late_from)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
   ON CONFLICT (case_id) DO UPDATE SET phase = EXCLUDED.phase, state = EXCLUDED.state,
     state_entered_at = EXCLUDED.state_entered_at, responsabile_user_id = EXCLUDED.responsabile_user_id,
     late_from = EXCLUDED.late_from`,
);

const LATENESS_CLOSED = statement('lateness_closed', 'DELETE FROM case_lateness WHERE case_id = $1');

const CASE_COLUMNS = statement(
  'case_columns',
  'UPDATE cases SET next_deadline_key = $2, next_due_at = $3, escalations = $4 WHERE id = $1',
);

const sameDeadlines = (a: SupervisionFacts['deadlines'], b: SupervisionFacts['deadlines']) =>
  a.length === b.length &&
  a.every((deadline, index) => deadline.key === b[index].key && deadline.startsAt === b[index].startsAt);

const sameWorkers = (a: SupervisionFacts['workers'], b: SupervisionFacts['workers']) =>
  a.length === b.length &&
  a.every(
    (worker, index) => worker.userId === b[index].userId && worker.responsabile === b[index].responsabile,
  );

function rulesOf(rows: { kind: string; key: string; after_days: number | null }[]): AmbitoRules {
  const rules: AmbitoRules = { deadlineDays: new Map(), thresholdDays: new Map() };
  for (const row of rows) {
    if (row.kind === 'deadline') rules.deadlineDays.set(row.key, row.after_days!);
    else rules.thresholdDays.set(row.key, row.after_days);
  }
  return rules;
}

const DAY_MS = 86_400_000;

@Injectable()
export class SupervisionProjector {
  /** The writes this change needs, to run in the transition's transaction; null when it needs none. */
  projection(change: CaseChange): ((session: SqlSession) => Promise<void>) | null {
    const { before, after } = change;
    const was = supervisionFactsOf(before.snapshot, before.state);
    const is = supervisionFactsOf(after.snapshot, after.state);
    const counters = this.counters(change, was, is);
    const phaseLeft = before.phase !== after.phase;
    const deadlinesMoved = !sameDeadlines(was.deadlines, is.deadlines);
    const workersMoved = !sameWorkers(was.workers, is.workers);
    const stateMoved =
      before.state !== after.state || before.stateEnteredAt.getTime() !== after.stateEnteredAt.getTime();
    const closes = after.phase === 'esito';
    const lateness = !closes && (deadlinesMoved || workersMoved || stateMoved);
    const caseColumns = deadlinesMoved || stateMoved || was.escalations !== is.escalations;
    if (!counters.length && !phaseLeft && !deadlinesMoved && !workersMoved && !stateMoved && !caseColumns) {
      return null;
    }
    const { caseId, ambito, at } = change;
    return async (session) => {
      // Before reading the rules, so that a rule change either sees this transition or is seen by it
      // (it locks the table against writers while it recomputes, see supervision_recompute_lateness).
      if (lateness || caseColumns) await session.run(LOCK, []);
      if (phaseLeft) {
        const days = Math.floor((at.getTime() - before.phaseEnteredAt.getTime()) / DAY_MS);
        await session.run(PHASE_VISIT, [ambito, before.phase, at, days]);
      }
      if (counters.length) {
        await session.run(MONTHLY, [
          ambito,
          counters.map((counter) => counter.metric),
          at,
          counters.map((counter) => counter.key),
          counters.map((counter) => counter.count),
        ]);
      }
      if (deadlinesMoved) {
        await session.run(DEADLINES, [
          caseId,
          ambito,
          is.deadlines.map((deadline) => deadline.key),
          is.deadlines.map((deadline) => deadline.startsAt),
        ]);
      }
      const rules =
        lateness || caseColumns ? rulesOf(await session.run(AMBITO_RULES, [ambito, after.state])) : null;
      const late = rules && !closes ? latenessOf({ ...after, deadlines: is.deadlines }, rules) : null;
      if (workersMoved || lateness) {
        await session.run(WORKERS, [
          caseId,
          ambito,
          is.workers.map((worker) => worker.userId),
          is.workers.map((worker) => worker.responsabile),
          late?.lateFrom ?? null,
        ]);
      }
      if (lateness) {
        await session.run(LATENESS_OPEN, [
          caseId,
          ambito,
          after.phase,
          after.state,
          after.stateEnteredAt,
          change.referringOrganisationId,
          is.workers.find((worker) => worker.responsabile)?.userId ?? null,
          late?.lateFrom ?? null,
        ]);
      }
      if (closes && before.phase !== 'esito') await session.run(LATENESS_CLOSED, [caseId]);
      if (caseColumns) {
        await session.run(CASE_COLUMNS, [
          caseId,
          late?.nextDeadline?.reason ?? null,
          late?.nextDeadline?.lateFrom ?? null,
          is.escalations,
        ]);
      }
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
