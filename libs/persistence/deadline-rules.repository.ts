// Each ambito's overrides of the chart's default deadlines, read whenever deadlines are planned.
import type { DataSource, EntityManager } from 'typeorm';
import type { DeadlineOverrides } from '../../workflows/case/index.js';

export interface OverrideRow {
  deadline_key: string;
  after_days: number | null;
  reminder_days: number[] | null;
}

export function overridesOf(rows: OverrideRow[]): DeadlineOverrides {
  return Object.fromEntries(
    rows.map((row) => [
      row.deadline_key,
      { afterDays: row.after_days ?? undefined, reminderDays: row.reminder_days ?? undefined },
    ]),
  );
}

export class DeadlineRulesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `within`: the transaction to read in, so that its caller needs no second connection meanwhile. */
  async overridesFor(
    ambito: string,
    within: EntityManager | DataSource = this.dataSource,
  ): Promise<DeadlineOverrides> {
    return overridesOf(
      await within.query(
        'SELECT deadline_key, after_days, reminder_days FROM deadline_overrides WHERE ambito = $1',
        [ambito],
      ),
    );
  }

  async setOverride(
    ambito: string,
    deadlineKey: string,
    afterDays: number | null,
    reminderDays: number[] | null,
  ) {
    await this.dataSource.query(
      `INSERT INTO deadline_overrides (ambito, deadline_key, after_days, reminder_days) VALUES ($1, $2, $3, $4)
       ON CONFLICT (ambito, deadline_key)
       DO UPDATE SET after_days = EXCLUDED.after_days, reminder_days = EXCLUDED.reminder_days, updated_at = now()`,
      [ambito, deadlineKey, afterDays, reminderDays],
    );
  }
}
