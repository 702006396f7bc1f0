// Which cases' stored snapshots no released version of the chart restores. Such a case is flagged where it is
// read (its page answers 409 unreadable_case, its list row `unreadable`); this check finds them all, for
// /api/health, without waiting for someone to open them. Restoring every snapshot reads the whole table
// (minutes at a million cases: see the README), so the worker runs it at start (a release that no longer
// restores some state shows at once) and nightly (for snapshots changed behind the engine's back), and health
// reads the latest result.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { restoreCase, type PersistedCase } from '../../workflows/case/index.js';
import { CLOCK, type Clock } from '../common/index.js';
import { logJson } from './json-logger.js';

const BATCH_SIZE = 500;
/** The ids health names; the count covers them all. */
export const UNREADABLE_IDS_SHOWN = 20;

export interface SnapshotCheckResult {
  checkedAt: string;
  /** Cases whose snapshot was restored, or tried. */
  checked: number;
  unreadable: number;
  /** The first UNREADABLE_IDS_SHOWN of them, by id. */
  caseIds: string[];
}

@Injectable()
export class SnapshotCheck {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Restores every case's snapshot, a batch at a time, and records the result in place of the last one. */
  async run(): Promise<SnapshotCheckResult> {
    const checkedAt = this.clock.now();
    const caseIds: string[] = [];
    let unreadable = 0;
    let checked = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string; snapshot: PersistedCase }[] = await this.dataSource.query(
        'SELECT id, snapshot FROM cases WHERE id > $1 ORDER BY id LIMIT $2',
        [after, BATCH_SIZE],
      );
      if (!rows.length) break;
      after = rows.at(-1)!.id;
      checked += rows.length;
      for (const { id, snapshot } of rows) {
        try {
          restoreCase(snapshot);
        } catch {
          unreadable += 1;
          if (caseIds.length < UNREADABLE_IDS_SHOWN) caseIds.push(id);
        }
      }
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM snapshot_checks');
      await manager.query(
        `INSERT INTO snapshot_checks (checked_at, checked, unreadable, unreadable_case_ids)
         VALUES ($1, $2, $3, $4)`,
        [checkedAt, checked, unreadable, caseIds],
      );
    });
    if (unreadable) logJson('warn', 'case snapshots that cannot be restored', { unreadable, caseIds });
    return { checkedAt: checkedAt.toISOString(), checked, unreadable, caseIds };
  }

  /** The latest check's result; null before the first. */
  async latest(): Promise<SnapshotCheckResult | null> {
    const [row]: {
      checked_at: Date;
      checked: number;
      unreadable: number;
      unreadable_case_ids: string[];
    }[] = await this.dataSource.query(
      // Two workers checking at once may both have written a row; the next check keeps one.
      `SELECT checked_at, checked, unreadable, unreadable_case_ids FROM snapshot_checks
       ORDER BY id DESC LIMIT 1`,
    );
    return row
      ? {
          checkedAt: row.checked_at.toISOString(),
          checked: row.checked,
          unreadable: row.unreadable,
          caseIds: row.unreadable_case_ids,
        }
      : null;
  }
}
