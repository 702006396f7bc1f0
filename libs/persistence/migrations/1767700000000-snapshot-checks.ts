import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The latest check of every case's stored snapshot against the released versions of the chart (one row: each
 * check replaces the one before), so that /api/health names the cases that do not restore without restoring a
 * million snapshots on every call. At most a bounded number of their ids is kept; `unreadable` counts them all.
 */
export class SnapshotChecks1767700000000 implements MigrationInterface {
  name = 'SnapshotChecks1767700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE snapshot_checks (
        id bigserial PRIMARY KEY,
        checked_at timestamptz NOT NULL,
        checked integer NOT NULL,
        unreadable integer NOT NULL,
        unreadable_case_ids uuid[] NOT NULL
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE snapshot_checks;');
  }
}
