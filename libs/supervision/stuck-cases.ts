// Which open cases are late, and why: a running deadline of the current state entry has passed (its
// duration with the ambito's overrides), or the case has been in its state longer than the ambito's
// threshold. The projector keeps each open case's "late from" moment in case_lateness with every
// transition (and a rule change recomputes it), so "late now" is a range of one index, already in the
// order the list wants; why each case on the page is late is asked of the same function (lateness.ts).
import type { DataSource } from 'typeorm';
import {
  deadlineName,
  stateName,
  SYSTEM_NAME,
  type Localised,
  type Phase,
} from '../../workflows/case/index.js';
import { SqlParams } from '../common/index.js';
import { initialsOf } from '../notifications/templates.js';
import { latenessRules, NO_AMBITO_RULES } from './lateness.js';
import { ambitoRules } from './lateness-recompute.js';

const DAY_MS = 86_400_000;

export interface StuckFilter {
  phase?: Phase;
  organisationId?: string;
  responsabileUserId?: string;
  limit: number;
  offset: number;
}

export type StuckReason =
  { kind: 'deadline'; key: string; label: Localised } | { kind: 'threshold'; label: Localised };

export interface StuckCase {
  id: string;
  initials: string;
  /** Only the ambito's coordinators read this list, and they see the person's name on every case. */
  person: { firstName: string; lastName: string };
  phase: string;
  phaseLabel: Localised;
  state: string;
  stateLabel: Localised;
  stateEnteredAt: Date;
  daysInState: number;
  overdueSince: Date;
  daysOverdue: number;
  reasons: StuckReason[];
  responsabile: { userId: string; name: string | null } | null;
  lastEvent: { type: string; at: Date; actorUserId: string | null; actorName: string | Localised } | null;
  escalations: number;
}

const wholeDaysBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / DAY_MS);

function reasonOf(code: string): StuckReason {
  return code === 'soglia'
    ? {
        kind: 'threshold',
        label: {
          it: 'In questo stato da più della soglia dell’ambito',
          en: 'In this state longer than the ambito’s threshold',
        },
      }
    : { kind: 'deadline', key: code, label: deadlineName(code) };
}

/** The late cases, most overdue first, one page of them, with how many there are in all. */
export async function findStuckCases(
  dataSource: DataSource,
  ambito: string,
  now: Date,
  filter: StuckFilter,
): Promise<{ items: StuckCase[]; total: number }> {
  const params = new SqlParams();
  const n = params.add(now);
  // Strictly after the due moment: exactly at the deadline a case is not late yet.
  const conditions = [`l.ambito = ${params.add(ambito)}`, `l.late_from < ${n}`];
  if (filter.phase) conditions.push(`l.phase = ${params.add(filter.phase)}`);
  if (filter.organisationId) {
    conditions.push(`l.referring_organisation_id = ${params.add(filter.organisationId)}::uuid`);
  }
  if (filter.responsabileUserId) {
    conditions.push(`l.responsabile_user_id = ${params.add(filter.responsabileUserId)}`);
  }
  const where = conditions.join(' AND ');
  const rules = (await ambitoRules(dataSource, ambito)).get(ambito) ?? NO_AMBITO_RULES;
  const rows: Record<string, never>[] = await dataSource.query(
    `WITH page AS (
       SELECT l.case_id, l.late_from, l.responsabile_user_id FROM case_lateness l WHERE ${where}
       ORDER BY l.late_from, l.case_id LIMIT ${params.add(filter.limit)} OFFSET ${params.add(filter.offset)}
     )
     SELECT total.total, page.case_id, page.late_from AS overdue_since,
            ARRAY(SELECT d.deadline_key FROM case_deadlines d WHERE d.case_id = c.id ORDER BY d.deadline_key) AS keys,
            ARRAY(SELECT d.starts_at FROM case_deadlines d WHERE d.case_id = c.id ORDER BY d.deadline_key) AS starts,
            c.phase, c.state, c.state_entered_at, c.escalations, p.first_name, p.last_name,
            page.responsabile_user_id, responsabile_user.full_name AS responsabile_name,
            h.event_type, h.at AS event_at, h.actor_user_id, actor.full_name AS actor_name
     FROM (SELECT count(*)::int AS total FROM case_lateness l WHERE ${where}) total
     LEFT JOIN page ON true
     LEFT JOIN cases c ON c.id = page.case_id
     LEFT JOIN persons p ON p.id = c.person_id
     LEFT JOIN users responsabile_user ON responsabile_user.id::text = page.responsabile_user_id
     LEFT JOIN case_history h ON h.case_id = c.id AND h.seq = c.version
     LEFT JOIN users actor ON actor.id = h.actor_user_id
     ORDER BY page.late_from, page.case_id`,
    params.values,
  );
  const items = rows
    .filter((row) => row.case_id !== null)
    .map((row): StuckCase => ({
      id: row.case_id,
      initials: initialsOf(row.first_name, row.last_name),
      person: { firstName: row.first_name, lastName: row.last_name },
      phase: row.phase,
      phaseLabel: stateName(row.phase),
      state: row.state,
      stateLabel: stateName(row.state),
      stateEnteredAt: row.state_entered_at,
      daysInState: wholeDaysBetween(row.state_entered_at, now),
      overdueSince: row.overdue_since,
      daysOverdue: wholeDaysBetween(row.overdue_since, now),
      reasons: latenessRules(
        {
          state: row.state,
          stateEnteredAt: row.state_entered_at,
          deadlines: (row.keys as string[]).map((key, index) => ({ key, startsAt: row.starts[index] })),
        },
        rules,
      )
        .filter((rule) => rule.lateFrom.getTime() < now.getTime())
        .map((rule) => reasonOf(rule.reason)),
      responsabile: row.responsabile_user_id
        ? { userId: row.responsabile_user_id, name: row.responsabile_name }
        : null,
      lastEvent: row.event_type
        ? {
            type: row.event_type,
            at: row.event_at,
            actorUserId: row.actor_user_id,
            actorName: row.actor_user_id === null ? SYSTEM_NAME : row.actor_name,
          }
        : null,
      escalations: row.escalations,
    }));
  return { items, total: rows[0]?.total ?? 0 };
}
