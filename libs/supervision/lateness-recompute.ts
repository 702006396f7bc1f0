// When a rule changes (an ambito's deadline override or threshold, or a default of the chart in a new
// release), the stored "late from" of the open cases it concerns, and their next deadline in the case list,
// are worked out again with the one definition (lateness.ts) and written where they differ.
import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_DEADLINE_DAYS, DEFAULT_THRESHOLD_DAYS } from './supervision-rules.js';
import { latenessOf, type AmbitoRules } from './lateness.js';

type Database = DataSource | EntityManager;

/** Which open cases a change can move; unset: all of them. */
export interface LatenessScope {
  ambito?: string;
  /** A threshold changed: the cases in these states. */
  states?: string[];
  /** A deadline rule changed: the cases running it. */
  deadlineKey?: string;
}

/**
 * Locks out transitions until the caller's transaction ends: one that started before waits here until it
 * commits (and is then read), one that starts later waits for this change (and then reads the new rule).
 */
export async function lockLateness(database: Database): Promise<void> {
  await database.query('LOCK TABLE case_lateness IN SHARE ROW EXCLUSIVE MODE');
}

/** Each ambito's own rules, read inside the caller's transaction. */
export async function ambitoRules(database: Database, ambito?: string): Promise<Map<string, AmbitoRules>> {
  const rows: { ambito: string; kind: string; key: string; after_days: number | null }[] =
    await database.query(
      `SELECT ambito, 'deadline' AS kind, deadline_key AS key, after_days FROM deadline_overrides
     WHERE ($1::text IS NULL OR ambito = $1) AND after_days IS NOT NULL
     UNION ALL
     SELECT ambito, 'threshold', state, after_days FROM supervision_thresholds WHERE $1::text IS NULL OR ambito = $1`,
      [ambito ?? null],
    );
  const rules = new Map<string, AmbitoRules>();
  for (const row of rows) {
    const own = rules.get(row.ambito) ?? { deadlineDays: new Map(), thresholdDays: new Map() };
    if (row.kind === 'deadline') own.deadlineDays.set(row.key, row.after_days!);
    else own.thresholdDays.set(row.key, row.after_days);
    rules.set(row.ambito, own);
  }
  return rules;
}

const BATCH = 5000;

/**
 * Recomputes the open cases in scope, a batch at a time in case order; run it after lockLateness, in the
 * transaction that changes the rule. Returns how many cases moved.
 */
export async function recomputeLateness(database: Database, scope: LatenessScope = {}): Promise<number> {
  const rules = await ambitoRules(database, scope.ambito);
  const noRules: AmbitoRules = { deadlineDays: new Map(), thresholdDays: new Map() };
  let moved = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: {
      case_id: string;
      ambito: string;
      state: string;
      state_entered_at: Date;
      late_from: Date | null;
      next_deadline_key: string | null;
      next_due_at: Date | null;
      keys: string[];
      starts: Date[];
    }[] = await database.query(
      `SELECT l.case_id, l.ambito, l.state, l.state_entered_at, l.late_from, c.next_deadline_key, c.next_due_at,
              ARRAY(SELECT d.deadline_key FROM case_deadlines d WHERE d.case_id = l.case_id ORDER BY d.deadline_key) AS keys,
              ARRAY(SELECT d.starts_at FROM case_deadlines d WHERE d.case_id = l.case_id ORDER BY d.deadline_key) AS starts
       FROM case_lateness l JOIN cases c ON c.id = l.case_id
       WHERE l.case_id > $1 AND ($2::text IS NULL OR l.ambito = $2) AND ($3::text[] IS NULL OR l.state = ANY ($3))
         AND ($4::text IS NULL OR EXISTS (
               SELECT 1 FROM case_deadlines d WHERE d.case_id = l.case_id AND d.deadline_key = $4))
       ORDER BY l.case_id LIMIT ${BATCH}`,
      [after, scope.ambito ?? null, scope.states ?? null, scope.deadlineKey ?? null],
    );
    if (!rows.length) return moved;
    after = rows.at(-1)!.case_id;
    const late: { id: string; lateFrom: Date | null }[] = [];
    const next: { id: string; key: string | null; dueAt: Date | null }[] = [];
    for (const row of rows) {
      const deadlines = row.keys.map((key, index) => ({ key, startsAt: row.starts[index] }));
      const found = latenessOf(
        { state: row.state, stateEnteredAt: row.state_entered_at, deadlines },
        rules.get(row.ambito) ?? noRules,
      );
      if ((found.lateFrom?.getTime() ?? null) !== (row.late_from?.getTime() ?? null)) {
        late.push({ id: row.case_id, lateFrom: found.lateFrom });
      }
      const key = found.nextDeadline?.reason ?? null;
      const dueAt = found.nextDeadline?.lateFrom ?? null;
      if (
        key !== row.next_deadline_key ||
        (dueAt?.getTime() ?? null) !== (row.next_due_at?.getTime() ?? null)
      ) {
        next.push({ id: row.case_id, key, dueAt });
      }
    }
    if (late.length) {
      const values = [late.map((row) => row.id), late.map((row) => row.lateFrom)];
      await database.query(
        `UPDATE case_lateness l SET late_from = fresh.late_from
         FROM unnest($1::uuid[], $2::timestamptz[]) AS fresh (case_id, late_from) WHERE l.case_id = fresh.case_id`,
        values,
      );
      await database.query(
        `UPDATE case_workers w SET late_from = fresh.late_from
         FROM unnest($1::uuid[], $2::timestamptz[]) AS fresh (case_id, late_from) WHERE w.case_id = fresh.case_id`,
        values,
      );
    }
    if (next.length) {
      await database.query(
        `UPDATE cases c SET next_deadline_key = fresh.key, next_due_at = fresh.due_at
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS fresh (id, key, due_at) WHERE c.id = fresh.id`,
        [next.map((row) => row.id), next.map((row) => row.key), next.map((row) => row.dueAt)],
      );
    }
    moved += new Set([...late, ...next].map((row) => row.id)).size;
  }
}

/** What the chart's defaults are today, to notice at start-up that a release changed one. */
export const CHART_LATENESS_FINGERPRINT = JSON.stringify({
  deadlines: DEFAULT_DEADLINE_DAYS,
  thresholds: DEFAULT_THRESHOLD_DAYS,
});

/**
 * At start-up: if the chart's defaults differ from those the stored moments were computed with, recomputes
 * every open case once (several API processes starting together wait on each other and do it once).
 */
export async function followChartDefaults(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (manager) => {
    await lockLateness(manager);
    const [stored] = await manager.query('SELECT fingerprint FROM supervision_chart_rules');
    if (stored?.fingerprint === CHART_LATENESS_FINGERPRINT) return 0;
    const moved = await recomputeLateness(manager);
    await manager.query(
      `INSERT INTO supervision_chart_rules (fingerprint) VALUES ($1)
       ON CONFLICT (id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint`,
      [CHART_LATENESS_FINGERPRINT],
    );
    return moved;
  });
}
