import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versions of the case chart: the version a case runs on is the one its snapshot names (stored snapshots
 * without one are version 1), kept as a column for the lists, health and the migration; an ambito's choice
 * of the version new referrals start on is kept with who chose it and when (the latest row is in force).
 */
export class ChartVersions1767500000000 implements MigrationInterface {
  name = 'ChartVersions1767500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE cases ADD COLUMN workflow_version integer
        GENERATED ALWAYS AS (COALESCE((snapshot->>'version')::integer, 1)) STORED;
      CREATE INDEX cases_workflow_version_idx ON cases (workflow_version, state);
      CREATE TABLE ambito_chart_versions (
        id bigserial PRIMARY KEY,
        ambito text NOT NULL,
        version integer NOT NULL,
        previous_version integer NOT NULL,
        chosen_at timestamptz NOT NULL,
        chosen_by uuid NOT NULL REFERENCES users(id)
      );
      CREATE INDEX ambito_chart_versions_ambito_idx ON ambito_chart_versions (ambito, id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE ambito_chart_versions;
      DROP INDEX cases_workflow_version_idx;
      ALTER TABLE cases DROP COLUMN workflow_version;
    `);
  }
}
