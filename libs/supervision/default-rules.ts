// The chart's default lateness rules, copied into supervision_default_rules so that the database can work
// out each open case's "late from" moment inside the transition statement and recompute it when a rule
// changes. The chart stays the source: this copy is refreshed at every start of the API.
import type { DataSource, QueryRunner } from 'typeorm';
import { DEFAULT_DEADLINE_DAYS, DEFAULT_THRESHOLD_DAYS } from './supervision-rules.js';

export function defaultLatenessRules(): { kind: 'deadline' | 'threshold'; key: string; afterDays: number }[] {
  return [
    ...Object.entries(DEFAULT_DEADLINE_DAYS).map(([key, afterDays]) => ({
      kind: 'deadline' as const,
      key,
      afterDays,
    })),
    ...Object.entries(DEFAULT_THRESHOLD_DAYS).flatMap(([key, afterDays]) =>
      afterDays === null ? [] : [{ kind: 'threshold' as const, key, afterDays }],
    ),
  ];
}

/**
 * Makes supervision_default_rules equal to the chart's defaults. Writes only what differs, so an unchanged
 * chart costs nothing; a changed one fires the table's trigger, which recomputes every open case.
 */
export async function syncDefaultLatenessRules(database: DataSource | QueryRunner): Promise<void> {
  const rules = defaultLatenessRules();
  const params = [
    rules.map((rule) => rule.kind),
    rules.map((rule) => rule.key),
    rules.map((rule) => rule.afterDays),
  ];
  await database.query(
    `WITH chart (kind, key, after_days) AS (SELECT * FROM unnest($1::text[], $2::text[], $3::int[])),
     removed AS (
       DELETE FROM supervision_default_rules stored
       WHERE NOT EXISTS (SELECT 1 FROM chart WHERE chart.kind = stored.kind AND chart.key = stored.key)
     )
     INSERT INTO supervision_default_rules AS stored (kind, key, after_days) SELECT * FROM chart
     ON CONFLICT (kind, key) DO UPDATE SET after_days = EXCLUDED.after_days
       WHERE stored.after_days <> EXCLUDED.after_days`,
    params,
  );
}
