// The coordinator's figures for one ambito. Everything that would mean scanning history is read from the
// summaries the case repository maintains with each transition (monthly counters, a histogram of whole
// days spent per phase visit); what depends on "now" (open cases, lateness) is counted from the open
// cases only, comparing each one's "late from" moment (kept on case_lateness and case_workers) with now.
import type { DataSource } from 'typeorm';
import { PHASES, phaseOf, stateName, type Localised, type Phase } from '../../workflows/case/index.js';
import { SERVICE_TIME_ZONE } from './supervision-rules.js';

export type Period = 'month' | 'quarter' | 'year';

export interface DashboardRange {
  /** First and last month included, "YYYY-MM", in the service's time zone. */
  from: string;
  to: string;
  period: Period;
}

export interface Workload {
  userId: string;
  name: string | null;
  open: number;
  overdue: number;
}

export interface Dashboard {
  ambito: string;
  range: DashboardRange;
  funnel: { phase: Phase; label: Localised; cases: number }[];
  phaseDurations: {
    phase: Phase;
    label: Localised;
    visits: number;
    medianDays: number | null;
    p90Days: number | null;
  }[];
  referrals: { month: string; organisationId: string; organisation: string | null; referrals: number }[];
  outcomes: { period: string; outcome: string; cases: number }[];
  workload: { operators: Workload[]; responsabili: Workload[] };
  escalations: { month: string; escalations: number }[];
  /** People with an open percorso, and the households (nuclei familiari) they make up today. */
  inCare: { persons: number; households: number };
}

/** The value at fraction `p` of a histogram sorted by value: the first whose cumulative share reaches p. */
export function percentileOf(histogram: { days: number; visits: number }[], p: number): number | null {
  const total = histogram.reduce((sum, bucket) => sum + bucket.visits, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const bucket of histogram) {
    seen += bucket.visits;
    if (seen >= p * total) return bucket.days;
  }
  return histogram.at(-1)!.days;
}

function periodOf(month: string, period: Period): string {
  if (period === 'month') return month;
  const [year, monthNumber] = month.split('-');
  return period === 'year' ? year : `${year}-T${Math.ceil(Number(monthNumber) / 3)}`;
}

const monthDate = (month: string) => `${month}-01`;

async function funnel(dataSource: DataSource, ambito: string): Promise<Dashboard['funnel']> {
  const [open, closed]: [{ state: string; cases: number }[], { cases: number }[]] = await Promise.all([
    dataSource.query(
      `SELECT state, count(*)::int AS cases FROM cases WHERE ambito = $1 AND phase <> 'esito' GROUP BY state`,
      [ambito],
    ),
    // Every closed case entered esito once and is never reopened: its outcome counters are the count.
    dataSource.query(
      `SELECT coalesce(sum(count), 0)::int AS cases FROM supervision_monthly WHERE ambito = $1 AND metric = 'outcome'`,
      [ambito],
    ),
  ]);
  const byPhase = new Map<Phase, number>(PHASES.map((phase) => [phase, 0]));
  for (const row of open) byPhase.set(phaseOf(row.state), byPhase.get(phaseOf(row.state))! + row.cases);
  byPhase.set('esito', closed[0].cases);
  return PHASES.map((phase) => ({ phase, label: stateName(phase), cases: byPhase.get(phase)! }));
}

async function phaseDurations(
  dataSource: DataSource,
  ambito: string,
  range: DashboardRange,
): Promise<Dashboard['phaseDurations']> {
  const rows: { phase: Phase; days: number; visits: number }[] = await dataSource.query(
    `SELECT phase, days, sum(visits)::int AS visits FROM supervision_phase_durations
     WHERE ambito = $1 AND month BETWEEN $2 AND $3 GROUP BY phase, days ORDER BY phase, days`,
    [ambito, monthDate(range.from), monthDate(range.to)],
  );
  return PHASES.filter((phase) => phase !== 'esito').map((phase) => {
    const histogram = rows.filter((row) => row.phase === phase);
    return {
      phase,
      label: stateName(phase),
      visits: histogram.reduce((sum, bucket) => sum + bucket.visits, 0),
      medianDays: percentileOf(histogram, 0.5),
      p90Days: percentileOf(histogram, 0.9),
    };
  });
}

async function monthlyCounts(dataSource: DataSource, ambito: string, range: DashboardRange) {
  const rows: { metric: string; month: string; key: string; count: number; organisation: string | null }[] =
    await dataSource.query(
      `SELECT m.metric, to_char(m.month, 'YYYY-MM') AS month, m.key, m.count, o.name AS organisation
       FROM supervision_monthly m
       LEFT JOIN organisations o ON m.metric = 'referral' AND o.id::text = m.key
       WHERE m.ambito = $1 AND m.month BETWEEN $2 AND $3
       ORDER BY m.month, m.metric, m.key`,
      [ambito, monthDate(range.from), monthDate(range.to)],
    );
  const referrals = rows
    .filter((row) => row.metric === 'referral')
    .map((row) => ({
      month: row.month,
      organisationId: row.key,
      organisation: row.organisation,
      referrals: row.count,
    }));
  const outcomes = new Map<string, { period: string; outcome: string; cases: number }>();
  for (const row of rows.filter((candidate) => candidate.metric === 'outcome')) {
    const period = periodOf(row.month, range.period);
    const entry = outcomes.get(`${period}|${row.key}`) ?? { period, outcome: row.key, cases: 0 };
    entry.cases += row.count;
    outcomes.set(`${period}|${row.key}`, entry);
  }
  const escalations = rows
    .filter((row) => row.metric === 'escalation')
    .map((row) => ({ month: row.month, escalations: row.count }));
  return { referrals, outcomes: [...outcomes.values()], escalations };
}

async function workload(dataSource: DataSource, ambito: string, now: Date): Promise<Dashboard['workload']> {
  const rows: {
    user_id: string;
    name: string | null;
    open: number;
    overdue: number;
    open_as_responsabile: number;
    overdue_as_responsabile: number;
  }[] = await dataSource.query(
    `WITH per_worker AS (
       SELECT w.user_id, count(*)::int AS open, count(*) FILTER (WHERE w.late_from < $2)::int AS overdue,
              count(*) FILTER (WHERE w.responsabile)::int AS open_as_responsabile,
              count(*) FILTER (WHERE w.responsabile AND w.late_from < $2)::int AS overdue_as_responsabile
       FROM case_workers w
       WHERE w.ambito = $1
       GROUP BY w.user_id
     )
     SELECT per_worker.*, u.full_name AS name
     FROM per_worker LEFT JOIN users u ON u.id::text = per_worker.user_id
     ORDER BY per_worker.overdue DESC, per_worker.open DESC, per_worker.user_id`,
    [ambito, now],
  );
  return {
    operators: rows.map((row) => ({
      userId: row.user_id,
      name: row.name,
      open: row.open,
      overdue: row.overdue,
    })),
    responsabili: rows
      .filter((row) => row.open_as_responsabile > 0)
      .map((row) => ({
        userId: row.user_id,
        name: row.name,
        open: row.open_as_responsabile,
        overdue: row.overdue_as_responsabile,
      })),
  };
}

/**
 * A household is everyone linked by current household links, however indirectly: each linked person in
 * care is labelled by the least id reachable through the links, and each label is one household. The
 * recursion starts only from people in care who have a link, so its cost is the linked few, not the ambito.
 */
async function inCare(dataSource: DataSource, ambito: string, now: Date): Promise<Dashboard['inCare']> {
  const [row]: { persons: number; households: number }[] = await dataSource.query(
    `WITH RECURSIVE in_care AS (
       SELECT DISTINCT person_id AS id FROM cases WHERE ambito = $1 AND phase <> 'esito'),
     today AS (SELECT ($2::timestamptz AT TIME ZONE '${SERVICE_TIME_ZONE}')::date AS day),
     current_links AS (
       SELECT h.person_id, h.member_id FROM household_links h, today
       WHERE h.ambito = $1 AND h.valid_from <= today.day AND (h.valid_to IS NULL OR h.valid_to >= today.day)),
     edges AS (
       SELECT person_id AS a, member_id AS b FROM current_links
       UNION SELECT member_id, person_id FROM current_links),
     reach (origin, id) AS (
       SELECT i.id, i.id FROM in_care i WHERE EXISTS (SELECT 1 FROM edges e WHERE e.a = i.id)
       UNION SELECT r.origin, e.b FROM reach r JOIN edges e ON e.a = r.id),
     linked AS (SELECT origin, min(id::text) AS household FROM reach GROUP BY origin)
     SELECT (SELECT count(*) FROM in_care)::int AS persons,
            ((SELECT count(*) FROM in_care) - (SELECT count(*) FROM linked)
              + (SELECT count(DISTINCT household) FROM linked))::int AS households`,
    [ambito, now],
  );
  return row;
}

export async function buildDashboard(
  dataSource: DataSource,
  ambito: string,
  now: Date,
  range: DashboardRange,
): Promise<Dashboard> {
  const [funnelRows, durations, monthly, work, people] = await Promise.all([
    funnel(dataSource, ambito),
    phaseDurations(dataSource, ambito, range),
    monthlyCounts(dataSource, ambito, range),
    workload(dataSource, ambito, now),
    inCare(dataSource, ambito, now),
  ]);
  return {
    ambito,
    range,
    funnel: funnelRows,
    phaseDurations: durations,
    ...monthly,
    workload: work,
    inCare: people,
  };
}
