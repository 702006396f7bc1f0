// Which open cases are late, and why: a running deadline of the current state entry has passed (its
// duration with the ambito's overrides), or the case has been in its state longer than the ambito's
// threshold. Rules become cut-off times passed as parameters ("started before now − duration"), so each
// rule is one range scan of an index and a changed rule applies at once.
import type { DataSource } from 'typeorm';
import { STATE_LABELS, type Phase } from '../../workflows/case/index.js';
import { initialsOf } from '../notifications/templates.js';
import { DEADLINE_LABELS, type AmbitoRules } from './supervision-rules.js';

const DAY_MS = 86_400_000;

/** Positional parameters collected while a query is written. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * CTEs ending in `stuck (case_id, overdue_since, reasons)`: one row per late case of the ambito at `now`.
 * Late means strictly after the due moment. `reasons` holds deadline keys and 'soglia' for the threshold.
 */
export function stuckCasesCtes(
  params: SqlParams,
  placeholders: { ambito: string; now: string },
  rules: AmbitoRules,
): string {
  const { ambito: a, now: n } = placeholders;
  const deadlineKeys = params.add(rules.deadlines.map((rule) => rule.key));
  const deadlineDays = params.add(rules.deadlines.map((rule) => rule.afterDays));
  const thresholdStates = params.add(rules.thresholds.map((rule) => rule.state));
  const thresholdDays = params.add(rules.thresholds.map((rule) => rule.afterDays));
  // Days are 24-hour days, as the chart adds them (UTC), whatever the session's time zone.
  return `deadline_rule AS (
      SELECT key, make_interval(hours => 24 * days) AS duration
      FROM unnest(${deadlineKeys}::text[], ${deadlineDays}::int[]) AS rule (key, days)
    ), threshold_rule AS (
      SELECT state, make_interval(hours => 24 * days) AS duration
      FROM unnest(${thresholdStates}::text[], ${thresholdDays}::int[]) AS rule (state, days)
    ), late AS (
      SELECT d.case_id, d.starts_at + r.duration AS since, d.deadline_key AS reason
      FROM deadline_rule r JOIN case_deadlines d
        ON d.ambito = ${a} AND d.deadline_key = r.key AND d.starts_at < ${n}::timestamptz - r.duration
      UNION ALL
      SELECT c.id, c.state_entered_at + r.duration, 'soglia'
      FROM threshold_rule r JOIN cases c
        ON c.ambito = ${a} AND c.phase <> 'esito' AND c.state = r.state
       AND c.state_entered_at < ${n}::timestamptz - r.duration
    ), stuck AS (
      SELECT case_id, min(since) AS overdue_since, array_agg(reason ORDER BY since) AS reasons
      FROM late GROUP BY case_id
    )`;
}

export interface StuckFilter {
  phase?: Phase;
  organisationId?: string;
  responsabileUserId?: string;
  limit: number;
  offset: number;
}

export type StuckReason =
  { kind: 'deadline'; key: string; label: string } | { kind: 'threshold'; label: string };

export interface StuckCase {
  id: string;
  initials: string;
  phase: string;
  phaseLabel: string;
  state: string;
  stateLabel: string;
  stateEnteredAt: Date;
  daysInState: number;
  overdueSince: Date;
  daysOverdue: number;
  reasons: StuckReason[];
  responsabile: { userId: string; name: string | null } | null;
  lastEvent: { type: string; at: Date; actorUserId: string | null; actorName: string } | null;
  escalations: number;
}

const wholeDaysBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / DAY_MS);

function reasonOf(code: string): StuckReason {
  return code === 'soglia'
    ? { kind: 'threshold', label: 'In questo stato da più della soglia dell’ambito' }
    : { kind: 'deadline', key: code, label: DEADLINE_LABELS[code] ?? code };
}

/** The late cases, most overdue first, one page of them, with how many there are in all. */
export async function findStuckCases(
  dataSource: DataSource,
  ambito: string,
  rules: AmbitoRules,
  now: Date,
  filter: StuckFilter,
): Promise<{ items: StuckCase[]; total: number }> {
  const params = new SqlParams();
  const stuck = stuckCasesCtes(params, { ambito: params.add(ambito), now: params.add(now) }, rules);
  const conditions: string[] = [];
  if (filter.phase) conditions.push(`c.phase = ${params.add(filter.phase)}`);
  if (filter.organisationId) {
    conditions.push(`c.referring_organisation_id = ${params.add(filter.organisationId)}::uuid`);
  }
  if (filter.responsabileUserId) {
    conditions.push(`EXISTS (SELECT 1 FROM case_workers w
      WHERE w.case_id = c.id AND w.responsabile AND w.user_id = ${params.add(filter.responsabileUserId)})`);
  }
  const limit = params.add(filter.limit);
  const offset = params.add(filter.offset);
  const rows: Record<string, never>[] = await dataSource.query(
    `WITH ${stuck}, filtered AS (
       SELECT s.case_id, s.overdue_since, s.reasons, c.person_id, c.phase, c.state, c.state_entered_at, c.version,
              c.escalations
       FROM stuck s JOIN cases c ON c.id = s.case_id
       ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
     ), page AS (
       SELECT * FROM filtered ORDER BY overdue_since, case_id LIMIT ${limit} OFFSET ${offset}
     )
     SELECT total.total, page.*, p.first_name, p.last_name,
            responsabile.user_id AS responsabile_user_id, responsabile_user.full_name AS responsabile_name,
            h.event_type, h.at AS event_at, h.actor_user_id, actor.full_name AS actor_name
     FROM (SELECT count(*)::int AS total FROM filtered) total
     LEFT JOIN page ON true
     LEFT JOIN persons p ON p.id = page.person_id
     LEFT JOIN case_workers responsabile ON responsabile.case_id = page.case_id AND responsabile.responsabile
     LEFT JOIN users responsabile_user ON responsabile_user.id::text = responsabile.user_id
     LEFT JOIN case_history h ON h.case_id = page.case_id AND h.seq = page.version
     LEFT JOIN users actor ON actor.id = h.actor_user_id
     ORDER BY page.overdue_since, page.case_id`,
    params.values,
  );
  const items = rows
    .filter((row) => row.case_id !== null)
    .map((row): StuckCase => ({
      id: row.case_id,
      initials: initialsOf(row.first_name, row.last_name),
      phase: row.phase,
      phaseLabel: STATE_LABELS[row.phase] ?? row.phase,
      state: row.state,
      stateLabel: STATE_LABELS[row.state] ?? row.state,
      stateEnteredAt: row.state_entered_at,
      daysInState: wholeDaysBetween(row.state_entered_at, now),
      overdueSince: row.overdue_since,
      daysOverdue: wholeDaysBetween(row.overdue_since, now),
      reasons: (row.reasons as string[]).map(reasonOf),
      responsabile: row.responsabile_user_id
        ? { userId: row.responsabile_user_id, name: row.responsabile_name }
        : null,
      lastEvent: row.event_type
        ? {
            type: row.event_type,
            at: row.event_at,
            actorUserId: row.actor_user_id,
            actorName: row.actor_user_id === null ? 'Sistema' : row.actor_name,
          }
        : null,
      escalations: row.escalations,
    }));
  return { items, total: rows[0]?.total ?? 0 };
}
