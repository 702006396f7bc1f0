// An ambito's "in this state too long" thresholds, which its coordinatore sets. The chart gives a default
// per open state (supervision-rules.ts); the ambito's row wins, even an empty one (no threshold at all).
// A change recomputes "late from" for the ambito's open cases in that state, in its transaction, so the
// stuck list follows at once.
import type { DataSource } from 'typeorm';
import { phaseOf, stateName, type Localised } from '../../workflows/case/index.js';
import { lockLateness, recomputeLateness } from './lateness-recompute.js';
import { DEFAULT_THRESHOLD_DAYS, OPEN_LEAF_STATES } from './supervision-rules.js';

export interface Threshold {
  state: string;
  stateLabel: Localised;
  phase: string;
  phaseLabel: Localised;
  /** The chart's default; null: no threshold unless the ambito sets one. */
  defaultDays: number | null;
  /** Whether the ambito has its own value (which may be null: no threshold in this ambito). */
  ambitoSet: boolean;
  ambitoDays: number | null;
  /** What applies: the ambito's value when set, otherwise the default. */
  effectiveDays: number | null;
  updatedAt: Date | null;
  updatedBy: { userId: string; name: string | null } | null;
}

export async function listThresholds(dataSource: DataSource, ambito: string): Promise<Threshold[]> {
  const rows: {
    state: string;
    after_days: number | null;
    updated_at: Date;
    updated_by: string | null;
    name: string | null;
  }[] = await dataSource.query(
    `SELECT t.state, t.after_days, t.updated_at, t.updated_by, u.full_name AS name
     FROM supervision_thresholds t LEFT JOIN users u ON u.id = t.updated_by WHERE t.ambito = $1`,
    [ambito],
  );
  const own = new Map(rows.map((row) => [row.state, row]));
  return OPEN_LEAF_STATES.map((state) => {
    const row = own.get(state);
    const defaultDays = DEFAULT_THRESHOLD_DAYS[state];
    const phase = phaseOf(state);
    return {
      state,
      stateLabel: stateName(state),
      phase,
      phaseLabel: stateName(phase),
      defaultDays,
      ambitoSet: row !== undefined,
      ambitoDays: row?.after_days ?? null,
      effectiveDays: row ? row.after_days : defaultDays,
      updatedAt: row?.updated_at ?? null,
      updatedBy: row?.updated_by ? { userId: row.updated_by, name: row.name } : null,
    };
  });
}

/** `days` null: no threshold for this state in the ambito, whatever the default. */
export async function setThreshold(
  dataSource: DataSource,
  change: { ambito: string; state: string; days: number | null; userId: string; at: Date },
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await lockLateness(manager);
    await manager.query(
      `INSERT INTO supervision_thresholds (ambito, state, after_days, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (ambito, state)
       DO UPDATE SET after_days = EXCLUDED.after_days, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [change.ambito, change.state, change.days, change.at, change.userId],
    );
    await recomputeLateness(manager, { ambito: change.ambito, states: [change.state] });
  });
}

/** Back to the chart's default. */
export async function resetThreshold(dataSource: DataSource, ambito: string, state: string): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await lockLateness(manager);
    await manager.query('DELETE FROM supervision_thresholds WHERE ambito = $1 AND state = $2', [
      ambito,
      state,
    ]);
    await recomputeLateness(manager, { ambito, states: [state] });
  });
}
